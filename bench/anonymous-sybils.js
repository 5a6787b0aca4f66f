// `npm run bench:sybil`: what fresh anonymous identities cost. One process
// connects SYBILS (default 1,000) new anonymous viewers to the built server,
// each entering a giveaway and voting in a poll, 20 at a time, and counts what
// was accepted. Runs twice: a plain giveaway, then one created with
// `signedOnly: true` (only integrator-signed viewers may enter).
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const SYBILS = Number(process.env.SYBILS ?? 1000);
const PARALLEL = 20;
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

async function run(lottery) {
  const server = fork(here('servers/budget-target.js'), [], {
    env: { ...process.env, TARGET_POLLS: '2', TARGET_KIND: 'lottery', TARGET_LOTTERY: JSON.stringify(lottery) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    server.once('message', resolve);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const [giveaway, poll] = ready.polls;
  const url = `http://127.0.0.1:${ready.port}`;
  const counts = { connected: 0, refusedHandshakes: {}, entries: 0, votes: 0, refusedActions: {} };
  const bump = (into, code) => (into[code] = (into[code] ?? 0) + 1);
  const sybil = () =>
    new Promise((resolve) => {
      const socket = io(url, { transports: ['websocket'], auth: { room: 'bench' }, reconnection: false, forceNew: true });
      socket.once('connect_error', (err) => {
        bump(counts.refusedHandshakes, err.data?.code ?? err.message);
        socket.close();
        resolve();
      });
      socket.once('connect', async () => {
        counts.connected++;
        const [entered, voted] = await Promise.all([
          socket
            .timeout(5000)
            .emitWithAck('enter', { interaction: giveaway, key: randomUUID() })
            .catch(() => undefined),
          socket
            .timeout(5000)
            .emitWithAck('act', { interaction: poll, action: 'vote', payload: { choices: [0] }, key: randomUUID() })
            .catch(() => undefined),
        ]);
        if (entered?.ok) counts.entries++;
        else bump(counts.refusedActions, `enter: ${entered?.error?.code ?? 'no answer'}`);
        if (voted?.ok) counts.votes++;
        else bump(counts.refusedActions, `vote: ${voted?.error?.code ?? 'no answer'}`);
        socket.close();
        resolve();
      });
    });
  const t0 = performance.now();
  let started = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (started < SYBILS) {
        started++;
        await sybil();
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  server.send({ type: 'close' });
  await new Promise((r) => server.once('exit', r));
  return { seconds, ...counts };
}

for (const [label, lottery] of [
  ['giveaway open to anyone', {}],
  ['giveaway with signedOnly: true', { signedOnly: true }],
]) {
  const r = await run(lottery);
  console.log(`${label}: ${SYBILS} fresh anonymous viewers in ${r.seconds.toFixed(1)} s`);
  console.log(`  connected ${r.connected}; refused at the handshake: ${JSON.stringify(r.refusedHandshakes)}`);
  console.log(`  giveaway entries accepted ${r.entries}, votes accepted ${r.votes}; refused actions: ${JSON.stringify(r.refusedActions)}`);
}
