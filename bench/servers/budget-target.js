// The OnCue reference server with its default budgets (no limit switched off),
// as the target of the abuse benchmarks (silent-socket.js, soak.js). Started as
// a child process; reports its port over IPC and answers memory requests.
// TARGET_POLLS (default 11): open interactions in room `bench` (11 polls make a ~15 KB snapshot);
// TARGET_KIND=lottery makes the first one a giveaway (its spec extended by the JSON in TARGET_LOTTERY);
// TARGET_OPTIONS: JSON of server options.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../packages/server/dist/index.js';

const dir = mkdtempSync(join(tmpdir(), 'oncue-budget-bench-'));
const options = JSON.parse(process.env.TARGET_OPTIONS ?? '{}');
const server = await startServer({
  port: 0,
  dataFile: join(dir, 'oncue.db'),
  ...options,
  logger: { info() {}, warn: (m) => console.log(`[server] ${m}`), error: (m, e) => console.error(`[server] ${m}`, e) },
});
const polls = [];
for (let i = 0; i < Number(process.env.TARGET_POLLS ?? 11); i++) {
  const res = await fetch(`${server.url}/api/rooms/bench/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.hostToken}` },
    body: JSON.stringify({
      kind: process.env.TARGET_KIND === 'lottery' && i === 0 ? 'lottery' : 'poll',
      ...(process.env.TARGET_KIND === 'lottery' && i === 0
        ? { prize: 'A lipstick set', winners: 3, ...JSON.parse(process.env.TARGET_LOTTERY ?? '{}') }
        : {
            question: `Question number ${i + 1}: which of these outfits should the host wear for the next segment of the show?`,
            options: ['A red dress with sequins', 'A blue suit with a tie', 'A green jumpsuit', 'A yellow raincoat'].map((label) => ({ label })),
            allowChange: true,
          }),
    }),
  });
  if (res.status !== 201) throw new Error(`creating interaction ${i} failed: ${res.status} ${await res.text()}`);
  polls.push((await res.json()).id);
}

process.on('message', async (msg) => {
  if (msg.type === 'memory') {
    if (msg.gc) {
      globalThis.gc?.();
      globalThis.gc?.();
    }
    const { heapUsed, rss } = process.memoryUsage();
    process.send({ type: 'memory', id: msg.id, heapUsed, rss, clients: server.io.engine.clientsCount });
  } else if (msg.type === 'close') {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
process.send({ type: 'ready', port: server.port, polls, hostToken: server.hostToken });
