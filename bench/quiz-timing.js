// `npm run bench:quiz-timing`: what quiz answer timing credits, measured on the
// built server (real clock, real sockets, loopback only). Two figures:
//
// 1. The gain of a client that delays its replies to the server's round-trip
//    measurements (the `clock` probe acks and engine.io's heartbeat pongs) by
//    2 s, against an honest loopback viewer answering at the same moment, in
//    points of one 5-s speed-scored question (the shortest question: the gain
//    in points is largest there).
// 2. An honest viewer 250 ms away each way (a loopback TCP proxy that delays
//    every chunk by 250 ms in each direction): which answers sent before its
//    own countdown ran out are refused (the lost window), and how much of the
//    link is charged to its answer time.
import { createServer, connect as tcpConnect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { startServer, silentLogger } from '../packages/server/dist/index.js';

const HOST_TOKEN = 'bench-host-token-0123456789';
const ROOM = 'bench-quiz';
const SECONDS = 5;
const ACK_DELAY_MS = Number(process.env.BENCH_ACK_DELAY_MS ?? 2000);
const LINK_MS = Number(process.env.BENCH_LINK_MS ?? 250);
/** How long before its own countdown ends each slow viewer sends, ms. */
const MARGINS = [700, 500, 400, 300, 200, 100, 30];
/** The slow viewer answering this long after the question reached it shows what the link costs its answer time. */
const THINK_MS = 1000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP proxy on loopback that delays every chunk by `delayMs` in each direction, in order. */
function delayingProxy(targetPort, delayMs) {
  const sockets = new Set();
  const server = createServer((inbound) => {
    const outbound = tcpConnect(targetPort, '127.0.0.1');
    sockets.add(inbound).add(outbound);
    const relay = (from, to) => {
      from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), delayMs));
      from.on('end', () => setTimeout(() => to.end(), delayMs));
      from.on('error', () => to.destroy());
    };
    relay(inbound, outbound);
    relay(outbound, inbound);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () => {
          for (const s of sockets) s.destroy();
          server.close();
        },
      }),
    ),
  );
}

/** A viewer; `replyDelayMs` delays its `clock` acks and its engine.io pongs (a client gaming the measurement). */
function viewer(url, replyDelayMs = 0) {
  const socket = io(url, { auth: { room: ROOM }, transports: ['websocket'], forceNew: true, reconnection: false });
  const state = { socket, quiz: undefined, personal: undefined, seenAt: undefined };
  socket.on('clock', (_probe, ack) => (replyDelayMs ? setTimeout(ack, replyDelayMs) : ack()));
  if (replyDelayMs) {
    socket.io.on('open', () => {
      const engine = socket.io.engine;
      const send = engine._sendPacket.bind(engine);
      engine._sendPacket = (type, ...rest) => (type === 'pong' ? setTimeout(() => send(type, ...rest), replyDelayMs) : send(type, ...rest));
    });
  }
  const take = (views) => {
    for (const v of views) if (v.kind === 'quiz') state.quiz = v;
    if (state.quiz?.questions[0]?.status === 'open' && state.seenAt === undefined) state.seenAt = Date.now();
  };
  socket.on('snapshot', (s) => take(s.interactions));
  socket.on('update', (u) => take(u.interactions));
  socket.on('personal', (p) => (state.personal = p.personal));
  state.ready = new Promise((resolve) => socket.once('snapshot', resolve));
  state.answer = (choice) => {
    state.sentAt = Date.now();
    return socket.timeout(10_000).emitWithAck('act', { interaction: state.quiz.id, action: 'answer', payload: { question: 0, choice }, key: randomUUID() });
  };
  return state;
}

async function waitFor(predicate, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out');
    await sleep(10);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'oncue-bench-quiz-'));
const server = await startServer({ port: 0, hostToken: HOST_TOKEN, dataFile: join(dir, 'oncue.db'), logger: silentLogger });
const proxy = await delayingProxy(server.port, LINK_MS);
try {
  const honest = viewer(server.url);
  const gaming = viewer(server.url, ACK_DELAY_MS);
  const slow = MARGINS.map(() => viewer(proxy.url));
  const slowThinker = viewer(proxy.url);
  const all = [honest, gaming, ...slow, slowThinker];
  await Promise.all(all.map((v) => v.ready));
  await sleep(ACK_DELAY_MS + 500); // every first round-trip measurement is in
  // What the slow link really is on this machine now (the proxy's timers run late under load).
  const rtts = [];
  for (let i = 0; i < 5; i++) {
    const sentAt = performance.now();
    await slowThinker.socket.timeout(10_000).emitWithAck('sync', {});
    rtts.push(Math.round(performance.now() - sentAt));
  }

  const launched = await fetch(`${server.url}/api/rooms/${ROOM}/interactions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${HOST_TOKEN}` },
    body: JSON.stringify({
      kind: 'quiz',
      revealSeconds: 0,
      questions: [{ prompt: 'Quick?', options: [{ label: 'yes' }, { label: 'no' }], correct: 0, seconds: SECONDS }],
    }),
  });
  if (launched.status !== 201) throw new Error(`launch: ${launched.status}`);
  await waitFor(() => all.every((v) => v.seenAt !== undefined));

  const answers = [];
  // Honest and gaming loopback viewers answer at the same moment, 1.5 s into the question.
  const at = honest.seenAt + 1500;
  answers.push(sleep(at - Date.now()).then(() => Promise.all([honest.answer(0), gaming.answer(0)])));
  answers.push(sleep(slowThinker.seenAt + THINK_MS - Date.now()).then(() => slowThinker.answer(0)));
  const slowResults = MARGINS.map((margin, i) => sleep(slow[i].seenAt + SECONDS * 1000 - margin - Date.now()).then(() => slow[i].answer(0)));
  const [[honestAck, gamingAck], thinkerAck] = await Promise.all(answers);
  const slowAcks = await Promise.all(slowResults);

  const scored = [honest, gaming, slowThinker].filter((v, i) => [honestAck, gamingAck, thinkerAck][i].ok);
  await waitFor(() => scored.every((v) => v.personal?.results?.length === 1), 20_000);
  const result = (v) => ({ ...v.personal.results[0], elapsedMs: Math.round(v.personal.results[0].elapsedMs) });

  console.log(`quiz timing (${SECONDS}-s question, speed scoring)`);
  console.log(`  honest loopback viewer, answers 1.5 s in: ${result(honest).score} points (answer time ${result(honest).elapsedMs} ms)`);
  console.log(`  viewer delaying its replies by ${ACK_DELAY_MS} ms, same moment: ${result(gaming).score} points (answer time ${result(gaming).elapsedMs} ms)`);
  console.log(
    `  gain from delaying replies: ${result(gaming).score - result(honest).score} points, ${result(honest).elapsedMs - result(gaming).elapsedMs} ms of credit`,
  );
  const think = slowThinker.sentAt - slowThinker.seenAt;
  console.log(`  round trips through the ${LINK_MS}-ms proxy, measured by the client: ${rtts.sort((a, b) => a - b).join(', ')} ms`);
  console.log(
    `  viewer ${LINK_MS} ms away each way, answers ${think} ms after seeing the question: ${thinkerAck.ok ? `answer time ${result(slowThinker).elapsedMs} ms (charged ${result(slowThinker).elapsedMs - think} ms of link)` : `refused ${thinkerAck.error.code}`}`,
  );
  // Margins as sent (the bench's own timers may run late on a busy machine).
  const margins = slow.map((v) => v.seenAt + SECONDS * 1000 - v.sentAt);
  for (const [i, margin] of margins.entries())
    console.log(`    sent ${margin} ms before its own countdown ended: ${slowAcks[i].ok ? 'accepted' : `refused (${slowAcks[i].error.code})`}`);
  const refused = margins.filter((m, i) => !slowAcks[i].ok && m > 0);
  console.log(
    `  lost answer window of the ${LINK_MS}-ms viewer: ${refused.length ? `at least ${Math.max(...refused)} ms` : `none (answers sent down to ${Math.min(...margins)} ms before the end counted)`}`,
  );
  for (const v of all) v.socket.close();
} finally {
  proxy.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
