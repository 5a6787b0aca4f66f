// The OnCue reference server with its real SQLite storage, as the benchmark target.
// Started by bench/run.js as a child process; talks to it over IPC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore, startServer } from '../../packages/server/dist/index.js';
import { serveBenchTarget } from './serve-bench-target.js';

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
  logger: { info() {}, warn() {}, error: (m, e) => console.error(m, e) },
});
const res = await fetch(`${server.url}/api/rooms/bench/interactions`, {
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
const poll = await res.json();

serveBenchTarget({
  port: server.port,
  interaction: poll.id,
  async final() {
    const r = await fetch(`${server.url}/api/rooms/bench/interactions/${poll.id}`, {
      headers: { authorization: `Bearer ${server.hostToken}` },
    });
    const body = await r.json();
    return body.options.reduce((sum, o) => sum + o.votes, 0);
  },
  async close() {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  },
});
