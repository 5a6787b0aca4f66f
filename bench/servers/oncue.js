// The OnCue reference server with its real SQLite storage, as the benchmark target.
// Started by bench/run.js as a child process; talks to it over IPC.
// bench/redis.js starts it in Redis mode: BENCH_REDIS_URL (the server's `redisUrl`), BENCH_ROOM (the room its poll
// is created in, default `bench`; creating it makes this process the owner of the room's channel), BENCH_POLL=0 (create
// no poll: the process only serves sockets and forwards their calls to the owner).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore, startServer } from '../../packages/server/dist/index.js';
import { serveBenchTarget } from './serve-bench-target.js';

const redisUrl = process.env.BENCH_REDIS_URL || undefined;
const room = process.env.BENCH_ROOM || 'bench';
const dir = mkdtempSync(join(tmpdir(), 'oncue-bench-'));
const server = await startServer({
  port: 0,
  dataFile: join(dir, 'oncue.db'),
  // Every load socket comes from 127.0.0.1: no per-socket or per-address budgets, no cap on connections or new viewers per address.
  rateLimit: false,
  eventBudgets: false,
  maxSocketsPerAddress: false,
  anonymousViewers: false,
  // BENCH_MEMORY_STORE=1: the same server on its in-memory store, to separate the cost of SQLite.
  ...(process.env.BENCH_MEMORY_STORE ? { store: new MemoryStore() } : {}),
  ...(redisUrl ? { redisUrl } : {}),
  logger: { info() {}, warn() {}, error: (m, e) => console.error(m, e) },
});
async function createPoll() {
  const res = await fetch(`${server.url}/api/rooms/${room}/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.hostToken}` },
    body: JSON.stringify({
      kind: 'poll',
      question: 'Which outfit?',
      options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }, { label: 'D' }],
      allowChange: true,
    }),
  });
  if (res.status !== 201) throw new Error(`creating the poll failed: ${res.status} ${await res.text()}`);
  return res.json();
}
const poll = process.env.BENCH_POLL === '0' ? undefined : await createPoll();

serveBenchTarget({
  port: server.port,
  interaction: poll?.id,
  async final() {
    if (!poll) return { counted: undefined };
    const r = await fetch(`${server.url}/api/rooms/${room}/interactions/${poll.id}`, {
      headers: { authorization: `Bearer ${server.hostToken}` },
    });
    const body = await r.json();
    const tally = body.options.map((o) => o.votes);
    return { counted: tally.reduce((sum, n) => sum + n, 0), tally };
  },
  async close() {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  },
});
