// `npm run bench`: the ingest benchmark. For each target — the OnCue reference
// server (validation + durable SQLite + coalesced tallies), a naive socket.io
// server that broadcasts on every vote, and a raw `ws` server that coalesces
// (the practical ceiling here) — start it in its own process, drive it from a
// second process with the same load, and print the figures and the ratios.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from './child-message.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 200);
const INFLIGHT = Number(process.env.BENCH_INFLIGHT ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

const allTargets = [
  { name: 'oncue', label: 'OnCue (validated, SQLite, coalesced)', file: 'servers/oncue.js' },
  { name: 'naive-socketio', label: 'naive socket.io (broadcast per vote)', file: 'servers/naive-socketio.js' },
  { name: 'socketio-coalesced', label: 'plain socket.io (coalesced, no storage)', file: 'servers/socketio-coalesced.js' },
  { name: 'raw-ws', label: 'raw ws (coalesced, no storage)', file: 'servers/raw-ws.js' },
];
// BENCH_SERVER_ARGS (e.g. `--cpu-prof`) is passed to every server process, for profiling.
const serverArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
// BENCH_TARGETS (e.g. `oncue`): only these targets (comma-separated), for profiling one server.
const only = (process.env.BENCH_TARGETS ?? '').split(',').filter(Boolean);
const targets = only.length ? allTargets.filter((t) => only.includes(t.name)) : allTargets;

async function measure(target) {
  const server = fork(here(target.file), [], { execArgv: ['--expose-gc', ...serverArgs], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { port, interaction } = await once(server, 'ready');
  server.send({ type: 'memory' });
  const before = await once(server, 'memory');
  const driver = fork(here('load.js'), [target.name, port, interaction, SOCKETS, INFLIGHT, SECONDS], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await once(driver, 'connected');
  server.send({ type: 'memory' });
  const after = await once(server, 'memory');
  server.send({ type: 'cpu' });
  const cpuBefore = await once(server, 'cpu');
  driver.send({ type: 'go' });
  const result = await once(driver, 'result');
  server.send({ type: 'cpu' });
  const cpuAfter = await once(server, 'cpu');
  // What the load left behind (after a forced GC): state the server keeps for a while, e.g. socket.io's recovery buffer.
  server.send({ type: 'memory' });
  const end = await once(server, 'memory');
  server.send({ type: 'final' });
  const { counted } = await once(server, 'final');
  server.send({ type: 'close' });
  await new Promise((r) => server.once('exit', r));
  return {
    ...result,
    counted,
    heapPerConnectionKB: (after.heapUsed - before.heapUsed) / SOCKETS / 1024,
    rssPerConnectionKB: (after.rss - before.rss) / SOCKETS / 1024,
    heapAfterLoadMB: end.heapUsed / 1e6,
    // The server's CPU time per answered vote over the whole load (warm-up and drain included): what a vote costs,
    // which other work on the machine changes far less than it changes votes/s.
    cpuMicrosPerVote: (cpuAfter.micros - cpuBefore.micros) / result.answered,
  };
}

const actForm =
  {
    callback: 'one ack callback per act (older clients)',
    single: 'one act per frame, answered in batched `acked` events',
  }[process.env.BENCH_ACT_FORM] ?? "the acts of a turn in one frame, answered in batched `acked` events (the SDK's form)";
console.log(`ingest benchmark: ${SOCKETS} viewer sockets, ${INFLIGHT} votes in flight, ${SECONDS} s measured (+1 s warm-up) per target; OnCue: ${actForm}\n`);
const results = {};
for (const target of targets) {
  process.stdout.write(`  running ${target.label} …\n`);
  results[target.name] = await measure(target);
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
const rows = targets.map((t) => {
  const r = results[t.name];
  return [
    t.label,
    fmt(r.votesPerSecond),
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    fmt(r.updatesPerViewerPerSecond, 1),
    fmt(r.heapPerConnectionKB, 1),
    fmt(r.rssPerConnectionKB, 1),
    fmt(r.cpuMicrosPerVote, 1),
    fmt(r.heapAfterLoadMB, 1),
    `${r.rejected}`,
  ];
});
const head = ['target', 'votes/s', 'p50 ms', 'p99 ms', 'updates/viewer/s', 'heap KB/conn', 'RSS KB/conn', 'server CPU µs/vote', 'heap MB after', 'rejected'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log('\n' + line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
rows.forEach((r) => console.log(line(r)));

const o = results.oncue;
if (o?.ackedFrames > 0) console.log(`\nOnCue's answers per acked frame: ${fmt((o.accepted + o.rejected) / o.ackedFrames, 1)}`);
// With BENCH_TARGETS leaving out OnCue or a baseline there is no ratio to print.
if (!o || targets.length < allTargets.length) process.exit(0);
console.log(`\nratios (OnCue / baseline, same run, same load):`);
console.log(`  votes/s vs raw-ws ceiling:        ${fmt(o.votesPerSecond / results['raw-ws'].votesPerSecond, 2)}× (aim ≥ 0.60×)`);
console.log(
  `  votes/s vs plain socket.io:       ${fmt(o.votesPerSecond / results['socketio-coalesced'].votesPerSecond, 2)}× (the cost of validation + de-dup + SQLite)`,
);
console.log(`  votes/s vs naive socket.io:       ${fmt(o.votesPerSecond / results['naive-socketio'].votesPerSecond, 2)}×`);
console.log(`  p99 latency vs naive socket.io:   ${fmt(o.p99 / results['naive-socketio'].p99, 2)}×`);
console.log(`  p99 latency vs raw-ws ceiling:    ${fmt(o.p99 / results['raw-ws'].p99, 2)}×`);
console.log(
  `  server CPU per vote vs raw ws:    ${fmt(o.cpuMicrosPerVote / results['raw-ws'].cpuMicrosPerVote, 2)}× (inverse ${fmt(results['raw-ws'].cpuMicrosPerVote / o.cpuMicrosPerVote, 2)}×: the votes/s ratio if each server were bound by its own CPU alone)`,
);
console.log(
  `\nOnCue accepted ${o.accepted} votes in the window (undrained at the end: ${o.undrained}); its final tally holds ${o.counted} votes — one per viewer, since each accepted change replaces that viewer's vote.`,
);
