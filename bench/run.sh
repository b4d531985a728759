#!/usr/bin/env bash
# tailboard's benchmark (issue 7): builds tailboard and the load tool, starts tailboard and its peers on
# loopback, runs every scenario against each, stops all it started and writes BENCHMARKS.md plus raw JSON
# in bench/results/<time>/.   Usage: bench/run.sh [--quick]
#   --quick   a smoke run (< 5 minutes): smaller scenarios, one server per system, and only resume for
#             tailboard's transports other than SSE; its report goes to bench/results/<time>/BENCHMARKS.md,
#             never over the committed BENCHMARKS.md, which holds full runs only
#   BENCH_SYSTEMS="tailboard-sse frontail"   only these systems (default: every one available; nchan needs
#             nginx with libnginx-mod-nchan; tailboard-cluster needs redis-server and nginx: one writer node,
#             two serving nodes behind nginx, one Redis)
#   BENCH_JFR=1   record tailboard with JDK Flight Recorder (a .jfr per server next to the results)
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=false
if [[ "${1:-}" == "--quick" ]]; then
  QUICK=true
elif [[ -n "${1:-}" ]]; then
  echo "usage: bench/run.sh [--quick]" >&2
  exit 2
fi

# 10,000 viewers need 10,000 sockets on each side; take the most this machine allows
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < 12000 )); then
  echo "open files limit $(ulimit -n) is below 12000: the 10,000-viewer scenarios would fail" >&2
  exit 1
fi

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS="bench/results/$STAMP"
REPORT=BENCHMARKS.md
if $QUICK; then
  REPORT="$RESULTS/BENCHMARKS.md"
fi
WORK=$(mktemp -d /tmp/tailboard-bench.XXXXXX)
LOAD_CLASSES=bench/target/load
PORT=19100
SERVER_PID=""
SERVER_DIR=""
mkdir -p "$RESULTS"

# Ends a server and everything it started, by process group: each server runs in a session of its own
# (setsid), so even a child left behind by a crashed server (a tutorial server's `tail`) goes with it.
stop() {
  local pid=$1
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 -- "-$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    stop "$SERVER_PID"
    SERVER_PID=""
  fi
  stop_cluster
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

# --- build -----------------------------------------------------------------------------------------
log "building tailboard"
mvn -B -q -DskipTests package
log "compiling the load tool"
rm -rf "$LOAD_CLASSES"
javac -d "$LOAD_CLASSES" $(find bench/load/src -name '*.java')
if [[ ! -d bench/peers/node_modules/frontail ]]; then
  log "installing frontail from npm"
  npm ci --prefix bench/peers --no-audit --no-fund --loglevel=error
fi

# --- the machine -----------------------------------------------------------------------------------
node -e '
  const os = require("os"), fs = require("fs");
  const [jdk, nodev, frontail, commit, quick, out] = process.argv.slice(1);
  fs.writeFileSync(out, JSON.stringify({
    date: new Date().toISOString(), quick: quick === "true", commit,
    nproc: os.cpus().length, cpu: os.cpus()[0].model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: os.release(), jdk, node: nodev, frontail, loadavg: os.loadavg(),
  }, null, 2));
' "$(java -version 2>&1 | head -1)" "$(node --version)" \
  "$(node -p 'require("./bench/peers/node_modules/frontail/package.json").version')" \
  "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" "$QUICK" "$RESULTS/machine.json"

# --- servers ---------------------------------------------------------------------------------------
# start SYSTEM DIR: starts a server for the log DIR/logs/bench.log and sets SERVER_PID and PORT.
start() {
  local system=$1 dir=$2
  PORT=$((PORT + 1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
  local out="$dir/server.out" probe
  case "$system" in
    tailboard-*)
      local jfr=()
      if [[ "${BENCH_JFR:-}" == 1 ]]; then
        jfr=("-XX:StartFlightRecording=filename=$RESULTS/tailboard-$PORT.jfr,settings=profile,dumponexit=true")
      fi
      setsid java -Dtailboard.logs-dir="$dir/logs" -Dtailboard.demo.enabled=false -Dmicronaut.server.port="$PORT" \
        "${jfr[@]}" -jar target/tailboard.jar >"$out" 2>&1 &
      probe="/api/jobs" ;;
    tail-sse)
      setsid node bench/peers/tail-sse.js "$PORT" "$dir/logs" >"$out" 2>&1 &
      probe="/" ;;
    nchan)
      # nginx and its publisher in one session: the cost of both is the system's cost
      sed "s/PORT/$PORT/" bench/peers/nchan.conf >"$dir/nchan.conf"
      setsid sh -c 'dir=$1; shift; /usr/sbin/nginx -p "$dir/" -e "$dir/error.log" -c "$dir/nchan.conf" &
        node bench/peers/nchan-publish.js "$@" & wait' sh "$dir" "$PORT" "$dir"/logs/*.log >"$out" 2>&1 &
      probe="/" ;;
    frontail)
      setsid node bench/peers/node_modules/frontail/index.js --disable-usage-stats -h 127.0.0.1 -p "$PORT" \
        "$dir/logs/bench.log" >"$out" 2>&1 &
      probe="/" ;;
    *) echo "unknown system $system" >&2; exit 2 ;;
  esac
  SERVER_PID=$!
  SERVER_DIR=$dir
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT$probe"; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  local status=running
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    status="exited ($(wait "$SERVER_PID" 2>/dev/null; echo $?))"
  fi
  log "$system on port $PORT did not answer within 60 s, $status:"
  tail -20 "$out" >&2
  return 1
}

# finish [NAME]: stops the server; keeps the end of its output with the results, saying if it died early.
finish() {
  local name=${1:-}
  if [[ -n "$name" ]]; then
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "$name: the server had ended before the scenario did (status $(wait "$SERVER_PID" 2>/dev/null; echo $?))"
    fi
    tail -200 "$SERVER_DIR/server.out" >"$RESULTS/$name.server.log" 2>/dev/null || true
  fi
  stop "$SERVER_PID"
  SERVER_PID=""
}

# load SCENARIO SYSTEM DIR NAME [options]: runs the load tool against the running server.
load() {
  local scenario=$1 system=$2 dir=$3 name=$4
  shift 4
  log "$name"
  local job=bench
  if [[ "$scenario" == catchup ]]; then job=catchup; fi
  if [[ "$scenario" == many ]]; then job=many-0; fi
  if ! timeout 900 java -Xms1g -Xmx4g -cp "$LOAD_CLASSES" dev.tailboard.bench.Load "$scenario" \
      --transport "$system" --port "$PORT" --pid "$SERVER_PID" --job "$job" \
      --file "$dir/logs/$job.log" --out "$RESULTS/$name.json" "$@"; then
    log "$name failed (server alive: $(kill -0 "$SERVER_PID" 2>/dev/null && echo yes || echo no))"
  fi
}

new_dir() {
  local dir="$WORK/$1"
  rm -rf "$dir"
  mkdir -p "$dir/logs"
  touch "$dir/logs/bench.log"
  echo "$dir"
}

# The logs of the many-logs scenario (many-0 … many-<n-1>), there before the server starts.
add_many_logs() {
  local dir=$1 count=$2
  for ((i = 0; i < count; i++)); do
    touch "$dir/logs/many-$i.log"
    echo '{"status": "running"}' >"$dir/logs/many-$i.json"
  done
}

# A finished 200 MB build log for catch-up (job id "catchup" next to "bench").
add_catchup_log() {
  local dir=$1 mb=$2
  java -cp "$LOAD_CLASSES" dev.tailboard.bench.Load gen --file "$dir/logs/catchup.log" --mb "$mb"
  echo '{"status": "success", "exitCode": 0}' >"$dir/logs/catchup.json"
}

# --- the cluster: Redis, a writer node, two serving nodes behind nginx ------------------------------
CLUSTER_PIDS=()

stop_cluster() {
  local pid
  for pid in "${CLUSTER_PIDS[@]}"; do
    stop "$pid"
  done
  CLUSTER_PIDS=()
}

# next_port: sets PORT to the next port nothing listens on.
next_port() {
  PORT=$((PORT + 1))
  while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
}

# await_ok URL: true once URL answers 200 (at most 60 s).
await_ok() {
  for _ in $(seq 1 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1" || true) == 200 ]] && return 0
    sleep 0.5
  done
  return 1
}

# cluster_fanout VIEWERS SECONDS: the fan-out scenario through nginx to two serving nodes, the log written on
# a third node's folder; the probed process is redis-server, whose memory per MB of log is added to the result.
cluster_fanout() {
  local viewers=$1 seconds=$2 name="tailboard-cluster-fanout-$1" node redis_port redis_pid nginx_port
  local dir="$WORK/$name" ports=()
  mkdir -p "$dir/nginx"
  for node in writer web1 web2; do mkdir -p "$dir/$node/logs"; done
  touch "$dir/writer/logs/bench.log"
  next_port; redis_port=$PORT
  setsid redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$dir/redis.out" 2>&1 &
  redis_pid=$!; CLUSTER_PIDS+=("$redis_pid")
  for node in writer web1 web2; do
    next_port; ports+=("$PORT")
    setsid java -Dtailboard.logs-dir="$dir/$node/logs" -Dtailboard.demo.enabled=false -Dmicronaut.server.port="$PORT" \
      -Dtailboard.cluster.redis-uri="redis://127.0.0.1:$redis_port" -Dtailboard.cluster.node-name="$node" \
      -jar target/tailboard.jar >"$dir/$node.out" 2>&1 &
    CLUSTER_PIDS+=("$!")
  done
  next_port; nginx_port=$PORT
  sed -e "s/listen 8080;/listen $nginx_port;/" -e "s/127.0.0.1:8081/127.0.0.1:${ports[1]}/" \
    -e "s/127.0.0.1:8082/127.0.0.1:${ports[2]}/" docs/cluster/nginx.conf >"$dir/nginx/nginx.conf"
  setsid nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e stderr -g 'daemon off;' >"$dir/nginx.out" 2>&1 &
  CLUSTER_PIDS+=("$!")
  if ! await_ok "http://127.0.0.1:${ports[1]}/api/jobs/bench" || ! await_ok "http://127.0.0.1:${ports[2]}/api/jobs/bench" \
      || ! await_ok "http://127.0.0.1:$nginx_port/api/jobs/bench"; then
    log "$name: the cluster did not come up (see $dir)"
    tail -5 "$dir"/*.out >&2
    stop_cluster
    return 1
  fi
  local before after
  before=$(redis-cli -p "$redis_port" info memory | tr -d '\r' | sed -n 's/^used_memory://p')
  log "$name"
  if ! timeout 900 java -Xms1g -Xmx4g -cp "$LOAD_CLASSES" dev.tailboard.bench.Load fanout --transport tailboard-sse \
      --port "$nginx_port" --pid "$redis_pid" --job bench --file "$dir/writer/logs/bench.log" \
      --out "$RESULTS/$name.json" --viewers "$viewers" --rate 100 --seconds "$seconds" --steady-seconds "$STEADY"; then
    log "$name failed"
  fi
  after=$(redis-cli -p "$redis_port" info memory | tr -d '\r' | sed -n 's/^used_memory://p')
  if [[ -f "$RESULTS/$name.json" ]]; then
    node -e '
      const fs = require("fs");
      const [file, before, after, bytes] = process.argv.slice(1);
      const result = JSON.parse(fs.readFileSync(file, "utf8"));
      result.redis = {usedMemoryBefore: +before, usedMemoryAfter: +after, logBytes: +bytes};
      fs.writeFileSync(file, JSON.stringify(result, null, 2));
    ' "$RESULTS/$name.json" "$before" "$after" "$(stat -c %s "$dir/writer/logs/bench.log")"
  fi
  for node in writer web1 web2 nginx redis; do tail -100 "$dir/$node.out" >"$RESULTS/$name.$node.log" 2>/dev/null || true; done
  stop_cluster
}

# --- which tailboard transports exist in this build ------------------------------------------------
TRANSPORTS="tailboard-sse"
find_transports() {
  local dir base
  dir=$(new_dir probe)
  start tailboard-sse "$dir"
  base="http://127.0.0.1:$PORT"
  if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
      -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "$base/ws/jobs/bench" || true) == 101 ]]; then
    TRANSPORTS="$TRANSPORTS tailboard-ws"
  fi
  if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$base/api/jobs/bench/stream" || true) == 200 ]]; then
    TRANSPORTS="$TRANSPORTS tailboard-stream"
  fi
  if curl -s --max-time 2 "$base/api/jobs/bench/log?from=0" | grep -q '"next"'; then
    TRANSPORTS="$TRANSPORTS tailboard-longpoll"
  fi
  finish
}
find_transports
PEERS="tail-sse frontail"
if [[ -x /usr/sbin/nginx && -f /usr/lib/nginx/modules/ngx_nchan_module.so ]]; then
  PEERS="nchan $PEERS"
fi
CLUSTER=""
if command -v redis-server >/dev/null && command -v nginx >/dev/null; then CLUSTER=tailboard-cluster; fi
SYSTEMS=${BENCH_SYSTEMS:-"$TRANSPORTS $PEERS $CLUSTER"}
log "systems: $SYSTEMS"

# --- scenarios -------------------------------------------------------------------------------------
# The live scenarios first send STEADY seconds of their stream unmeasured, the same for every system: the
# figures are of a server that has run a while (a JVM compiles its hot path in its first seconds of work).
STEADY=5
if $QUICK; then STEADY=2; fi
if $QUICK; then
  # one server per system for every scenario; smaller scenarios; tailboard's other transports only resume
  for system in $SYSTEMS; do
    if [[ "$system" == tailboard-cluster ]]; then cluster_fanout 300 5; continue; fi
    dir=$(new_dir "$system")
    if [[ "$system" == tailboard-sse ]]; then add_catchup_log "$dir" 50; fi
    start "$system" "$dir"
    if [[ "$system" == tailboard-* && "$system" != tailboard-sse ]]; then
      load resume "$system" "$dir" "$system-resume"
      finish "$system"
      continue
    fi
    load latency "$system" "$dir" "$system-latency" --lines 1000 --rate 200 --steady-seconds "$STEADY"
    load fanout "$system" "$dir" "$system-fanout-300" --viewers 300 --rate 100 --seconds 5 --steady-seconds "$STEADY"
    load resume "$system" "$dir" "$system-resume"
    load idle "$system" "$dir" "$system-idle" --viewers 300 --settle-ms 2000
    if [[ "$system" == tailboard-sse ]]; then load catchup "$system" "$dir" "$system-catchup" --rounds 1; fi
    finish "$system"
    if [[ "$system" != frontail ]]; then
      dir=$(new_dir "$system-many"); add_many_logs "$dir" 50; start "$system" "$dir"
      load many "$system" "$dir" "$system-many" --jobs 50 --rate 20 --seconds 5 --viewers 2 --steady-seconds "$STEADY"; finish "$system-many"
    fi
  done
else
  # a fresh server for every scenario, so that memory and CPU belong to that scenario alone
  for system in $SYSTEMS; do
    if [[ "$system" == tailboard-cluster ]]; then cluster_fanout 3000 20; continue; fi
    dir=$(new_dir "$system-latency"); start "$system" "$dir"
    load latency "$system" "$dir" "$system-latency" --lines 2000 --rate 200 --steady-seconds "$STEADY"; finish "$system-latency"
    for viewers in 10 100 1000 3000 10000; do
      dir=$(new_dir "$system-fanout-$viewers"); start "$system" "$dir"
      load fanout "$system" "$dir" "$system-fanout-$viewers" --viewers "$viewers" --rate 100 --seconds 20 --steady-seconds "$STEADY"
      finish "$system-fanout-$viewers"
    done
    # frontail follows a fixed set of files in one view: it has no log per job to follow
    if [[ "$system" != frontail ]]; then
      dir=$(new_dir "$system-many"); add_many_logs "$dir" 500; start "$system" "$dir"
      load many "$system" "$dir" "$system-many" --jobs 500 --rate 20 --seconds 20 --viewers 2 --steady-seconds "$STEADY"; finish "$system-many"
    fi
    dir=$(new_dir "$system-resume"); start "$system" "$dir"
    load resume "$system" "$dir" "$system-resume"; finish "$system-resume"
    dir=$(new_dir "$system-idle"); start "$system" "$dir"
    load idle "$system" "$dir" "$system-idle" --viewers 10000; finish "$system-idle"
    if [[ "$system" == tailboard-* ]]; then
      dir=$(new_dir "$system-catchup"); add_catchup_log "$dir" 200; start "$system" "$dir"
      load catchup "$system" "$dir" "$system-catchup" --rounds 3; finish "$system-catchup"
    fi
    rm -rf "$WORK/$system-"*
  done
fi

node bench/report.js "$RESULTS" "$REPORT"
log "wrote $REPORT and $RESULTS/"
