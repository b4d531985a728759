#!/usr/bin/env bash
# Takes the screenshots of docs/screenshots/. viewer.png: builds the jar, runs tailboard on a free port over a
# temp logs folder with the demo's failing build, and has headless Chromium photograph its log viewer.
# viewer-times.png (a failed build with line times and the error gutter) and dashboard-filtered.png (the
# dashboard at ?status=failed&q=backend): src/test/java/dev/tailboard/web/DocsScreenshots.java, which
# writes a build's log as a build does and presses the viewer's keys. login.png, job-actions.png (Cancel and
# Re-run, annotations), dashboard-phone.png and log-phone.png (390 px wide): the browser tests that show them.
# Rerun it after a change to the pages.
# Needs a JDK 17, Maven, chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/tailboard.jar ] || mvn -q -B -DskipTests package
logs=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Dmicronaut.server.port="$port" -Dtailboard.logs-dir="$logs" -Dtailboard.demo.pace=0 \
     -jar target/tailboard.jar >"$logs/server.out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$logs"' EXIT
# the demo runs both builds at start; wait until the failing one is over
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/api/jobs/demo-failing/1" | grep -q '"status":"failed"'; then
    break
  fi
  sleep 0.5
done
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,800 \
         --virtual-time-budget=3000 --screenshot="$PWD/docs/screenshots/viewer.png" \
         "http://127.0.0.1:$port/jobs/demo-failing/1" 2>/dev/null
echo "wrote docs/screenshots/viewer.png"
mvn -q -B test -Dtest='DocsScreenshots,LoginBrowserTest,JobActionsBrowserTest,PhoneBrowserTest' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots.dir="$PWD/docs/screenshots"
echo "wrote the other screenshots of docs/screenshots/"
