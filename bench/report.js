// Turns one run's raw JSON (bench/results/<time>/) into BENCHMARKS.md: the machine, a table per scenario
// with a row per system, the targets of issue 7 judged on the tailboard rows, and bench/analysis.md.
// Usage: node bench/report.js <results dir> <output .md>
'use strict';

const fs = require('fs');
const path = require('path');

const [dir, output] = process.argv.slice(2);
const machine = JSON.parse(fs.readFileSync(path.join(dir, 'machine.json'), 'utf8'));
const results = {};
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'machine.json')) {
  results[file.replace(/\.json$/, '')] = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

const ORDER = ['tailboard-sse', 'tailboard-ws', 'tailboard-stream', 'tailboard-longpoll', 'tail-sse', 'frontail'];
const LABEL = {
  'tailboard-sse': 'tailboard (SSE)',
  'tailboard-ws': 'tailboard (WebSocket)',
  'tailboard-stream': 'tailboard (HTTP stream)',
  'tailboard-longpoll': 'tailboard (long polling)',
  'tail-sse': 'tail -f SSE (Node, tail per viewer)',
  frontail: `frontail ${machine.frontail} (socket.io)`,
};
const systems = ORDER.filter((s) => Object.keys(results).some((k) => k.startsWith(`${s}-`)));
const tailboards = systems.filter((s) => s.startsWith('tailboard-'));
const get = (system, scenario) => results[`${system}-${scenario}`];

const MB = 1e6;
const na = '—';
const num = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? na : v.toFixed(digits));
const kb = (bytes) => (bytes === null || bytes === undefined ? na : (bytes / 1e3).toFixed(1));
const ms = (v) => (v === null || v === undefined ? na : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const pct = (v) => (v === null || v === undefined ? na : v === 1 ? '100 %' : `${(Math.floor(v * 10000) / 100).toFixed(2)} %`);
const int = (v) => (v === null || v === undefined ? na : Math.round(v).toLocaleString('en-US'));
const mb = (bytes) => (bytes === null || bytes === undefined ? na : (bytes / MB).toFixed(0));
const loadavg = (r) => (r.loadavgBefore && r.loadavgBefore.length ? r.loadavgBefore[0].toFixed(1) : na);
const table = (head, rows) => [
  `| ${head.join(' | ')} |`,
  `|${head.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');

const out = [];
out.push('# Benchmarks');
out.push('');
out.push(`Written by \`bench/run.sh${machine.quick ? ' --quick' : ''}\` on ${machine.date.replace('T', ' ').replace(/\..*/, '')} UTC`
  + ` (commit ${machine.commit}); raw JSON in \`bench/results/\` (not committed). How to run it and what each`
  + ' scenario does: the README, section "Benchmarks".');
if (machine.quick) {
  out.push('');
  out.push('**This is a `--quick` smoke run**: fewer viewers, shorter runs, one server per system. Only a full run counts.');
}
out.push('');
out.push('## Machine');
out.push('');
out.push(table(['', ''], [
  ['CPUs (`nproc`)', `${machine.nproc} × ${machine.cpu}`],
  ['memory', `${machine.memoryGiB} GiB`],
  ['kernel', machine.kernel],
  ['JDK', machine.jdk],
  ['Node.js', machine.node],
  ['load average at start', machine.loadavg.map((l) => l.toFixed(2)).join(' ')],
]));
out.push('');
out.push('The load process (appender and every viewer, one clock) runs on the same cores as the server under test; '
  + 'other work on the machine at the time shows in the load average (the 1-minute one as each scenario began, in the "load avg" columns). MB = 10⁶ bytes, KB = 10³ bytes.');

// latency
out.push('');
const latency = systems.map((s) => [s, get(s, 'latency')]).filter(([, r]) => r);
if (latency.length) {
  const r0 = latency[0][1].delivery;
  out.push(`## Latency — 1 viewer, ${int(r0.linesWritten)} lines at ${latency[0][1].linesPerSecond} lines/s`);
  out.push('');
  out.push('Append → receive, measured on one clock: the load process stamps each line just before its `write` and reads the stamp back when the line arrives.');
  out.push('');
  out.push(table(['system', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'lost', 'doubled', 'out of order', 'load avg'],
    latency.map(([s, r]) => {
      const d = r.delivery;
      return [LABEL[s], ms(d.latencyMs.p50), ms(d.latencyMs.p90), ms(d.latencyMs.p99), ms(d.latencyMs.max),
        int(d.lost), int(d.doubled), int(d.outOfOrder), loadavg(r)];
    })));
}

// fan-out
const fanouts = [];
for (const s of systems) {
  for (const key of Object.keys(results).filter((k) => k.startsWith(`${s}-fanout-`))) {
    fanouts.push([s, results[key]]);
  }
}
fanouts.sort((a, b) => ORDER.indexOf(a[0]) - ORDER.indexOf(b[0]) || a[1].viewers - b[1].viewers);
if (fanouts.length) {
  const f0 = fanouts[0][1];
  out.push('');
  out.push(`## Fan-out — N viewers of one log, ${f0.linesPerSecond} lines/s for ${f0.delivery.linesWritten / f0.linesPerSecond} s`);
  out.push('');
  out.push('Delivered = distinct lines received by all viewers ÷ (viewers × lines written); a viewer that could not '
    + 'connect counts as receiving nothing. Latency over every line received. Server memory and CPU are those of '
    + 'its whole process tree (the tail processes of the tutorial server included); CPU seconds are spent while '
    + 'the lines are written and delivered. Dropped = connections refused or closed by the server.');
  out.push('');
  out.push(table(['system', 'viewers', 'delivered', 'p50 ms', 'p99 ms', 'RSS MB', 'peak RSS MB', 'server CPU s',
    'dropped', 'processes', 'load avg'],
  fanouts.map(([s, r]) => {
    const d = r.delivery || {};
    const sv = r.server || {};
    return [LABEL[s], int(r.viewers), pct(d.delivered), ms(d.latencyMs && d.latencyMs.p50),
      ms(d.latencyMs && d.latencyMs.p99), mb(sv.rssBytes), mb(sv.peakRssBytes), num(sv.cpuSeconds),
      int(d.dropped), int(sv.processes), loadavg(r)];
  })));
}

// cluster
const clusters = Object.keys(results).filter((k) => k.startsWith('tailboard-cluster-fanout-'))
  .map((k) => results[k]).sort((a, b) => a.viewers - b.viewers);
const perMbOfLog = (r) => (r.redis && r.redis.logBytes > 0
  ? ((r.redis.usedMemoryAfter - r.redis.usedMemoryBefore) / r.redis.logBytes).toFixed(2) : na);
if (clusters.length) {
  out.push('');
  out.push('## Cluster — one writer node, two serving nodes behind nginx, one Redis');
  out.push('');
  out.push(`The fan-out scenario (${clusters[0].linesPerSecond} lines/s) through nginx with \`docs/cluster/nginx.conf\`, `
    + 'which spreads the viewers over two nodes; the log is written in a third node\'s folder, so every line goes '
    + 'file → writer node → Redis → serving node → viewer. Three JVMs, Redis, nginx and the load process share the '
    + 'machine. Redis CPU: redis-server\'s own while the lines are written and delivered. Redis memory: growth of its '
    + '`used_memory` per MB of log; these are short lines written one at a time, one stream entry each, so the '
    + 'entries\' own overhead counts (a log written in bulk takes 1.02 MB per MB, see docs/cluster.md).');
  out.push('');
  out.push(table(['viewers', 'delivered', 'p50 ms', 'p99 ms', 'Redis CPU s', 'Redis RSS MB', 'Redis MB per MB of log',
    'dropped', 'load avg'],
  clusters.map((r) => {
    const d = r.delivery || {};
    const sv = r.server || {};
    return [int(r.viewers), pct(d.delivered), ms(d.latencyMs && d.latencyMs.p50), ms(d.latencyMs && d.latencyMs.p99),
      num(sv.cpuSeconds, 2), mb(sv.rssBytes), perMbOfLog(r), int(d.dropped), loadavg(r)];
  })));
}

// resume
const resumes = systems.map((s) => [s, get(s, 'resume')]).filter(([, r]) => r);
if (resumes.length) {
  out.push('');
  out.push('## Resume — a viewer away for 2 s while 400 lines are written');
  out.push('');
  out.push('100 lines at 200 lines/s, the viewer disconnects, 400 lines in 2 s, it reconnects as its client does '
    + '(tailboard: `Last-Event-ID`/`from` with the last cursor; the tutorial server: a new EventSource request, '
    + 'it sends no ids; frontail: a new socket.io connection), then 100 more lines.');
  out.push('');
  out.push(table(['system', 'reconnected', 'lost while away (of 400)', 'lost after return (of 100)', 'doubled', 'out of order'],
    resumes.map(([s, r]) => [LABEL[s], r.resume.reconnected ? 'yes' : 'no', int(r.resume.lostWhileAway),
      int(r.resume.lostAfter), int(r.resume.doubled), int(r.resume.outOfOrder)])));
}

// catch-up
const catchups = systems.map((s) => [s, get(s, 'catchup')]).filter(([, r]) => r);
const median = (values) => {
  const v = values.filter((x) => x !== null && !Number.isNaN(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
};
if (catchups.length) {
  const c0 = catchups[0][1];
  out.push('');
  out.push(`## Catch-up — one viewer from offset 0 of a finished ${mb(c0.bytes)} MB log (${int(c0.lines)} lines)`);
  out.push('');
  out.push(`${c0.rounds.length} round(s), each: \`cat\` of the file, a download of \`/api/jobs/{id}/raw\`, then the `
    + 'transport from offset 0, every line checked. The first viewer also makes tailboard read and index the '
    + 'file once (cold); later rounds find the index built. The peers cannot start anywhere but the last lines.');
  out.push('');
  out.push(table(['system', 'first viewer MB/s', 'median MB/s', 'raw download MB/s (median)', 'cat MB/s (median)',
    'first ÷ raw', 'median ÷ raw', 'lost', 'doubled'],
  catchups.map(([s, r]) => {
    const raw = median(r.rounds.map((x) => x.rawMBps));
    const first = r.rounds[0].streamMBps;
    const med = median(r.rounds.map((x) => x.streamMBps));
    return [LABEL[s], num(first, 0), num(med, 0), num(raw, 0), num(median(r.rounds.map((x) => x.catMBps)), 0),
      pct(first / raw), pct(med / raw), int(Math.max(...r.rounds.map((x) => x.lost))),
      int(Math.max(...r.rounds.map((x) => x.doubled)))];
  }).concat(systems.filter((s) => !s.startsWith('tailboard-')).map((s) => [LABEL[s], na, na, na, na, na, na, na, na]))));
}

// idle
const idles = systems.map((s) => [s, get(s, 'idle')]).filter(([, r]) => r);
if (idles.length) {
  out.push('');
  out.push(`## Idle cost — ${int(idles[0][1].viewers)} idle viewers`);
  out.push('');
  out.push('Server memory with every viewer connected to a quiet log, minus the same before they came, per connected '
    + 'viewer. Heap: the Java heap in use after a full GC (`jcmd GC.run`, then `GC.heap_info`). PSS counts pages '
    + 'shared between processes once (the many `tail`s share their libc).');
  out.push('');
  out.push(table(['system', 'connected', 'heap KB/viewer', 'RSS KB/viewer', 'PSS KB/viewer', 'RSS after MB', 'processes'],
    idles.map(([s, r]) => {
      const i = r.idle;
      return [LABEL[s], int(i.connected), kb(i.heapPerViewerBytes), kb(i.rssPerViewerBytes),
        kb(i.pssPerViewerBytes), mb(i.rssAfterBytes), int(i.processes)];
    })));
}

// targets
const fan = (s, n) => results[`${s}-fanout-${n}`];
const verdict = (ok) => (ok === null ? 'not run' : ok ? '**met**' : '**missed**');
const targets = [];
for (const s of tailboards) {
  const lat = get(s, 'latency');
  const f3 = fan(s, 3000);
  const f10 = fan(s, 10000);
  const res = get(s, 'resume');
  const cu = get(s, 'catchup');
  const idle = get(s, 'idle');
  targets.push([LABEL[s], 'latency, 1 viewer: p99 ≤ 5 ms, nothing lost',
    lat ? `p99 ${ms(lat.delivery.latencyMs.p99)} ms, lost ${int(lat.delivery.lost)}` : na,
    verdict(lat ? lat.delivery.latencyMs.p99 <= 5 && lat.delivery.lost === 0 : null)]);
  targets.push([LABEL[s], 'fan-out 3,000: 100 % delivered, p99 ≤ 100 ms, RSS ≤ 400 MB',
    f3 ? `${pct(f3.delivery.delivered)}, p99 ${ms(f3.delivery.latencyMs.p99)} ms, peak RSS ${mb(f3.server.peakRssBytes)} MB` : na,
    verdict(f3 ? f3.delivery.lost === 0 && f3.delivery.latencyMs.p99 <= 100 && f3.server.peakRssBytes <= 400 * MB : null)]);
  targets.push([LABEL[s], 'fan-out 10,000: 100 % delivered, p99 ≤ 1 s',
    f10 ? `${pct(f10.delivery.delivered)}, p99 ${ms(f10.delivery.latencyMs.p99)} ms` : na,
    verdict(f10 ? f10.delivery.lost === 0 && f10.delivery.latencyMs.p99 <= 1000 : null)]);
  targets.push([LABEL[s], 'resume after 2 s away: 0 lost, 0 doubled',
    res ? `lost ${int(res.delivery.lost)}, doubled ${int(res.resume.doubled)}` : na,
    verdict(res ? res.delivery.lost === 0 && res.resume.doubled === 0 : null)]);
  if (cu) {
    const raw = median(cu.rounds.map((x) => x.rawMBps));
    const first = cu.rounds[0].streamMBps / raw;
    const med = median(cu.rounds.map((x) => x.streamMBps)) / raw;
    targets.push([LABEL[s], 'catch-up: ≥ 50 % of the raw download\'s MB/s (first viewer and median)',
      `first ${pct(first)}, median ${pct(med)}`, verdict(first >= 0.5 && med >= 0.5)]);
  } else {
    targets.push([LABEL[s], 'catch-up: ≥ 50 % of the raw download\'s MB/s', na, verdict(null)]);
  }
  targets.push([LABEL[s], 'idle: ≤ 20 KB of heap per idle viewer',
    idle && idle.idle.heapPerViewerBytes !== null ? `${kb(idle.idle.heapPerViewerBytes)} KB` : na,
    verdict(idle && idle.idle.heapPerViewerBytes !== null ? idle.idle.heapPerViewerBytes <= 20e3 : null)]);
}
const cluster3000 = results['tailboard-cluster-fanout-3000'];
if (clusters.length) {
  targets.push(['tailboard cluster (SSE through nginx)', 'fan-out 3,000 over two nodes: 100 % delivered, p99 ≤ 250 ms (issue 17)',
    cluster3000 ? `${pct(cluster3000.delivery.delivered)}, p99 ${ms(cluster3000.delivery.latencyMs.p99)} ms` : na,
    verdict(cluster3000 ? cluster3000.delivery.lost === 0 && cluster3000.delivery.latencyMs.p99 <= 250 : null)]);
}
if (targets.length) {
  out.push('');
  out.push('## Targets of issue 7');
  out.push('');
  out.push(table(['system', 'target', 'measured', 'verdict'], targets));
}

const analysis = path.join(__dirname, 'analysis.md');
if (fs.existsSync(analysis)) {
  out.push('');
  out.push(fs.readFileSync(analysis, 'utf8').trim());
}
fs.writeFileSync(output, `${out.join('\n')}\n`);
