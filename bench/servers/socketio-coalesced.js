// Second baseline: a plain socket.io server that acks and coalesces like OnCue
// but validates nothing and stores nothing. OnCue against it isolates the cost
// of validation, de-duplication and durable storage from socket.io's own framing.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveBenchTarget } from './serve-bench-target.js';

const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
const tally = [0, 0, 0, 0];
let counted = 0;
let version = 0;
let dirty = false;
io.on('connection', (socket) => {
  socket.on('vote', (req, ack) => {
    tally[req.choices[0]]++;
    counted++;
    dirty = true;
    ack({ ok: true, value: { interaction: req.interaction, choices: req.choices, at: Date.now() } });
  });
});
const timer = setInterval(() => {
  if (!dirty) return;
  dirty = false;
  io.emit('update', { version: ++version, interactions: [{ id: 'coalesced', tally }] });
}, 100);
http.listen(0, '127.0.0.1', () => {
  serveBenchTarget({
    port: http.address().port,
    interaction: 'coalesced',
    final: async () => counted,
    close: () => new Promise((r) => (clearInterval(timer), io.close(() => r()))),
  });
});
