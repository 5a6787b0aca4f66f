// `npm run bench:soak`: steady votes from many viewers against the built server
// (its own process, started with --expose-gc), for SOAK_SECONDS (default 180).
// Prints the server's heap (after a forced GC) and RSS over time, then how much
// heap the run added per 100,000 accepted actions over its second half: steady
// traffic should run at steady memory.
// Knobs: SOAK_SECONDS, SOAK_VIEWERS (200), SOAK_RATE (votes/s in all, 1000), SOAK_SAMPLES (12).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const VIEWERS = Number(process.env.SOAK_VIEWERS ?? 200);
const RATE = Number(process.env.SOAK_RATE ?? 1000);
const SAMPLES = Number(process.env.SOAK_SAMPLES ?? 12);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

// Every viewer connects from 127.0.0.1 here: the per-address budgets are switched off so the run stands for many addresses.
const options = { rateLimit: false, eventBudgets: false, maxSocketsPerAddress: false, anonymousViewers: false };
const server = fork(here('servers/budget-target.js'), [], {
  execArgv: ['--expose-gc'],
  env: { ...process.env, TARGET_POLLS: '1', TARGET_OPTIONS: JSON.stringify(options) },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ready = await new Promise((resolve, reject) => {
  server.once('message', resolve);
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
let ids = 0;
const memory = () =>
  new Promise((resolve) => {
    const id = ++ids;
    const on = (m) => {
      if (m.id !== id) return;
      server.off('message', on);
      resolve(m);
    };
    server.on('message', on);
    server.send({ type: 'memory', gc: true, id });
  });

const url = `http://127.0.0.1:${ready.port}`;
const sockets = await Promise.all(
  Array.from(
    { length: VIEWERS },
    () =>
      new Promise((resolve, reject) => {
        const socket = io(url, { transports: ['websocket'], auth: { room: 'bench' }, reconnection: false, forceNew: true });
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      }),
  ),
);
const interaction = ready.polls[0];
let accepted = 0;
let refused = 0;
let failed = 0;
const MB = (n) => (n / 1024 / 1024).toFixed(1);
const start = await memory();
console.log(`soak: ${VIEWERS} viewers, ${RATE} votes/s in all (fresh keys, a poll that allows changes), ${SECONDS} s`);
console.log(`  t=    0 s  accepted        0  heap ${MB(start.heapUsed).padStart(6)} MB  RSS ${MB(start.rss).padStart(6)} MB`);

// Open loop: every 10 ms, RATE/100 votes from the next viewers in turn.
let next = 0;
let carry = 0;
const tick = setInterval(() => {
  carry += RATE / 100;
  for (; carry >= 1; carry--) {
    const socket = sockets[next++ % VIEWERS];
    socket.timeout(10_000).emit('act', { interaction, action: 'vote', payload: { choices: [next % 4] }, key: randomUUID() }, (err, res) => {
      if (err) failed++;
      else if (res?.ok) accepted++;
      else refused++;
    });
  }
}, 10);

const samples = [{ t: 0, accepted: 0, heap: start.heapUsed, rss: start.rss }];
const t0 = performance.now();
for (let i = 1; i <= SAMPLES; i++) {
  const at = (SECONDS * 1000 * i) / SAMPLES;
  await new Promise((r) => setTimeout(r, Math.max(0, at - (performance.now() - t0))));
  const m = await memory();
  const t = (performance.now() - t0) / 1000;
  samples.push({ t, accepted, heap: m.heapUsed, rss: m.rss });
  console.log(
    `  t=${t.toFixed(0).padStart(5)} s  accepted ${String(accepted).padStart(8)}  heap ${MB(m.heapUsed).padStart(6)} MB  RSS ${MB(m.rss).padStart(6)} MB`,
  );
}
clearInterval(tick);
await new Promise((r) => setTimeout(r, 500));
for (const s of sockets) s.close();
await new Promise((r) => setTimeout(r, 1000));
const after = await memory();

const mid = samples[Math.floor(samples.length / 2)];
const last = samples[samples.length - 1];
const perHundredK = ((last.heap - mid.heap) / Math.max(1, last.accepted - mid.accepted)) * 100_000;
console.log(`\naccepted ${accepted}, refused ${refused}, unanswered ${failed} in ${last.t.toFixed(0)} s (${(accepted / last.t).toFixed(0)}/s)`);
console.log(`heap: ${MB(start.heapUsed)} MB at rest, ${MB(mid.heap)} MB at half time, ${MB(last.heap)} MB at the end (+${MB(last.heap - start.heapUsed)} MB)`);
console.log(`second half: ${MB(perHundredK)} MB of heap per 100,000 accepted actions`);
console.log(`after every viewer left (GC): heap ${MB(after.heapUsed)} MB, RSS ${MB(after.rss)} MB`);
server.send({ type: 'close' });
await new Promise((r) => server.once('exit', r));
