// Baseline: what a naive implementation does — a plain socket.io server that
// counts in memory and broadcasts the tally on every vote.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveBenchTarget } from './serve-bench-target.js';

const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
const tally = [0, 0, 0, 0];
let counted = 0;
io.on('connection', (socket) => {
  socket.on('vote', (req, ack) => {
    tally[req.choices[0]]++;
    counted++;
    ack({ ok: true, value: { interaction: req.interaction, choices: req.choices, at: Date.now() } });
    io.emit('update', { version: counted, interactions: [{ id: 'naive', tally }] });
  });
});
http.listen(0, '127.0.0.1', () => {
  serveBenchTarget({
    port: http.address().port,
    interaction: 'naive',
    final: async () => counted,
    close: () => new Promise((r) => io.close(() => r())),
  });
});
