// `npm run bench:cheers`: the cheer scenario of the ingest benchmark (issue 13). 1,000 viewers tap a heart
// 5 times a second each; like the client, each sends its taps batched, one `act` on `_cheers` per 500 ms
// (open loop, phases spread over the interval), to the built server in its own process (SQLite, default
// per-socket action rate; the per-address budgets are off because every load socket comes from 127.0.0.1).
// Prints cheers/s credited, batches/s acknowledged, ack latency p50/p99 and room updates per viewer/s.
// Knobs: BENCH_VIEWERS (1000), BENCH_TAPS (taps/s per viewer, 5), BENCH_SECONDS (10), BENCH_BATCH_MS (500).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 1000);
const TAPS = Number(process.env.BENCH_TAPS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BATCH_MS = Number(process.env.BENCH_BATCH_MS ?? 500);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const options = { eventBudgets: false, maxSocketsPerAddress: false, anonymousViewers: false };
const server = fork(here('servers/budget-target.js'), [], {
  env: { ...process.env, TARGET_POLLS: '1', TARGET_OPTIONS: JSON.stringify(options) },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ready = await new Promise((resolve, reject) => {
  server.once('message', resolve);
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const url = `http://127.0.0.1:${ready.port}`;

let measuring = false;
let credited = 0;
let dropped = 0;
let batches = 0;
let refused = 0;
let failed = 0;
let updates = 0;
let lastCount = 0;
const latencies = [];

const sockets = [];
for (let i = 0; i < VIEWERS; i += 50) {
  const wave = await Promise.all(
    Array.from(
      { length: Math.min(50, VIEWERS - i) },
      () =>
        new Promise((resolve, reject) => {
          const socket = io(url, { transports: ['websocket'], auth: { room: 'bench' }, reconnection: false, forceNew: true });
          socket.on('update', (update) => {
            if (measuring) updates++;
            if (update.milestones) lastCount = Math.max(lastCount, update.milestones.cheers);
          });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );
  sockets.push(...wave);
}
console.log(`cheers: ${VIEWERS} viewers tapping ${TAPS}/s each, batched every ${BATCH_MS} ms, ${SECONDS} s measured (after 1 s of warm-up)`);

// Each viewer owes itself TAPS taps a second and sends what it owes every BATCH_MS (2 or 3 taps at 5/s), as the client does.
let running = true;
const timers = sockets.map((socket, i) => {
  let owed = 0;
  const send = () => {
    owed += (TAPS * BATCH_MS) / 1000;
    const count = Math.floor(owed);
    if (count < 1) return;
    owed -= count;
    const start = performance.now();
    const counting = measuring;
    socket.timeout(10_000).emit('act', { interaction: '_cheers', action: 'cheer', payload: { count }, key: randomUUID() }, (err, res) => {
      if (!counting || !measuring) return;
      if (err) failed++;
      else if (!res?.ok) refused++;
      else {
        batches++;
        credited += res.value.mine.counted;
        dropped += count - res.value.mine.counted;
        latencies.push(performance.now() - start);
      }
    });
  };
  let interval;
  const phase = setTimeout(
    () => {
      if (!running) return;
      send();
      interval = setInterval(send, BATCH_MS);
    },
    (i / VIEWERS) * BATCH_MS,
  );
  return () => {
    clearTimeout(phase);
    clearInterval(interval);
  };
});

await new Promise((r) => setTimeout(r, 1000));
measuring = true;
const t0 = performance.now();
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const elapsed = (performance.now() - t0) / 1000;
measuring = false;
running = false;
for (const stop of timers) stop();
await new Promise((r) => setTimeout(r, 500));

latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
console.log(`  offered      ${(VIEWERS * TAPS).toLocaleString('en')} taps/s in ${((VIEWERS * 1000) / BATCH_MS).toLocaleString('en')} batches/s`);
console.log(`  credited     ${Math.round(credited / elapsed).toLocaleString('en')} cheers/s (${dropped} taps dropped by the cap)`);
console.log(`  batches      ${Math.round(batches / elapsed).toLocaleString('en')}/s acknowledged (${refused} refused, ${failed} unanswered)`);
console.log(`  ack latency  p50 ${pct(0.5).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms`);
console.log(`  updates      ${(updates / VIEWERS / elapsed).toFixed(1)} per viewer/s; room count last seen ${lastCount.toLocaleString('en')}`);

for (const socket of sockets) socket.close();
server.send({ type: 'close' });
await new Promise((resolve) => server.once('exit', resolve));
