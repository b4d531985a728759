// Turns one run's raw JSON (bench/results/<time>/) into BENCHMARKS.md: the machine, a table per scenario
// with a row per system, the targets of issue 16 judged on the tailboard rows, and bench/analysis.md.
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

const ORDER = ['tailboard-sse', 'tailboard-ws', 'tailboard-stream', 'tailboard-longpoll', 'nchan', 'tail-sse', 'frontail'];
const LABEL = {
  'tailboard-sse': 'tailboard (SSE)',
  'tailboard-ws': 'tailboard (WebSocket)',
  'tailboard-stream': 'tailboard (HTTP stream)',
  'tailboard-longpoll': 'tailboard (long polling)',
  nchan: 'nginx + nchan (C, SSE; fed by tail -F)',
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
// server CPU per line delivered to a viewer, in microseconds
const cpuPerLine = (r) => (r && r.server && r.delivery && r.delivery.received > 0
  ? num(r.server.cpuSeconds / r.delivery.received * 1e6, 1) : na);
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
  + ' scenario does: docs/operations.md, section "Benchmarks".');
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
const steady = Object.values(results).map((r) => r.steadyLines && r.linesPerSecond ? r.steadyLines / (r.linesPerSecondEach || r.linesPerSecond) : 0);
if (Math.max(0, ...steady) > 0) {
  out.push('');
  out.push(`Steady state: before the measured lines of the latency, fan-out, many-logs and cluster scenarios, every system first serves ${Math.max(...steady)} s of the same stream to the same viewers, unmeasured, until each viewer has it all; `
    + 'the figures (and CPU) are those of a server that has been working, not of its first seconds, in which a JVM compiles its hot path. Each scenario still gets a freshly started server.');
}

// latency
out.push('');
const latency = systems.map((s) => [s, get(s, 'latency')]).filter(([, r]) => r);
if (latency.length) {
  const r0 = latency[0][1].delivery;
  out.push(`## Latency — 1 viewer, ${int(r0.linesWritten)} lines at ${latency[0][1].linesPerSecond} lines/s`);
  out.push('');
  out.push('Append → receive, measured on one clock: the load process stamps each line just before its `write` and reads the stamp back when the line arrives.');
  out.push('');
  out.push(table(['system', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'lost', 'doubled', 'out of order',
    'server CPU µs/line', 'load avg'],
  latency.map(([s, r]) => {
    const d = r.delivery;
    return [LABEL[s], ms(d.latencyMs.p50), ms(d.latencyMs.p90), ms(d.latencyMs.p99), ms(d.latencyMs.max),
      int(d.lost), int(d.doubled), int(d.outOfOrder), cpuPerLine(r), loadavg(r)];
  })));
}

// a row of a live scenario (fan-out, many logs)
const LIVE_HEAD = ['system', 'viewers', 'delivered', 'p50 ms', 'p99 ms', 'RSS MB', 'peak RSS MB', 'server CPU s',
  'CPU µs/line', 'dropped', 'processes', 'load avg'];
const liveRow = (s, r) => {
  const d = r.delivery || {};
  const sv = r.server || {};
  return [LABEL[s], int(r.viewers), pct(d.delivered), ms(d.latencyMs && d.latencyMs.p50),
    ms(d.latencyMs && d.latencyMs.p99), mb(sv.rssBytes), mb(sv.peakRssBytes), num(sv.cpuSeconds), cpuPerLine(r),
    int(d.dropped), int(sv.processes), loadavg(r)];
};

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
    + 'the lines are written and delivered; CPU µs/line = those seconds ÷ lines received by all viewers together. '
    + 'Dropped = connections refused or closed by the server.');
  out.push('');
  out.push(table(LIVE_HEAD, fanouts.map(([s, r]) => liveRow(s, r))));
}

// many logs
const manys = systems.map((s) => [s, get(s, 'many')]).filter(([, r]) => r && r.delivery);
if (manys.length) {
  const m0 = manys[0][1];
  out.push('');
  out.push(`## Many logs — ${int(m0.jobs)} jobs each writing ${m0.linesPerSecondEach} lines/s, ${int(m0.viewers / m0.jobs)} viewers each`);
  out.push('');
  out.push(`The shape of a busy CI: ${int(m0.linesPerSecond)} lines/s in all, one \`write\` per line, the logs in turn; `
    + `${int(m0.viewers)} viewers, each following its own job's log for ${m0.delivery.linesWritten / m0.linesPerSecondEach} s. `
    + 'frontail has no log per job to follow (it shows a fixed set of files in one view), so it has no row.');
  out.push('');
  out.push(table(LIVE_HEAD, manys.map(([s, r]) => liveRow(s, r))));
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

// targets (issue 16; resume and idle kept from issue 7)
const fan = (s, n) => results[`${s}-fanout-${n}`];
const verdict = (ok) => (ok === null || ok === undefined ? 'not run' : ok ? '**met**' : '**missed**');
const perLine = (r) => (r && r.server && r.delivery && r.delivery.received > 0 ? r.server.cpuSeconds / r.delivery.received * 1e6 : null);
const p99 = (r) => (r && r.delivery ? r.delivery.latencyMs.p99 : null);
const whole = (r) => r && r.delivery && r.delivery.lost === 0;
const targets = [];
for (const s of tailboards) {
  const lat = get(s, 'latency');
  targets.push([LABEL[s], '1 viewer: p50 ≤ 0.5 ms, p99 ≤ 2 ms',
    lat ? `p50 ${ms(lat.delivery.latencyMs.p50)} ms, p99 ${ms(p99(lat))} ms` : na,
    verdict(lat ? lat.delivery.latencyMs.p50 <= 0.5 && p99(lat) <= 2 : null)]);
  const f1 = fan(s, 1000);
  const front1 = fan('frontail', 1000);
  targets.push([LABEL[s], '1,000 viewers: 100 % delivered, p99 ≤ 50 ms, CPU/line ≤ ½ frontail\'s',
    f1 ? `${pct(f1.delivery.delivered)}, p99 ${ms(p99(f1))} ms, ${num(perLine(f1))} µs/line (frontail ${num(perLine(front1))})` : na,
    verdict(f1 ? whole(f1) && p99(f1) <= 50 && (perLine(front1) === null || perLine(f1) <= perLine(front1) / 2) : null)]);
  const f3 = fan(s, 3000);
  const limit3 = s === 'tailboard-longpoll' ? 300 : 100;
  targets.push([LABEL[s], `3,000 viewers: 100 % delivered, p99 ≤ ${limit3} ms, peak RSS ≤ 500 MB`,
    f3 ? `${pct(f3.delivery.delivered)}, p99 ${ms(p99(f3))} ms, peak RSS ${mb(f3.server.peakRssBytes)} MB` : na,
    verdict(f3 ? whole(f3) && p99(f3) <= limit3 && f3.server.peakRssBytes <= 500 * MB : null)]);
  const f10 = fan(s, 10000);
  targets.push([LABEL[s], '10,000 viewers: 100 % delivered, p99 ≤ 1 s, peak RSS ≤ 1.2 GB',
    f10 ? `${pct(f10.delivery.delivered)}, p99 ${ms(p99(f10))} ms, peak RSS ${mb(f10.server.peakRssBytes)} MB` : na,
    verdict(f10 ? whole(f10) && p99(f10) <= 1000 && f10.server.peakRssBytes <= 1200 * MB : null)]);
  const many = get(s, 'many');
  targets.push([LABEL[s], 'many logs: 100 % delivered, p99 ≤ 50 ms',
    many && many.delivery ? `${pct(many.delivery.delivered)}, p99 ${ms(p99(many))} ms` : na,
    verdict(many && many.delivery ? whole(many) && p99(many) <= 50 : null)]);
  for (const n of [1000, 3000, 10000]) {
    const mine = fan(s, n);
    const nchan = fan('nchan', n);
    targets.push([LABEL[s], `${int(n)} viewers against nginx + nchan: CPU/line ≤ 1.5 ×, p99 ≤ 2 ×`,
      mine && nchan ? `${num(perLine(mine))} vs ${num(perLine(nchan))} µs/line (${num(perLine(mine) / perLine(nchan), 2)} ×), `
        + `p99 ${ms(p99(mine))} vs ${ms(p99(nchan))} ms (${num(p99(mine) / p99(nchan), 2)} ×)` : na,
      verdict(mine && nchan ? perLine(mine) <= 1.5 * perLine(nchan) && p99(mine) <= 2 * p99(nchan) : null)]);
  }
  const cu = get(s, 'catchup');
  if (s === 'tailboard-sse') {
    const raw = cu ? median(cu.rounds.map((x) => x.rawMBps)) : null;
    const med = cu ? median(cu.rounds.map((x) => x.streamMBps)) / raw : null;
    targets.push([LABEL[s], 'catch-up from 0: ≥ 90 % of the raw download\'s MB/s (median)',
      cu ? `median ${pct(med)} (first viewer ${pct(cu.rounds[0].streamMBps / raw)})` : na, verdict(cu ? med >= 0.9 : null)]);
  }
  const res = get(s, 'resume');
  targets.push([LABEL[s], 'resume after 2 s away: 0 lost, 0 doubled (issue 7)',
    res ? `lost ${int(res.delivery.lost)}, doubled ${int(res.resume.doubled)}` : na,
    verdict(res ? res.delivery.lost === 0 && res.resume.doubled === 0 : null)]);
  const idle = get(s, 'idle');
  targets.push([LABEL[s], 'idle: ≤ 20 KB of heap per idle viewer (issue 7)',
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
  out.push('## Targets of issue 16');
  out.push('');
  out.push('Judged on this run alone; the peers\' figures are from the same run.');
  out.push('');
  out.push(table(['system', 'target', 'measured', 'verdict'], targets));
}

const analysis = path.join(__dirname, 'analysis.md');
if (fs.existsSync(analysis)) {
  out.push('');
  out.push(fs.readFileSync(analysis, 'utf8').trim());
}
fs.writeFileSync(output, `${out.join('\n')}\n`);
