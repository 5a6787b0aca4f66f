// `npm run bench:silent`: one socket that floods `sync` (each answer is a full
// room snapshot, ~15 KB with 11 polls) and never reads what the server sends.
// A raw `ws` client speaks the engine.io/socket.io text protocol and pauses its
// TCP socket after the handshake, so everything the server answers piles up on
// the server's side. Prints the server's RSS over time, whether it survived and
// whether it dropped the silent socket, and the vote ack latency of an honest
// viewer (one vote every 100 ms) alone and during the flood. Bounded to
// SILENT_SECONDS (default 15).
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { io } from 'socket.io-client';
import { randomUUID } from 'node:crypto';

const SECONDS = Number(process.env.SILENT_SECONDS ?? 15);
const EVENT = process.env.SILENT_EVENT ?? 'sync';
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const server = fork(here('servers/budget-target.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
let exited = null;
const exitedAt = new Promise((resolve) => server.once('exit', (code, signal) => resolve((exited = { code, signal, at: performance.now() }))));
const ready = await new Promise((resolve, reject) => {
  server.once('message', resolve);
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const rssOf = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return 0;
  }
};
let ids = 0;
const ask = (msg) =>
  new Promise((resolve) => {
    const id = ++ids;
    const timer = setTimeout(() => resolve(undefined), 2000);
    const on = (m) => {
      if (m.id !== id) return;
      clearTimeout(timer);
      server.off('message', on);
      resolve(m);
    };
    server.on('message', on);
    server.send({ ...msg, id });
  });

const MB = (n) => (n / 1024 / 1024).toFixed(1);
const start0 = rssOf(server.pid);
console.log(`silent socket flooding \`${EVENT}\` for ${SECONDS} s; server RSS at rest ${MB(start0)} MB`);

// A control viewer: one vote every 100 ms, its ack latency measured alone (2 s) and then during the flood.
const control = io(`http://127.0.0.1:${ready.port}`, { transports: ['websocket'], auth: { room: 'bench' }, reconnection: false, forceNew: true });
await new Promise((resolve, reject) => {
  control.once('connect', resolve);
  control.once('connect_error', reject);
});
const latencies = { idle: [], flood: [] };
let phase = 'idle';
let lost = 0;
const voter = setInterval(() => {
  const into = latencies[phase];
  const sentAt = performance.now();
  control.timeout(5000).emit('act', { interaction: ready.polls[0], action: 'vote', payload: { choices: [1] }, key: randomUUID() }, (err) => {
    if (err) lost++;
    else {
      into.push(performance.now() - sentAt);
      if (process.env.SILENT_DEBUG && performance.now() - sentAt > 300)
        console.log(
          `  slow ack: ${(performance.now() - sentAt).toFixed(0)} ms, sent at t=${((sentAt - (globalThis.floodStart ?? sentAt)) / 1000).toFixed(1)} s`,
        );
    }
  });
}, 100);
await new Promise((r) => setTimeout(r, 2000));
phase = 'flood';
const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(1) : '-';
};

// The silent client: handshake, then pause the TCP socket and flood.
const ws = new WebSocket(`ws://127.0.0.1:${ready.port}/socket.io/?EIO=4&transport=websocket`);
let connected = false;
let refused = null;
ws.on('message', (data) => {
  const text = data.toString();
  if (text.startsWith('0')) ws.send(`40${JSON.stringify({ room: 'bench' })}`);
  else if (text.startsWith('40')) {
    connected = true;
    ws._socket.pause();
  } else if (text.startsWith('44')) refused = text.slice(2);
});
ws.on('error', () => {});
await new Promise((resolve, reject) => {
  const t = setInterval(() => {
    if (connected) resolve(clearInterval(t));
    if (refused) reject(new Error(`refused: ${refused}`));
  }, 5);
});

const t0 = performance.now();
globalThis.floodStart = t0;
let sent = 0;
let sendFailed = false;
// Votes travel as `act` (the one viewer action event).
const WIRE_EVENT = EVENT === 'vote' ? 'act' : EVENT;
const payload = EVENT === 'sync' ? {} : { interaction: ready.polls[0], action: 'vote', payload: { choices: [0] }, key: 'k' };
const flood = () => {
  if (performance.now() - t0 > SECONDS * 1000 || exited || sendFailed) return;
  // Keep our own send buffer small: the server reads what we send as fast as it can.
  if (ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 256 * 1024) {
    for (let i = 0; i < 200; i++) {
      sent++;
      const body = EVENT === 'sync' ? payload : { ...payload, key: `k${sent}` };
      ws.send(`42${sent}${JSON.stringify([WIRE_EVENT, body])}`, (err) => {
        if (err) sendFailed = true;
      });
    }
  }
  setImmediate(flood);
};
flood();

let peak = start0;
let droppedAt = null;
const samples = [];
while (performance.now() - t0 < SECONDS * 1000 && !exited) {
  await new Promise((r) => setTimeout(r, 500));
  const rss = rssOf(server.pid);
  peak = Math.max(peak, rss);
  const seconds = (performance.now() - t0) / 1000;
  const stats = exited ? undefined : await ask({ type: 'memory' });
  // The control viewer stays connected: the silent socket is gone when only it is left.
  if (stats && stats.clients <= 1 && droppedAt === null) droppedAt = seconds;
  samples.push({ seconds, rss });
  if (samples.length % 2 === 0 || droppedAt === seconds) {
    console.log(
      `  t=${seconds.toFixed(1).padStart(5)} s  RSS ${MB(rss).padStart(7)} MB  heap ${stats ? MB(stats.heapUsed).padStart(7) : '      ?'} MB  sockets ${stats?.clients ?? '?'}`,
    );
  }
}
clearInterval(voter);
const elapsed = (performance.now() - t0) / 1000;
const growth = (peak - start0) / 1024 / 1024;
console.log(`\nsent ${sent} \`${EVENT}\` frames in ${elapsed.toFixed(1)} s`);
console.log(`server: ${exited ? `DIED after ${((exited.at - t0) / 1000).toFixed(1)} s (code ${exited.code}, signal ${exited.signal})` : 'alive'}`);
console.log(`silent socket: ${droppedAt !== null ? `disconnected by the server after ${droppedAt.toFixed(1)} s` : 'still connected'}`);
console.log(`RSS: at rest ${MB(start0)} MB, peak ${MB(peak)} MB (+${growth.toFixed(1)} MB, ${(growth / elapsed).toFixed(1)} MB/s)`);
console.log(
  `control viewer's vote acks: alone p50 ${pct(latencies.idle, 50)} / p99 ${pct(latencies.idle, 99)} ms; during the flood p50 ${pct(latencies.flood, 50)} / p99 ${pct(latencies.flood, 99)} ms (${latencies.flood.length} answered, ${lost} lost)`,
);
control.close();
ws.terminate();
if (!exited) {
  const done = await ask({ type: 'memory', gc: false });
  console.log(`after the silent socket left: RSS ${MB(rssOf(server.pid))} MB, sockets ${done?.clients ?? '?'}`);
  server.send({ type: 'close' });
  await Promise.race([exitedAt, new Promise((r) => setTimeout(r, 5000))]);
  server.kill();
}
