// `npm run build && node bench/entry-linking.js`: the entry-linking attack of issue 9 (item 6), measured.
//
// An integrator signs viewer tokens for its users, whose ids are small numbers. 50 of them (random ids in
// 1..BENCH_ID_SPACE) answer a quiz and enter a giveaway with 3 prizes, as the viewer client does (each
// sends the entry ticket its client derives from a secret of its own). After the draw an outsider with no
// token reads what anyone can read — the public proof and what a viewer socket receives (the quiz
// leaderboard) — and tries to map the proof's entry ids to users:
//   1. by hashing every viewer id the leaderboard shows (`SHA-256("<lottery>:<viewer>")`);
//   2. by enumerating every numeric id of the space the same way.
// It prints how many of the 50 entries and of the 3 winners each attack names, and how long it took.
import { createHash, randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { MemoryStore, signViewerToken, startServer } from '../packages/server/dist/index.js';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 50);
const ID_SPACE = Number(process.env.BENCH_ID_SPACE ?? 100_000);
const SECRET = 'entry-linking-bench-secret-0123456789abcdef';
const room = 'linking';
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

const server = await startServer({
  port: 0,
  store: new MemoryStore(),
  rateLimit: false,
  viewerSecret: SECRET,
  logger: { info() {}, warn() {}, error: (m, e) => console.error(m, e) },
});
const rest = async (method, path, body) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.hostToken}`, 'idempotency-key': randomBytes(12).toString('hex') },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
};

const quiz = await rest('POST', `/api/rooms/${room}/interactions`, {
  kind: 'quiz',
  revealSeconds: 0,
  questions: [{ prompt: '1 + 1?', options: [{ label: '2' }, { label: '3' }], correct: 0, seconds: 30 }],
});
const lottery = await rest('POST', `/api/rooms/${room}/interactions`, { kind: 'lottery', prize: 'A lipstick set', winners: 3 });

const ids = new Set();
while (ids.size < VIEWERS) ids.add(String(1 + Math.floor(Math.random() * ID_SPACE)));
const people = [...ids].map((id) => ({ id, name: `User ${id}` }));

function ask(socket, event, payload) {
  return new Promise((resolve) => socket.timeout(10_000).emit(event, payload, (err, result) => resolve(err ? { ok: false, error: String(err) } : result)));
}

const sockets = [];
for (const person of people) {
  const socket = io(server.url, {
    transports: ['websocket'],
    forceNew: true,
    auth: { room, viewerToken: signViewerToken({ secret: SECRET, viewer: person.id, name: person.name }) },
  });
  const views = new Map();
  socket.on('snapshot', (s) => s.interactions.forEach((v) => views.set(v.id, v)));
  socket.on('update', (u) => u.interactions?.forEach((v) => views.set(v.id, v)));
  socket.on('clock', (_p, ack) => ack?.());
  await new Promise((resolve, reject) => (socket.once('welcome', resolve), socket.once('connect_error', reject)));
  // What the viewer client sends: a ticket derived from a secret only this client holds .
  const ticket = sha256(`${lottery.id}:${randomBytes(32).toString('hex')}`);
  const answered = await ask(socket, 'act', {
    interaction: quiz.id,
    action: 'answer',
    payload: { question: 0, choice: Math.random() < 0.7 ? 0 : 1 },
    key: randomBytes(12).toString('hex'),
  });
  const entered = await ask(socket, 'act', { interaction: lottery.id, action: 'enter', payload: { ticket }, key: randomBytes(12).toString('hex') });
  if (!answered.ok || !entered.ok) throw new Error(`a viewer failed: ${JSON.stringify({ answered, entered })}`);
  sockets.push({ socket, views });
}
await rest('POST', `/api/rooms/${room}/interactions/${quiz.id}/close`);
await rest('POST', `/api/rooms/${room}/interactions/${lottery.id}/close`);
const watcher = sockets[0];
const deadline = Date.now() + 5000;
while (!watcher.views.get(quiz.id)?.leaderboard && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

// ---- the outsider: public proof (no token) and a viewer socket's view of the quiz
const proof = await (await fetch(`${server.url}/api/rooms/${room}/interactions/${lottery.id}/proof`)).json();
const entrySet = new Set(proof.entryList);
const board = watcher.views.get(quiz.id)?.leaderboard ?? [];
const truth = new Map(people.map((p) => [p.id, p]));

function report(label, found, ms) {
  const named = [...found.values()];
  const winners = proof.winners.filter((w) => found.has(w));
  console.log(
    `${label}: ${found.size}/${proof.entryList.length} entries linked to a user, ${winners.length}/${proof.winners.length} winners named (${named
      .slice(0, 3)
      .map((p) => p.name)
      .join(', ')}${named.length > 3 ? ', …' : ''}) in ${ms.toFixed(0)} ms`,
  );
}

let started = performance.now();
const byBoard = new Map();
for (const row of board) {
  if (row.viewer === undefined) continue;
  const entry = sha256(`${lottery.id}:${row.viewer}`);
  if (entrySet.has(entry)) byBoard.set(entry, { id: row.viewer, name: row.name ?? truth.get(row.viewer)?.name });
}
console.log(`leaderboard rows a viewer socket receives: ${board.length}, carrying a viewer id: ${board.filter((r) => r.viewer !== undefined).length}`);
report('attack 1, hashing the leaderboard’s viewer ids', byBoard, performance.now() - started);

started = performance.now();
const byEnumeration = new Map();
for (let id = 1; id <= ID_SPACE; id++) {
  const entry = sha256(`${lottery.id}:${id}`);
  if (entrySet.has(entry)) byEnumeration.set(entry, truth.get(String(id)) ?? { id: String(id), name: `#${id}` });
}
report(`attack 2, enumerating ids 1..${ID_SPACE}`, byEnumeration, performance.now() - started);

for (const { socket } of sockets) socket.close();
await server.close();
