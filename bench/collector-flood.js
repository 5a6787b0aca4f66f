// `npm run bench:collector`: does the telemetry collector take the event loop from live viewers?
// Three processes, as an attacker and a viewer would be: the OnCue server (real SQLite), a control
// viewer voting over socket.io and timing its acks, and a flooder POSTing batches of 200 telemetry
// events spread over 200 rooms, about 45 requests/s from one address (issue 9, item 2).
// Prints the viewer's ack latency idle and during the flood (p50/p99 and their ratio), what the
// collector answered, and the server's heap held per stored event.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RATE = Number(process.env.BENCH_RATE ?? 45); // requests per second
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 200);
const VOTE_EVERY_MS = 50;
const self = fileURLToPath(import.meta.url);
const role = process.argv[2] ?? 'main';

const once = (child, type) =>
  new Promise((resolve, reject) => {
    const onMessage = (msg) => {
      if (msg.type !== type) return;
      child.off('message', onMessage);
      resolve(msg);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${type}: process exited with ${code}`)));
  });

if (role === 'server') {
  const { startServer } = await import('../packages/server/dist/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'oncue-bench-flood-'));
  const server = await startServer({ port: 0, dataFile: join(dir, 'oncue.db'), logger: { info() {}, warn() {}, error: (m, e) => console.error(m, e) } });
  const memory = () => {
    globalThis.gc?.();
    globalThis.gc?.();
    return process.memoryUsage();
  };
  // The server's own event-loop delay: what it blocks itself, apart from how the machine schedules it.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on('message', async (msg) => {
    if (msg.type === 'memory') {
      const delay = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
      const usage = memory();
      loop.reset();
      process.send({ type: 'memory', ...usage, delay });
    }
    if (msg.type === 'close') {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  });
  process.send({ type: 'ready', url: server.url, hostToken: server.hostToken });
} else if (role === 'flood') {
  const url = process.argv[3];
  const counts = { requests: 0, statuses: {}, stored: 0 };
  let seq = 0;
  const event = (i) => ({
    v: 1,
    id: randomUUID(),
    seq: ++seq,
    type: 'impression',
    room: `flood-${i % ROOMS}`,
    interaction: 'poll-1',
    kind: 'poll',
    viewer: `v${seq % 5000}`,
    session: `s${seq % 5000}`,
    at: Date.now(),
    sdk: 'bench',
  });
  const end = Date.now() + SECONDS * 1000;
  const inflight = new Set();
  const started = Date.now();
  while (Date.now() < end) {
    const due = started + (counts.requests * 1000) / RATE;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    if (inflight.size >= 32) await Promise.race(inflight);
    counts.requests++;
    const body = JSON.stringify({ v: 1, events: Array.from({ length: BATCH }, (_, i) => event(i)) });
    const sending = fetch(`${url}/api/telemetry`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body })
      .then(async (res) => {
        counts.statuses[res.status] = (counts.statuses[res.status] ?? 0) + 1;
        const answer = await res.json().catch(() => ({}));
        if (res.status === 200) counts.stored += answer.stored;
      })
      .catch(() => {
        counts.statuses.error = (counts.statuses.error ?? 0) + 1;
      })
      .finally(() => inflight.delete(sending));
    inflight.add(sending);
  }
  await Promise.all(inflight);
  process.send({ type: 'result', ...counts, seconds: (Date.now() - started) / 1000 });
} else {
  const { io } = await import('socket.io-client');
  // BENCH_SERVER_ARGS (e.g. `--cpu-prof`) is passed to the server process, for profiling.
  const serverArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const server = fork(self, ['server'], { execArgv: ['--expose-gc', ...serverArgs], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { url, hostToken } = await once(server, 'ready');
  const created = await fetch(`${url}/api/rooms/control/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hostToken}` },
    body: JSON.stringify({ kind: 'poll', question: 'Control?', options: [{ label: 'A' }, { label: 'B' }], allowChange: true }),
  });
  const poll = await created.json();
  const socket = io(url, { auth: { room: 'control' }, transports: ['websocket'], reconnection: false });
  await new Promise((resolve, reject) => {
    socket.once('snapshot', resolve);
    socket.once('connect_error', reject);
  });

  let keys = 0;
  /** Votes every VOTE_EVERY_MS for `ms` (or until `until` resolves) and answers the ack latencies. */
  const vote = async (ms) => {
    const latencies = [];
    const end = Date.now() + ms;
    const pending = new Set();
    while (Date.now() < end) {
      const startedAt = performance.now();
      const p = socket
        .timeout(30_000)
        .emitWithAck('act', { interaction: poll.id, action: 'vote', payload: { choices: [keys % 2] }, key: `bench-${process.pid}-${++keys}` })
        .then(() => latencies.push(performance.now() - startedAt))
        .finally(() => pending.delete(p));
      pending.add(p);
      await new Promise((r) => setTimeout(r, VOTE_EVERY_MS));
    }
    await Promise.allSettled(pending);
    return latencies.sort((a, b) => a - b);
  };
  const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

  await vote(1000); // warm-up
  server.send({ type: 'memory' });
  await once(server, 'memory');
  const idle = await vote(SECONDS * 1000);
  server.send({ type: 'memory' });
  const before = await once(server, 'memory');
  const flooder = fork(self, ['flood', url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [flooded, flood] = await Promise.all([vote(SECONDS * 1000), once(flooder, 'result')]);
  server.send({ type: 'memory' });
  const after = await once(server, 'memory');
  socket.close();
  server.send({ type: 'close' });
  await new Promise((r) => server.once('exit', r));

  const f = (x) => x.toFixed(1);
  console.log(`collector flood: batches of ${BATCH} events over ${ROOMS} rooms, ${RATE} requests/s from one address, ${SECONDS} s`);
  console.log(
    `  flooder: ${flood.requests} requests, answers ${JSON.stringify(flood.statuses)}, ${flood.stored} events stored (${Math.round(flood.stored / flood.seconds)}/s)`,
  );
  console.log(`  viewer ack latency idle:    p50 ${f(pct(idle, 0.5))} ms, p99 ${f(pct(idle, 0.99))} ms (${idle.length} votes)`);
  console.log(`  viewer ack latency flooded: p50 ${f(pct(flooded, 0.5))} ms, p99 ${f(pct(flooded, 0.99))} ms (${flooded.length} votes)`);
  console.log(`  ratio flooded/idle: p50 ×${f(pct(flooded, 0.5) / pct(idle, 0.5))}, p99 ×${f(pct(flooded, 0.99) / pct(idle, 0.99))}`);
  const d = (m) => `p50 ${f(m.delay.p50)} ms, p99 ${f(m.delay.p99)} ms, max ${f(m.delay.max)} ms`;
  console.log(`  server event-loop delay idle: ${d(before)}; flooded: ${d(after)}`);
  const heap = after.heapUsed - before.heapUsed;
  console.log(
    `  server heap after the flood: +${(heap / 1048576).toFixed(1)} MiB (${flood.stored ? Math.round(heap / flood.stored) : '-'} B per stored event), RSS +${((after.rss - before.rss) / 1048576).toFixed(1)} MiB`,
  );
}
