// One load generator of `npm run bench:10k` (bench/ten-thousand.js), run as a child process: opens its share of
// the viewer connections and votes at its share of the offered rate, open loop, for as long as the parent says.
//
// Per-message work is kept minimal so that the generator is not the bottleneck: each viewer is a raw `ws`
// WebSocket speaking socket.io's text protocol (engine.io v4 / socket.io v5) — `40{auth}` to connect, `42[...]`
// events, `43<id>[...]` acks, `2` → `3` for pings — and what the server sends is classified from its first bytes
// (no JSON parsing: an update is counted, an ack's id is read from its digits, the result checked for `{"ok":true`).
//
// With target `socketio-coalesced` (the plain socket.io baseline) it sends its `vote` event instead of `act`.
// With target `raw-ws` (the ceiling of bench/run.js, bench/servers/raw-ws.js) it speaks that server's JSON instead:
// `{"n":…}` votes, `{"t":"ack","n":…}` acks, anything else an update.
//
// argv: port interaction viewers rate (votes/s offered by this process) index target
// IPC: → {type:'connected'}; ← go (start voting), measure (open the window), stop (close it); → {type:'result'}.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const [port, interaction, viewersArg, rateArg, indexArg, target] = process.argv.slice(2);
const RAW = target === 'raw-ws';
/** The plain socket.io baseline (bench/servers/socketio-coalesced.js) takes `vote` events instead of `act`. */
const PLAIN = target === 'socketio-coalesced';
const VIEWERS = Number(viewersArg);
const RATE = Number(rateArg);
const INDEX = Number(indexArg);
/** Handshakes in flight at once while connecting. */
const CONNECT_CONCURRENCY = Number(process.env.BENCH_CONNECT_CONCURRENCY ?? 50);
/** How often the open-loop scheduler sends what is due, ms. */
const TICK_MS = 5;
const url = RAW ? `ws://127.0.0.1:${port}` : `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`;
const auth = JSON.stringify({ room: 'bench' });

// Byte values of the packet prefixes.
const C0 = 0x30; // '0' engine.io open / socket.io CONNECT
const C2 = 0x32; // '2' engine.io ping / socket.io EVENT
const C3 = 0x33; // '3' socket.io ACK
const C4 = 0x34; // '4' engine.io message / socket.io CONNECT_ERROR
const BRACKET = 0x5b; // '['

// Send times by ack id (a ring: ids are this process's, the server echoes them); NaN once answered.
const RING = 1 << 20;
const MASK = RING - 1;
const sentAt = new Float64Array(RING).fill(NaN);
const inWindow = new Uint8Array(RING);
let nextId = 0;

let measuring = false;
let sent = 0; // sent inside the window
let acked = 0; // of those, acknowledged ok (whenever)
let refused = 0; // of those, answered not ok
let pending = 0; // of those, not answered yet
let updates = 0; // `update` events received inside the window
let frames = 0; // every WebSocket message received inside the window (acks, updates, pings, probes)
// Since the start, for the per-second timeline (BENCH_TIMELINE=1): messages, updates, acks received.
const seen = { frames: 0, updates: 0, acks: 0 };
let closedDuringRun = 0;
let skipped = 0; // votes due inside the window for a viewer whose socket was not open
let latencies = [];
let voting = false;

/** One viewer: a WebSocket and what it has voted. */
class Viewer {
  constructor() {
    this.ws = undefined;
    this.open = false;
    this.votes = 0;
  }

  connect() {
    return new Promise((resolve) => {
      const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
      this.ws = ws;
      let settled = false;
      const settle = (ok) => {
        if (settled) return;
        settled = true;
        resolve(ok);
      };
      if (RAW) ws.once('open', () => settle((this.open = true)));
      ws.on('message', (data) => {
        if (measuring) frames++;
        seen.frames++;
        if (RAW) return onRawMessage(data);
        const b0 = data[0];
        if (b0 === C2 && data.length === 1) {
          ws.send('3'); // engine.io ping → pong
        } else if (b0 === C4) {
          const b1 = data[1];
          if (b1 === C2) onEvent(ws, data);
          else if (b1 === C3) onAck(data);
          else if (b1 === C0) {
            this.open = true;
            settle(true);
          } else if (b1 === C4) settle(false); // connect refused
        } else if (b0 === C0) {
          ws.send(`40${auth}`); // engine.io open → socket.io connect with the handshake's auth
        }
      });
      ws.on('error', () => settle(false));
      ws.on('close', () => {
        if (this.open && voting) closedDuringRun++;
        this.open = false;
        settle(false);
      });
    });
  }

  vote() {
    if (!this.open) {
      if (measuring) skipped++;
      return;
    }
    const id = ++nextId;
    const slot = id & MASK;
    sentAt[slot] = performance.now();
    inWindow[slot] = measuring ? 1 : 0;
    if (measuring) {
      sent++;
      pending++;
    }
    // Every vote is a change (the poll allows changes): this viewer's choice moves on each time.
    const choice = this.votes++ % 4;
    if (RAW) return this.ws.send(`{"n":${id},"interaction":"${interaction}","choices":[${choice}],"key":"bench-g${INDEX}-v${id}"}`);
    if (PLAIN) return this.ws.send(`42${id}["vote",{"interaction":"${interaction}","choices":[${choice}],"key":"bench-g${INDEX}-v${id}"}]`);
    this.ws.send(`42${id}["act",{"interaction":"${interaction}","action":"vote","payload":{"choices":[${choice}]},"key":"bench-g${INDEX}-v${id}"}]`);
  }
}

/** `42…`: an event. `update` is counted; one with an ack id (the `clock` probe) is acknowledged empty. */
const eventCounts = new Map();
function onEvent(ws, data) {
  if (process.env.BENCH_DEBUG && measuring) {
    const name = data.toString('latin1', 0, 24).replace(/^42\d*\["([^"]*)".*$/, '$1');
    eventCounts.set(name, (eventCounts.get(name) ?? 0) + 1);
  }
  if (data[2] === BRACKET) {
    // 42["update",…
    if (data[4] === 0x75 /* u */ && data[5] === 0x70 /* p */) {
      if (process.env.BENCH_DEBUG && seen.updates === 0) console.log(`generator ${INDEX}: an update (${data.length} bytes): ${data.toString()}`);
      seen.updates++;
      if (measuring) updates++;
    }
    return;
  }
  let id = 0;
  let i = 2;
  for (let c = data[i]; c >= 0x30 && c <= 0x39; c = data[++i]) id = id * 10 + (c - 0x30);
  ws.send(`43${id}[]`);
}

/** The raw ws ceiling's messages: `{"t":"ack","n":<id>}` (its acks are always ok) or an update. */
function onRawMessage(data) {
  if (data[6] !== 0x61 /* a of "ack" */) {
    seen.updates++;
    if (measuring) updates++;
    return;
  }
  let id = 0;
  let i = 15;
  for (let c = data[i]; c >= 0x30 && c <= 0x39; c = data[++i]) id = id * 10 + (c - 0x30);
  settleVote(id, true);
}

/** `43<id>[{"ok":true,…}]`: the answer to one of our votes. */
function onAck(data) {
  let id = 0;
  let i = 2;
  for (let c = data[i]; c >= 0x30 && c <= 0x39; c = data[++i]) id = id * 10 + (c - 0x30);
  // data[i] is '[', then {"ok":true — the 't' of true sits 7 bytes after the '['.
  const ok = data[i + 1] === 0x7b && data[i + 7] === 0x74;
  if (!ok && process.env.BENCH_DEBUG && refused === 0) console.log(`generator ${INDEX}: a vote refused: ${data.toString()}`);
  settleVote(id, ok);
}

/** Records the answer to vote `id`. */
function settleVote(id, ok) {
  const slot = id & MASK;
  const at = sentAt[slot];
  if (Number.isNaN(at)) return;
  seen.acks++;
  sentAt[slot] = NaN;
  if (!inWindow[slot]) return;
  pending--;
  if (ok) {
    acked++;
    latencies.push(performance.now() - at);
  } else refused++;
}

const viewers = Array.from({ length: VIEWERS }, () => new Viewer());
const connectStart = performance.now();
let connected = 0;
let failed = 0;
for (let i = 0; i < VIEWERS; i += CONNECT_CONCURRENCY) {
  const wave = await Promise.all(viewers.slice(i, i + CONNECT_CONCURRENCY).map((v) => v.connect()));
  for (const ok of wave) ok ? connected++ : failed++;
}
if (process.env.BENCH_TIMELINE) setInterval(() => process.send({ type: 'seen', ...seen }), 1000).unref();
process.send({ type: 'connected', connected, failed, seconds: (performance.now() - connectStart) / 1000 });

// Open loop: every tick sends what is due by now at RATE votes/s, round-robin over the viewers, whatever the answers.
let scheduler;
let windowStart = 0;
let cpuStart;
let eluStart;
let lateTicks = 0;
let maxLateMs = 0;
function startVoting() {
  voting = true;
  const t0 = performance.now();
  let due = 0;
  let next = 0;
  let last = t0;
  scheduler = setInterval(() => {
    const now = performance.now();
    // How much later than its interval this tick ran (the event loop was busy, or the machine's cores were).
    const late = now - last - TICK_MS;
    last = now;
    if (measuring) {
      if (late > 20) lateTicks++;
      if (late > maxLateMs) maxLateMs = late;
    }
    const target = Math.floor(((now - t0) / 1000) * RATE);
    for (; due < target; due++) {
      viewers[next].vote();
      next = next + 1 === VIEWERS ? 0 : next + 1;
    }
  }, TICK_MS);
}

process.on('message', async (msg) => {
  if (msg.type === 'go') startVoting();
  else if (msg.type === 'measure') {
    measuring = true;
    windowStart = performance.now();
    cpuStart = process.cpuUsage();
    eluStart = performance.eventLoopUtilization();
  } else if (msg.type === 'stop') {
    measuring = false;
    if (process.env.BENCH_DEBUG) console.log(`generator ${INDEX}: events received in the window: ${JSON.stringify(Object.fromEntries(eventCounts))}`);
    const elapsed = (performance.now() - windowStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const elu = performance.eventLoopUtilization(eluStart);
    clearInterval(scheduler);
    // Wait (bounded) for the answers to the votes sent inside the window.
    const until = performance.now() + 10_000;
    while (pending > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
    voting = false;
    process.send({
      type: 'result',
      elapsed,
      sent,
      acked,
      refused,
      unanswered: pending,
      skipped,
      updates,
      frames,
      open: viewers.filter((v) => v.open).length,
      closedDuringRun,
      latencies,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventLoopUtilization: elu.utilization,
      lateTicks,
      maxLateMs,
    });
    latencies = [];
  } else if (msg.type === 'close') {
    for (const v of viewers) v.ws?.terminate();
    setTimeout(() => process.exit(0), 50);
  }
});
