// Ceiling: a raw `ws` server (no socket.io framing, no validation, no storage)
// that coalesces the tally to one broadcast per 100 ms.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { serveBenchTarget } from './serve-bench-target.js';

const http = createServer();
const wss = new WebSocketServer({ server: http });
const tally = [0, 0, 0, 0];
let counted = 0;
let version = 0;
let dirty = false;
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const msg = JSON.parse(data);
    tally[msg.choices[0]]++;
    counted++;
    dirty = true;
    ws.send(JSON.stringify({ t: 'ack', n: msg.n }));
  });
});
const timer = setInterval(() => {
  if (!dirty) return;
  dirty = false;
  const frame = JSON.stringify({ t: 'update', version: ++version, tally });
  for (const ws of wss.clients) ws.send(frame);
}, 100);
http.listen(0, '127.0.0.1', () => {
  serveBenchTarget({
    port: http.address().port,
    interaction: 'raw',
    final: async () => counted,
    close: async () => {
      clearInterval(timer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise((r) => wss.close(() => http.close(() => r())));
    },
  });
});
