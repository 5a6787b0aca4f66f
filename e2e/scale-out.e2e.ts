/**
 * Redis mode (issue 14; docs/scaling.md): real `redis-server` processes (AOF, `appendfsync always`), real server
 * processes (the built CLI, `ONCUE_REDIS_URL`), real socket.io clients, and a TCP load balancer in front when
 * viewers must move from a dead process to a live one. Every test kills or stops something for real.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startRedis, type RedisProcess } from '../packages/server/test/redis-server.js';
import { startDemoServer, type DemoServer } from './start-demo-server.js';
import { startTcpBalancer } from './tcp-balancer.js';

const HOST_TOKEN = 'scale-out-host-token-0123456789';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** A server process in Redis mode (the per-address limits are off: every test viewer comes from 127.0.0.1). */
async function serverOn(redis: RedisProcess, env: Record<string, string> = {}): Promise<DemoServer> {
  const server = await startDemoServer({
    ONCUE_REDIS_URL: redis.url,
    ONCUE_HOST_TOKEN: HOST_TOKEN,
    ONCUE_MAX_SOCKETS_PER_ADDRESS: '0',
    ONCUE_ANONYMOUS_VIEWERS: '0',
    ONCUE_SHARED_ADDRESS_VIEWERS: '100000',
    ...env,
  });
  cleanups.push(() => server.stop());
  return server;
}

async function rest(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${HOST_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

interface Viewer {
  socket: Socket;
  viewer: () => string;
  /** The last tally seen of each interaction (snapshot and updates merged). */
  views: Map<string, any>;
  updates: number;
  /** The viewer's own state of each interaction, from its `personal` events. */
  personal: Map<string, any>;
  /** The viewer's `progress` events (sent on its own channel by the process running the room). */
  progress: any[];
  /** Sends an action with `key`, and again with the same key until it is acknowledged (what the SDK's outbox does). */
  act(interaction: string, action: string, payload: unknown, key: string): Promise<any>;
  /** Answers refused with a typed error before the acknowledgement, by code. */
  refusals: Map<string, number>;
}

/** A viewer that reconnects by itself (as the SDK does), keeping its identity, through `url`. */
async function viewerAt(url: string, room: string): Promise<Viewer> {
  const auth: Record<string, string> = { room };
  const socket = connect(url, { auth, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
  cleanups.push(async () => socket.close());
  const views = new Map<string, any>();
  const refusals = new Map<string, number>();
  let id = '';
  const state: Viewer = {
    socket,
    viewer: () => id,
    views,
    personal: new Map(),
    progress: [],
    updates: 0,
    refusals,
    async act(interaction, action, payload, key) {
      const giveUpAt = Date.now() + 45_000;
      for (;;) {
        if (Date.now() > giveUpAt)
          throw new Error(`no acknowledgement of ${key} in 45 s (refusals: ${JSON.stringify([...refusals])}, connected: ${socket.connected})`);
        let answer: any;
        try {
          answer = await socket.timeout(5_000).emitWithAck('act', { interaction, action, payload, key });
        } catch {
          answer = undefined; // no answer (the process died, or the socket is reconnecting): the same key again
        }
        if (answer?.ok) return answer;
        if (answer && !['internal', 'rate_limited'].includes(answer.error.code)) return answer;
        if (answer) refusals.set(answer.error.code, (refusals.get(answer.error.code) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
  // As the SDK does: a connection the server closed is opened again a little later.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500);
  });
  socket.on('welcome', (welcome: { viewer: string; viewerToken: string }) => {
    id = welcome.viewer;
    auth.viewerToken = welcome.viewerToken;
  });
  socket.on('snapshot', (snapshot: { interactions: any[] }) => {
    for (const view of snapshot.interactions) views.set(view.id, view);
  });
  socket.on('progress', (progress: unknown) => {
    state.progress.push(progress);
  });
  socket.on('personal', (update: { interaction: string; personal: unknown }) => {
    state.personal.set(update.interaction, update.personal);
  });
  socket.on('update', (update: { interactions: any[] }) => {
    state.updates += 1;
    for (const view of update.interactions) views.set(view.id, view);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return state;
}

async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const POLL = { kind: 'poll', question: 'Which outfit?', options: [{ label: 'Red' }, { label: 'Blue' }, { label: 'Green' }] };
const sum = (tally: number[]) => tally.reduce((a, b) => a + b, 0);

describe('Redis mode: several server processes share every room', () => {
  it('two processes on one Redis: viewers on each vote in one poll, all see the same tally, REST on either answers the same', async () => {
    const redis = await startRedis();
    const a = await serverOn(redis);
    const b = await serverOn(redis);
    const room = 'shop--one';
    const created = await rest(a.url, 'POST', `/api/rooms/${room}/interactions`, POLL);
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const viewers = await Promise.all(Array.from({ length: 24 }, (_, i) => viewerAt(i % 2 ? b.url : a.url, room)));
    const started = Date.now();
    const receipts = await Promise.all(viewers.map((v, i) => v.act(id, 'vote', { choices: [i % 3] }, `vote-${i}-aaaaaaaa`)));
    expect(receipts.every((r) => r.ok)).toBe(true);

    const expected = [8, 8, 8];
    await until(() => viewers.every((v) => JSON.stringify(v.views.get(id)?.tally) === JSON.stringify(expected)), 'every viewer to see 8/8/8');
    const seconds = (Date.now() - started) / 1000;
    // Coalesced: a room's changes reach each viewer at most 10 times a second, whichever process holds the socket.
    for (const v of viewers) expect(v.updates).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);

    // A viewer's own messages reach it on whichever process holds its socket: each viewer on B got its progress
    // (its first valid interaction) from A, which runs the room.
    await until(() => viewers.every((v) => v.progress.some((p) => p.valid === 1)), "every viewer's progress");

    const [onA, onB] = await Promise.all([
      rest(a.url, 'GET', `/api/rooms/${room}/interactions/${id}`),
      rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`),
    ]);
    expect(onA.status).toBe(200);
    expect(onA.body).toMatchObject({ tally: expected, voters: 24 });
    expect(onB.body).toEqual(onA.body);
    // A repeat through the other process is the same action: answered with its first receipt, counted once.
    const again = await viewers[0]!.act(id, 'vote', { choices: [2] }, 'vote-0-aaaaaaaa');
    expect(again).toEqual(receipts[0]);
    expect((await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body.voters).toBe(24);
  });

  it('kill -9 of the process running the room during a vote storm: its viewers reconnect to the other, every acknowledged vote counts once', async () => {
    const redis = await startRedis();
    const a = await serverOn(redis);
    const b = await serverOn(redis);
    const balancer = await startTcpBalancer([a.port, b.port]);
    cleanups.push(() => balancer.close());
    const room = 'shop--storm';
    // Created through A: A takes the channel's lease and runs the room.
    const id = (await rest(a.url, 'POST', `/api/rooms/${room}/interactions`, POLL)).body.id as string;
    const viewers = await Promise.all(Array.from({ length: 40 }, () => viewerAt(balancer.url, room)));

    // Each viewer votes once at a random moment of the next 3 s; A dies 1 s in.
    const votes = viewers.map((v, i) =>
      new Promise((r) => setTimeout(r, Math.random() * 3_000)).then(() => v.act(id, 'vote', { choices: [i % 3] }, `storm-${i}-aaaaaaaa`)),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    await a.kill();
    const receipts = await Promise.all(votes);
    expect(receipts.every((r) => r.ok)).toBe(true);

    const body = (await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body;
    expect(body.voters).toBe(40);
    expect(body.tally).toEqual([14, 13, 13]);
    // Every viewer's own vote is the one it was acknowledged for.
    await until(() => viewers.every((v) => sum(v.views.get(id)?.tally ?? []) === 40), 'every viewer to see 40 votes');
  });

  it('kill -9 during a quiz question: the question closes once at its deadline on the process that takes over', async () => {
    const redis = await startRedis();
    const a = await serverOn(redis);
    const b = await serverOn(redis);
    const room = 'quizshow--night';
    const spec = {
      kind: 'quiz',
      revealSeconds: 2,
      questions: [
        { prompt: 'Capital of France?', options: [{ label: 'Paris' }, { label: 'Rome' }], correct: 0, seconds: 5 },
        { prompt: 'Two plus two?', options: [{ label: '3' }, { label: '4' }], correct: 1, seconds: 60 },
      ],
    };
    const id = (await rest(a.url, 'POST', `/api/rooms/${room}/interactions`, spec)).body.id as string;
    const viewers = await Promise.all([viewerAt(b.url, room), viewerAt(b.url, room), viewerAt(b.url, room)]);
    const answers = await Promise.all(viewers.map((v, i) => v.act(id, 'answer', { question: 0, choice: i === 2 ? 1 : 0 }, `answer-${i}-aaaaaaaa`)));
    expect(answers.every((r) => r.ok)).toBe(true);
    // A runs the room and dies before the question's deadline; B takes over (the lease runs out) and reveals it.
    await a.kill();
    await until(
      async () => (await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body?.questions?.[0]?.status === 'closed',
      'question 1 to close on B',
      40_000,
    );
    const view = (await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body;
    expect(view.questions[0]).toMatchObject({ status: 'closed', correct: 0 });
    // Closed once: after the reveal pause (2 s) question 2 opened, once (a second firing would have closed it too).
    await until(async () => (await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body.current === 1, 'question 2 to open');
    const later = (await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body;
    expect(later).toMatchObject({ status: 'open', current: 1 });
    expect(later.questions[1]).toMatchObject({ status: 'open' });
    expect(later.questions[0].closedAt).toBe(view.questions[0].closedAt);
    // Each viewer's result of question 1, from the process that took over: scored once, right or wrong as answered.
    await until(() => viewers.every((v) => v.personal.get(id)?.results?.length === 1), 'every viewer to get its result');
    expect(viewers.map((v) => v.personal.get(id).results[0])).toMatchObject([
      { question: 0, correct: true },
      { question: 0, correct: true },
      { question: 0, correct: false },
    ]);
    expect(viewers[0]!.personal.get(id).score).toBeGreaterThan(0);
    expect(viewers[2]!.personal.get(id).score).toBe(0);
  });

  it('kill -9 during a lottery draw: the commitment and the draw are unchanged, and the proof verifies', async () => {
    const redis = await startRedis();
    const a = await serverOn(redis);
    const b = await serverOn(redis);
    const room = 'giveaway--friday';
    const created = (await rest(a.url, 'POST', `/api/rooms/${room}/interactions`, { kind: 'lottery', prize: 'A lipstick set', winners: 2 })).body;
    const id = created.id as string;
    const commitment = created.commitment as string;
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    const viewers = await Promise.all(Array.from({ length: 6 }, (_, i) => viewerAt(i % 2 ? a.url : b.url, room)));
    const entries = await Promise.all(viewers.map((v, i) => v.act(id, 'enter', {}, `enter-${i}-aaaaaaaa`)));
    expect(entries.every((r) => r.ok)).toBe(true);
    // The draw is asked of A, which dies at once: it may or may not have stored the draw.
    const closing = rest(a.url, 'POST', `/api/rooms/${room}/interactions/${id}/close`).catch(() => undefined);
    await a.kill();
    await closing;
    // Through B (it takes the channel over once A's lease runs out): close again if the draw did not land.
    let view: any;
    await until(
      async () => {
        view = (await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body;
        if (view?.status === 'open') await rest(b.url, 'POST', `/api/rooms/${room}/interactions/${id}/close`);
        return view?.status === 'closed' && Array.isArray(view.winners);
      },
      'the draw on B',
      40_000,
    );
    expect(view.commitment).toBe(commitment);
    expect(view.winners).toHaveLength(2);
    const again = (await rest(b.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body;
    expect(again.winners).toEqual(view.winners);
    // Anyone recomputes the winners from the public proof (docs/verify-lottery.mjs: Node's crypto only).
    const verifier = fileURLToPath(new URL('../docs/verify-lottery.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [verifier, `${b.url}/api/rooms/${room}/interactions/${id}/proof`]);
    expect(stdout).toMatch(/holds|ok|verified/i);
  });

  it('Redis restarted during a storm (AOF, appendfsync always): no acknowledged vote is lost; while Redis is down actions are refused, not acknowledged', async () => {
    const redis = await startRedis();
    const a = await serverOn(redis);
    const room = 'shop--redis';
    const id = (await rest(a.url, 'POST', `/api/rooms/${room}/interactions`, POLL)).body.id as string;
    const viewers = await Promise.all(Array.from({ length: 30 }, () => viewerAt(a.url, room)));
    const votes = viewers.map((v, i) =>
      new Promise((r) => setTimeout(r, Math.random() * 2_000)).then(() => v.act(id, 'vote', { choices: [i % 3] }, `redis-${i}-aaaaaaaa`)),
    );
    const probe = await viewerAt(a.url, room);
    await new Promise((r) => setTimeout(r, 700));
    await redis.kill();
    // Down: an action is answered with a typed, retryable error (the SDK's outbox keeps it), never acknowledged.
    const downAnswer = await probe.socket
      .timeout(10_000)
      .emitWithAck('act', { interaction: id, action: 'vote', payload: { choices: [0] }, key: 'down-probe-aaaaaaaa' });
    expect(downAnswer).toMatchObject({ ok: false, error: { code: 'internal' } });
    await new Promise((r) => setTimeout(r, 1_000));
    await redis.restart();
    const receipts = await Promise.all(votes);
    expect(receipts.every((r) => r.ok)).toBe(true);
    const body = (await rest(a.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body;
    expect(body).toMatchObject({ voters: 30, tally: [10, 10, 10] });
    // The refused vote, sent again with its key once Redis is back, counts (once).
    expect(await probe.act(id, 'vote', { choices: [0] }, 'down-probe-aaaaaaaa')).toMatchObject({ ok: true });
    expect((await rest(a.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body).toMatchObject({ voters: 31, tally: [11, 10, 10] });
  });

  it('ONCUE_WORKERS=2: two workers share one port and one room; kill -9 of a worker: it is replaced, its viewers reconnect, every acknowledged vote counts once', async () => {
    const redis = await startRedis();
    const server = await serverOn(redis, { ONCUE_WORKERS: '2' });
    const workerPids = (): number[] => [...server.output().matchAll(/Redis mode: process \S+ \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    await until(() => workerPids().length === 2, 'both workers to start');
    const room = 'workers--one';
    const id = (await rest(server.url, 'POST', `/api/rooms/${room}/interactions`, POLL)).body.id as string;
    const viewers = await Promise.all(Array.from({ length: 30 }, () => viewerAt(server.url, room)));
    const votes = viewers.map((v, i) =>
      new Promise((r) => setTimeout(r, Math.random() * 3_000)).then(() => v.act(id, 'vote', { choices: [i % 3] }, `worker-${i}-aaaaaaaa`)),
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const [victim] = workerPids();
    process.kill(victim!, 'SIGKILL');
    const receipts = await Promise.all(votes);
    expect(receipts.every((r) => r.ok)).toBe(true);
    // The primary started a third worker in the dead one's place.
    await until(() => workerPids().length === 3, 'a replacement worker', 20_000);
    const body = (await rest(server.url, 'GET', `/api/rooms/${room}/interactions/${id}`)).body;
    expect(body).toMatchObject({ voters: 30, tally: [10, 10, 10] });
  });
});
