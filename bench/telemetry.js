// `npm run bench:telemetry`: the collector. Reporters POST batches of events to
// the reference server (real SQLite, de-duplication by event id) for a few
// seconds; then the metrics of the room that received them all are read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startServer } from '../packages/server/dist/index.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const VIEWERS = 2000;

const dir = mkdtempSync(join(tmpdir(), 'oncue-bench-telemetry-'));
// One address sends everything here: the per-address limit of the collector is switched off.
const server = await startServer({
  port: 0,
  dataFile: join(dir, 'oncue.db'),
  telemetryRate: false,
  logger: { info() {}, warn() {}, error: (m, e) => console.error(m, e) },
});
const types = ['impression', 'dwell', 'dwell', 'submit', 'accepted'];
let seq = 0;
const event = () => {
  const viewer = `v${Math.floor(Math.random() * VIEWERS)}`;
  const type = types[seq % types.length];
  return {
    v: 1,
    id: randomUUID(),
    seq: ++seq,
    type,
    room: 'bench',
    interaction: `poll-${seq % 3}`,
    kind: 'poll',
    viewer,
    session: viewer,
    at: Date.now(),
    sdk: 'bench',
    ...(type === 'dwell' ? { ms: 1000 } : {}),
  };
};

const latencies = [];
let stored = 0;
const end = Date.now() + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < end) {
      const body = JSON.stringify({ v: 1, events: Array.from({ length: BATCH }, event) });
      const started = performance.now();
      const res = await fetch(`${server.url}/api/telemetry`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
      const answer = await res.json();
      latencies.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`collector answered ${res.status} ${JSON.stringify(answer)}`);
      stored += answer.stored;
    }
  }),
);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
console.log(
  `collector: ${Math.round(stored / SECONDS)} events/s stored (${CLIENTS} clients, batches of ${BATCH}), request p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
);

const reads = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/rooms/bench/metrics`, { headers: { authorization: `Bearer ${server.hostToken}` } });
  await res.json();
  reads.push(performance.now() - started);
}
reads.sort((a, b) => a - b);
console.log(`metrics of a room with ${stored} events and ${VIEWERS} viewers: median read ${reads[2].toFixed(0)} ms`);
await server.close();
rmSync(dir, { recursive: true, force: true });
