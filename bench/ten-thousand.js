// `npm run bench:10k`: 10,000 viewer connections on one node (issue 14, benchmark 5c).
//
// One OnCue server process (the built server, SQLite as shipped, one poll open that allows vote changes; the
// per-address caps, budgets and shared-address flag are off because every load socket comes from 127.0.0.1, the per-socket action
// rate stays at its default) and BENCH_PROCESSES load generators (bench/ten-thousand-load.js, raw `ws` speaking
// socket.io's text protocol) holding BENCH_VIEWERS connections between them. Every viewer votes, open loop, so
// that BENCH_RATE votes/s are offered in all, for BENCH_WARMUP s of warm-up and BENCH_SECONDS s measured.
//
// Prints: connections established, votes/s acknowledged, p50/p99 action-to-ack, tally updates received per
// viewer per second (the server coalesces every 100 ms: 10/s at most), the server's RSS and heap per connection
// (after a forced GC, connected minus before), the server's CPU and each generator's own CPU (and event-loop
// utilization: a generator near 100% would be the bottleneck), and the whole machine's CPU in the window.
// Knobs: BENCH_VIEWERS (10000), BENCH_PROCESSES (4), BENCH_RATE (votes/s offered in all, 5000),
// BENCH_SECONDS (10), BENCH_WARMUP (5), BENCH_CONNECT_CONCURRENCY (handshakes in flight per generator, 50);
// BENCH_SERVER_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) is passed to the OnCue server process;
// BENCH_BASELINE=raw-ws,socketio-coalesced runs the same load on those baselines after OnCue, with the ratios;
// BENCH_TIMELINE=1 prints what the generators receive every second; BENCH_DEBUG=1 a refused ack and an update.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { once } from './child-message.js';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 10_000);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
const RATE = Number(process.env.BENCH_RATE ?? 5_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc's CPU times. */
const TICKS = 100;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSecondsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}
/** The main thread's (the event loop's) time on a core and time runnable but waiting for one, in s, from /proc's schedstat. */
function schedOf(pid) {
  const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
  return { onCpu: onCpu / 1e9, waiting: waiting / 1e9 };
}
/** The whole machine's busy and total CPU ticks (all cores), from /proc/stat. */
function machineTicks() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = values.map(Number);
  const idle = n[3] + n[4];
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

let asked = 0;
async function serverMemory(server) {
  const id = ++asked;
  server.send({ type: 'memory', gc: true, id });
  for (;;) {
    const msg = await once(server, 'memory');
    if (msg.id === id) return msg;
  }
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a');
const MB = 1024 * 1024;

const LABELS = {
  oncue: 'OnCue (SQLite, as shipped)',
  'socketio-coalesced': "plain socket.io (coalesced, no validation or storage, no connection-state recovery; its update is ~80 bytes, OnCue's ~560)",
  'raw-ws': "raw ws ceiling (no socket.io, validation or storage; its update is ~50 bytes, OnCue's ~560)",
};

/** Starts the target server process: OnCue (the built server) or the raw `ws` ceiling of bench/run.js. */
async function startTarget(target) {
  if (target === 'raw-ws' || target === 'socketio-coalesced') {
    const server = fork(here(`servers/${target}.js`), [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await once(server, 'ready');
    return { server, port: ready.port, interaction: ready.interaction };
  }
  // Every load socket comes from 127.0.0.1: the per-address rules are off (budgets, the cap on connections and on new
  // anonymous viewers, and the credit signal's shared-address flag, which would flag — and tell — every viewer here).
  const options = { eventBudgets: false, maxSocketsPerAddress: false, anonymousViewers: false, sharedAddressViewers: Number.MAX_SAFE_INTEGER };
  const server = fork(here('servers/budget-target.js'), [], {
    execArgv: ['--expose-gc', ...(process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, TARGET_POLLS: '1', TARGET_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await once(server, 'ready');
  return { server, port: ready.port, interaction: ready.polls[0] };
}

/** Runs the whole scenario against one target and prints its figures; returns the ones compared across targets. */
async function measure(target) {
  const { server, port, interaction } = await startTarget(target);
  console.log(`\n${LABELS[target]}:`);
  console.log(
    `  load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const before = await serverMemory(server);
  const shares = Array.from({ length: PROCESSES }, (_, i) => Math.floor(VIEWERS / PROCESSES) + (i < VIEWERS % PROCESSES ? 1 : 0));
  const generators = shares.map((viewers, i) =>
    fork(here('ten-thousand-load.js'), [port, interaction, viewers, (RATE * viewers) / VIEWERS, i, target], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  let timeline;
  // BENCH_TIMELINE=1: every second, what the generators received in all (to see stalls).
  if (process.env.BENCH_TIMELINE) {
    const last = generators.map(() => ({ frames: 0, updates: 0, acks: 0 }));
    const now = generators.map(() => ({ frames: 0, updates: 0, acks: 0 }));
    generators.forEach((g, i) => g.on('message', (m) => m.type === 'seen' && (now[i] = m)));
    const t = performance.now();
    timeline = setInterval(() => {
      const d = (k) => now.reduce((s, n, i) => s + n[k] - last[i][k], 0);
      const cpu = cpuSecondsOf(server.pid).toFixed(1);
      console.log(
        `    t=${((performance.now() - t) / 1000).toFixed(0)} s: ${d('frames')} frames, ${d('updates')} updates, ${d('acks')} acks; server CPU ${cpu} s`,
      );
      now.forEach((n, i) => (last[i] = n));
    }, 1000).unref();
  }
  const connectStart = performance.now();
  const connects = await Promise.all(generators.map((g) => once(g, 'connected')));
  const connectSeconds = (performance.now() - connectStart) / 1000;
  const established = connects.reduce((sum, c) => sum + c.connected, 0);
  const failedConnects = connects.reduce((sum, c) => sum + c.failed, 0);
  // Let the last welcomes and snapshots go out before measuring the memory the connections hold.
  await new Promise((r) => setTimeout(r, 2000));
  const after = await serverMemory(server);
  console.log(
    `  connected ${established.toLocaleString('en')} of ${VIEWERS.toLocaleString('en')} in ${connectSeconds.toFixed(1)} s (${failedConnects} failed); the server counts ${fmt(after.clients)} engine.io clients`,
  );

  for (const g of generators) g.send({ type: 'go' });
  await new Promise((r) => setTimeout(r, WARMUP * 1000));
  const serverCpu0 = cpuSecondsOf(server.pid);
  const sched0 = schedOf(server.pid);
  const machine0 = machineTicks();
  const t0 = performance.now();
  for (const g of generators) g.send({ type: 'measure' });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const results = Promise.all(generators.map((g) => once(g, 'result')));
  for (const g of generators) g.send({ type: 'stop' });
  const elapsed = (performance.now() - t0) / 1000;
  const serverCpu = (cpuSecondsOf(server.pid) - serverCpu0) / elapsed;
  const sched1 = schedOf(server.pid);
  const loopOnCpu = (sched1.onCpu - sched0.onCpu) / elapsed;
  const loopWaiting = (sched1.waiting - sched0.waiting) / elapsed;
  const machine1 = machineTicks();
  const machineBusy = (machine1.busy - machine0.busy) / (machine1.total - machine0.total);
  const loadDuring = loadavg()[0];
  const parts = await results;

  const sum = (key) => parts.reduce((s, r) => s + r[key], 0);
  const latencies = parts.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
  const windowSeconds = parts.reduce((s, r) => s + r.elapsed, 0) / parts.length;

  console.log(
    `\n  connections     ${fmt(established)} established, ${fmt(sum('open'))} still open at the end (${sum('closedDuringRun')} closed during the run)`,
  );
  console.log(`  offered         ${fmt(sum('sent') / windowSeconds)} votes/s sent in the window (${fmt(RATE)} asked; ${sum('skipped')} due on closed sockets)`);
  console.log(
    `  acknowledged    ${fmt(sum('acked') / windowSeconds)} votes/s (${fmt(sum('acked'))} ok, ${sum('refused')} refused, ${sum('unanswered')} unanswered 10 s after the window)`,
  );
  console.log(`  action-to-ack   p50 ${fmt(pct(0.5), 1)} ms, p99 ${fmt(pct(0.99), 1)} ms, max ${fmt(latencies.at(-1), 0)} ms`);
  console.log(`  tally updates   ${fmt(sum('updates') / established / windowSeconds, 2)} per viewer/s (goal ≥ 5; coalesced every 100 ms: 10 at most)`);
  console.log(
    `  server memory   RSS ${fmt(before.rss / MB, 1)} → ${fmt(after.rss / MB, 1)} MB: ${fmt((after.rss - before.rss) / established / 1024, 1)} KB per connection; ` +
      `heap ${fmt(before.heapUsed / MB, 1)} → ${fmt(after.heapUsed / MB, 1)} MB: ${fmt((after.heapUsed - before.heapUsed) / established / 1024, 1)} KB per connection`,
  );
  const framesPerSecond = sum('frames') / windowSeconds;
  console.log(
    `  server CPU      ${fmt(serverCpu * 100)}% of one core; it delivered ${fmt(framesPerSecond)} frames/s (acks, updates, pings): ` +
      `${fmt((serverCpu / framesPerSecond) * 1e6, 1)} µs of CPU per frame, ${fmt(framesPerSecond / serverCpu)} frames/s per core at that cost`,
  );
  console.log(
    `  server thread   its event loop was on a core ${fmt(loopOnCpu * 100)}% of the window, runnable but waiting for a core ${fmt(loopWaiting * 100)}%, ` +
      `neither (idle or blocked) ${fmt((1 - loopOnCpu - loopWaiting) * 100)}%`,
  );
  parts.forEach((r, i) =>
    console.log(
      `  generator ${i}     ${fmt(shares[i])} viewers: CPU ${fmt((r.cpuSeconds / r.elapsed) * 100)}% of one core, event loop ${fmt(r.eventLoopUtilization * 100)}% busy, ` +
        `scheduler ticks > 20 ms late: ${r.lateTicks} (worst ${fmt(r.maxLateMs)} ms)`,
    ),
  );
  console.log(`  generators CPU  ${fmt(parts.reduce((s, r) => s + r.cpuSeconds / r.elapsed, 0) * 100)}% of one core in all`);
  console.log(
    `  machine         ${fmt(machineBusy * 100)}% of all cores busy in the window (server, generators and anything else running); load average ${fmt(loadDuring, 2)}`,
  );

  for (const g of generators) g.send({ type: 'close' });
  await Promise.all(generators.map((g) => new Promise((r) => g.once('exit', r))));
  server.send({ type: 'close' });
  await new Promise((resolve) => server.once('exit', resolve));
  return {
    acked: sum('acked') / windowSeconds,
    p99: pct(0.99),
    updates: sum('updates') / established / windowSeconds,
    rssPerConnection: (after.rss - before.rss) / established,
    cpuPerFrame: serverCpu / framesPerSecond,
  };
}

console.log(
  `10,000-viewer benchmark: ${VIEWERS.toLocaleString('en')} viewers over ${PROCESSES} generator processes, ` +
    `${RATE.toLocaleString('en')} votes/s offered (open loop, ${(RATE / VIEWERS).toFixed(2)} per viewer/s), ${WARMUP} s warm-up + ${SECONDS} s measured`,
);
const oncue = await measure('oncue');
// BENCH_BASELINE=raw-ws (and/or socketio-coalesced, comma-separated): the same load on the baselines of
// `npm run bench` in the same run, and the ratios.
for (const baseline of (process.env.BENCH_BASELINE ?? '').split(',').filter(Boolean)) {
  if (!LABELS[baseline] || baseline === 'oncue') throw new Error(`BENCH_BASELINE: unknown baseline ${baseline} (raw-ws, socketio-coalesced)`);
  const base = await measure(baseline);
  console.log(`\nOnCue / ${baseline}, same run, same load:`);
  console.log(`  votes/s acknowledged  ${fmt(oncue.acked / base.acked, 2)}×`);
  console.log(`  p99 action-to-ack     ${fmt(oncue.p99 / base.p99, 2)}×`);
  console.log(`  updates per viewer/s  ${fmt(oncue.updates / base.updates, 2)}×`);
  console.log(`  RSS per connection    ${fmt(oncue.rssPerConnection / base.rssPerConnection, 2)}×`);
  console.log(`  server CPU per frame  ${fmt(oncue.cpuPerFrame / base.cpuPerFrame, 2)}×`);
}
