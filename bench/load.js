// Load driver: run by bench/run.js in its own process so that the server under
// test has the CPU it would have in production (on a 2-core machine the two
// processes share it, as a load generator on the same host would).
//
// Opens N viewer sockets, keeps `inflight` votes outstanding in total (closed
// loop: each ack releases the next vote), for `seconds`, and reports accepted
// votes/s, ack latency percentiles and tally updates received per viewer/s.
//
// Several servers (bench/redis.js): `port`, `interaction` and the optional 7th argument `rooms` may each be a
// comma-separated list; socket i connects to the i-th port (round-robin) and votes in the i-th room / interaction.
// The result then also tells, per room, the tally the server must end with: each viewer's last accepted choice.
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';

const [target, portList, interactionList, sockets, inflight, seconds, roomList = 'bench'] = process.argv.slice(2);
const N = Number(sockets);
const perSocket = Math.max(1, Math.round(Number(inflight) / N));
const ports = String(portList).split(',');
const interactions = String(interactionList).split(',');
const rooms = String(roomList).split(',');
const pick = (list, i) => list[i % list.length];

const latencies = [];
let accepted = 0;
let rejected = 0;
let updates = 0;
let running = false;
let measuring = false;
let outstanding = 0;
/** Every answer received from the start of the load to the end of the drain (warm-up included): the server's work. */
let answered = 0;
/** `acked` events received in the window (OnCue's batched form): answers per frame = accepted / ackedFrames. */
let ackedFrames = 0;

// BENCH_ACT_FORM=callback: OnCue's load sends each `act` with its own socket.io ack callback (the form of older
// clients, one frame per action each way; what main measured). Default: the batched form the SDK sends (the
// first `act` of a turn at once, the others of the turn in one frame, without a callback, answered by key in the
// socket's `acked` events).
// BENCH_ACT_FORM=single: answered in `acked` events, but each `act` in a frame of its own (to tell the two apart).
const batched = process.env.BENCH_ACT_FORM !== 'callback';
const oneFramePerTurn = batched && process.env.BENCH_ACT_FORM !== 'single';

/** A viewer client with `connect()` and `vote(choice, done)`. */
function socketIoViewer(i) {
  const url = `http://127.0.0.1:${pick(ports, i)}`;
  const interaction = pick(interactions, i);
  const socket = io(url, { transports: ['websocket'], auth: { room: pick(rooms, i) }, reconnection: false, forceNew: true, autoConnect: false });
  socket.on('update', () => {
    if (measuring) updates++;
  });
  /** Votes waiting for their answer in an `acked` event, by key. */
  const waiting = new Map();
  /** Votes of this turn after its first (which left at once), sent together at its end. */
  let frame;
  const flushFrame = () => {
    const requests = frame;
    frame = undefined;
    if (requests.length) socket.emit('act', requests.length === 1 ? requests[0] : requests);
  };
  socket.on('acked', (answers) => {
    if (measuring) ackedFrames++;
    for (const { key, result } of answers) {
      const done = waiting.get(key);
      if (!done) continue;
      waiting.delete(key);
      done(result?.ok === true);
    }
  });
  return {
    connect: () =>
      new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
        socket.connect();
      }),
    vote(choice, done) {
      // OnCue speaks one viewer action event, `act`; the naive socket.io baselines keep their own `vote`.
      if (target === 'oncue') {
        const request = { interaction, action: 'vote', payload: { choices: [choice] }, key: randomUUID() };
        if (!batched) return void socket.emit('act', request, (res) => done(res?.ok === true));
        waiting.set(request.key, done);
        // As the core does: the acts of one turn go in one frame (an array when there are several).
        if (!oneFramePerTurn) return void socket.emit('act', request);
        if (frame) return void frame.push(request);
        socket.emit('act', request);
        frame = [];
        queueMicrotask(flushFrame);
      } else socket.emit('vote', { interaction, choices: [choice], key: randomUUID() }, (res) => done(res?.ok === true));
    },
    close: () => socket.close(),
  };
}

function rawWsViewer(i) {
  const port = pick(ports, i);
  const interaction = pick(interactions, i);
  let ws;
  const pending = new Map();
  let n = 0;
  const onMessage = (data) => {
    const msg = JSON.parse(data);
    if (msg.t === 'ack') {
      pending.get(msg.n)?.(true);
      pending.delete(msg.n);
    } else if (measuring) updates++;
  };
  return {
    connect: () =>
      new Promise((resolve, reject) => {
        ws = new WebSocket(`ws://127.0.0.1:${port}`);
        ws.on('message', onMessage);
        ws.once('open', resolve);
        ws.once('error', reject);
      }),
    vote(choice, done) {
      const id = ++n;
      pending.set(id, done);
      ws.send(JSON.stringify({ n: id, interaction, choices: [choice], key: randomUUID() }));
    },
    close: () => ws.terminate(),
  };
}

const viewers = Array.from({ length: N }, (_, i) => (target === 'raw-ws' ? rawWsViewer(i) : socketIoViewer(i)));
/** Per viewer: the send order and choice of its latest-sent vote that was accepted (its vote in the final tally). */
const lastAccepted = viewers.map(() => ({ seq: -1, choice: -1 }));
let sent = 0;
// Connect in small waves, as a real audience arrives, not all in one tick.
for (let i = 0; i < N; i += 20) await Promise.all(viewers.slice(i, i + 20).map((v) => v.connect()));
process.send({ type: 'connected' });
await new Promise((resolve) => process.once('message', resolve));

function loop(viewer, slot, index) {
  if (!running) return;
  const start = process.hrtime.bigint();
  const seq = sent++;
  const choice = slot % 4;
  outstanding++;
  viewer.vote(choice, (ok) => {
    outstanding--;
    answered++;
    if (ok && seq > lastAccepted[index].seq) lastAccepted[index] = { seq, choice };
    if (measuring) {
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (ok) accepted++;
      else rejected++;
    }
    loop(viewer, slot + 1, index);
  });
}

running = true;
viewers.forEach((v, i) => {
  for (let k = 0; k < perSocket; k++) loop(v, i + k, i);
});
// One second of warm-up (JIT, SQLite page cache), then the measured window.
await new Promise((r) => setTimeout(r, 1000));
measuring = true;
const t0 = performance.now();
await new Promise((r) => setTimeout(r, Number(seconds) * 1000));
measuring = false;
const elapsed = (performance.now() - t0) / 1000;
running = false;
const drainUntil = Date.now() + 10_000;
while (outstanding > 0 && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));

latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
process.send({
  type: 'result',
  votesPerSecond: accepted / elapsed,
  accepted,
  rejected,
  p50: pct(0.5),
  p99: pct(0.99),
  updatesPerViewerPerSecond: updates / N / elapsed,
  inflight: perSocket * N,
  undrained: outstanding,
  answered,
  ackedFrames,
  // Per room (in the order of `rooms`): the tally each option must end with, from each viewer's last accepted vote.
  expected: rooms.map((_, r) => {
    const tally = [0, 0, 0, 0];
    lastAccepted.forEach((last, i) => {
      if (i % rooms.length === r && last.choice >= 0) tally[last.choice]++;
    });
    return tally;
  }),
});
viewers.forEach((v) => v.close());
setTimeout(() => process.exit(0), 100);
