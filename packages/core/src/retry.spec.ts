import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server, type Socket as ServerSocket } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_ACTION_RATE, type PollView, type Result, type ActReceipt } from '@oncue/protocol';
import { MemoryStore, silentLogger, startServer, VOTE_RATE, type StoreWrite } from '@oncue/server';
import { Connections, createPoll, FAST, freshRoom, startTestServer, tallyOf, until } from '../test/fixtures.js';
import { outgoing, sockets } from '../test/socket-spy.js';
import { connect as connectRoom } from './connect.js';
import { memoryStorage } from './key-value-storage.js';
import { OUTBOX_LIMIT } from './outbox.js';
import type { RoomConnection } from './room-connection.js';
import { vote } from './kinds/poll/vote.js';

vi.mock('socket.io-client', async (importOriginal) => (await import('../test/socket-spy.js')).spyOnSockets(importOriginal as never));

const conns = new Connections();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  conns.releaseAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A store that fails the next `failures` writes of votes, then works again; it remembers every vote key it was asked to write. */
class FlakyStore extends MemoryStore {
  failures = 0;
  readonly keys: string[] = [];
  override async apply(writes: readonly StoreWrite[]): Promise<void> {
    if (!writes.some((write) => write.type === 'participation')) return super.apply(writes);
    for (const write of writes) if (write.type === 'idempotency') this.keys.push(write.record.key);
    if (this.failures > 0) {
      this.failures--;
      throw new Error('disk on fire');
    }
    return super.apply(writes);
  }
}

async function createPolls(host: RoomConnection, count: number): Promise<PollView[]> {
  const polls: PollView[] = [];
  for (let n = 0; n < count; n++) polls.push(await createPoll(host));
  return polls;
}

function votersOf(conn: RoomConnection, id: string): number {
  const view = conn.$room.get().interactions.find((interaction) => interaction.id === id);
  return view?.kind === 'poll' ? (view.voters ?? 0) : 0;
}

function totalVoters(conn: RoomConnection): number {
  return conn.$room.get().interactions.reduce((sum, view) => sum + (view.kind === 'poll' ? (view.voters ?? 0) : 0), 0);
}

describe('retries of what the server may still accept', () => {
  it('retries a vote answered `internal` with the same key and counts it once', async () => {
    const store = new FlakyStore();
    const server = await startServer({ store, port: 0, hostToken: 'host-token-retry', tallyIntervalMs: 10, logger: silentLogger });
    cleanups.push(() => server.close());
    const room = freshRoom();
    const host = conns.add(connectTo(server.url, room, { hostToken: server.hostToken }));
    const poll = await createPoll(host);
    const viewer = conns.add(connectTo(server.url, room));
    await until(viewer.$viewer, (id) => id !== undefined);
    const sent = outgoing(sockets.at(-1) as Socket);

    store.failures = 1;
    const answer = await vote(viewer, poll.id, [1]);
    expect(answer).toMatchObject({ ok: true, value: { mine: [1] } });
    expect(sent.filter((event) => event === 'act')).toHaveLength(2);
    // The failed write and the accepted one carry the same key.
    expect(store.keys).toHaveLength(2);
    expect(store.keys[1]).toBe(store.keys[0]);
    await until(host.$room, () => tallyOf(host, poll.id)?.join() === '0,1');
    expect(votersOf(host, poll.id)).toBe(1);
    expect(viewer.$pending.get()).toEqual([]);
  });

  it('waits the retry hint of a `rate_limited` answer, then retries with the same key', async () => {
    const hintMs = 600;
    const attempts: Array<{ key: string; at: number }> = [];
    const url = await startScriptedServer((request, ack) => {
      attempts.push({ key: request.key, at: Date.now() });
      if (attempts.length === 1) ack({ ok: false, error: { code: 'rate_limited', message: 'slow down', retryAfterMs: hintMs } });
      else ack({ ok: true, value: { interaction: request.interaction, action: request.action, mine: request.payload.choices, at: Date.now() } });
    });
    const viewer = conns.add(connectTo(url, freshRoom()));
    await until(viewer.$connection, (state) => state === 'open');

    const answer = await vote(viewer, 'p1', [0]);
    expect(answer).toMatchObject({ ok: true, value: { mine: [0] } });
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.key).toBe(attempts[0]!.key);
    // FAST's backoff would retry after 25-75 ms: the hint wins.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(hintMs - 20);
  });

  it('retries `rate_limited` without a hint after a backoff until the server takes the vote', async () => {
    // A real server that takes one action at once, then four a second: the client's pace is above it.
    const limited = await startServer({
      store: new MemoryStore(),
      port: 0,
      hostToken: 'host-token-limited',
      tallyIntervalMs: 10,
      logger: silentLogger,
      rateLimit: { ratePerSecond: 4, burst: 1 },
    });
    cleanups.push(() => limited.close());
    const room = freshRoom();
    const host = conns.add(connectTo(limited.url, room, { hostToken: limited.hostToken }));
    const polls = await createPolls(host, 3);
    const viewer = conns.add(connectTo(limited.url, room));
    await until(viewer.$viewer, (id) => id !== undefined);

    const answers = await Promise.all(polls.map((poll) => vote(viewer, poll.id, [0])));
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true]);
    await until(host.$room, () => totalVoters(host) === 3);
  });

  it('delivers 45 votes queued offline after reconnecting, paced under the server burst', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.dispose());
    const room = freshRoom();
    const host = conns.host(server, room);
    const polls = await createPolls(host, 45);
    const viewer = conns.viewer(server, room);
    await until(viewer.$viewer, (id) => id !== undefined);
    await server.stop();
    await until(viewer.$connection, (state) => state === 'reconnecting');

    const answers = polls.map((poll) => vote(viewer, poll.id, [1]));
    expect(viewer.$pending.get()).toHaveLength(45);
    await server.restart();
    const results = await Promise.all(answers);
    expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.error.code)).toEqual([]);
    await until(host.$room, () => totalVoters(host) === 45, 10_000);
    // The client's pace stays under the server's per-socket limit.
    expect(CLIENT_ACTION_RATE.burst).toBeLessThan(VOTE_RATE.burst);
    expect(CLIENT_ACTION_RATE.ratePerSecond).toBeLessThan(VOTE_RATE.ratePerSecond);
  }, 20_000);

  it('refuses an action at once with `outbox_full` when the outbox is full, and settles every promise', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.dispose());
    const room = freshRoom();
    const host = conns.host(server, room);
    const polls = await createPolls(host, OUTBOX_LIMIT);
    const viewer = conns.viewer(server, room);
    await until(viewer.$viewer, (id) => id !== undefined);
    await server.stop();
    await until(viewer.$connection, (state) => state === 'reconnecting');

    const settled: Array<Result<ActReceipt>> = [];
    const answers = Array.from({ length: 60 }, (_, n) => vote(viewer, polls[n % OUTBOX_LIMIT]!.id, [0]).then((result) => (settled.push(result), result)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toHaveLength(10);
    expect(settled.every((result) => !result.ok && result.error.code === 'outbox_full')).toBe(true);
    expect(viewer.$pending.get()).toHaveLength(OUTBOX_LIMIT);

    await server.restart();
    const results = await Promise.all(answers);
    expect(results.slice(0, OUTBOX_LIMIT).every((result) => result.ok)).toBe(true);
    expect(results.slice(OUTBOX_LIMIT).map((result) => !result.ok && result.error.code)).toEqual(Array(10).fill('outbox_full'));
    await until(host.$room, () => totalVoters(host) === OUTBOX_LIMIT, 10_000);
  }, 20_000);

  it('loses no vote when the server stops gracefully mid-storm and comes back on the same data file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncue-storm-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const options = { dataFile: join(dir, 'oncue.db'), hostToken: 'host-token-storm', tallyIntervalMs: 10, logger: silentLogger };
    let server = await startServer({ ...options, port: 0 });
    const port = server.port;
    cleanups.push(() => server.close());
    const url = server.url;
    const room = freshRoom();
    const host = conns.add(connectTo(url, room, { hostToken: server.hostToken }));
    const polls = await createPolls(host, STORM_POLLS);
    const viewers = Array.from({ length: STORM_VIEWERS }, () => conns.add(connectTo(url, room)));
    await Promise.all(viewers.map((viewer) => until(viewer.$viewer, (id) => id !== undefined)));

    // A wave of votes (every viewer in one poll) every few milliseconds; the server stops gracefully (as on
    // SIGTERM) halfway through the storm, with votes in flight and more coming, and comes back on the same data
    // file 200 ms later.
    const answers: Array<Promise<Result<ActReceipt>>> = [];
    const storm = (async () => {
      for (const poll of polls) {
        for (const viewer of viewers) answers.push(vote(viewer, poll.id, [answers.length % 2]));
        await new Promise((resolve) => setTimeout(resolve, STORM_WAVE_MS));
      }
    })();
    while (answers.length < (STORM_POLLS * STORM_VIEWERS) / 2) await new Promise((resolve) => setTimeout(resolve, 1));
    await server.close();
    await storm;
    await new Promise((resolve) => setTimeout(resolve, 200));
    server = await startServer({ ...options, port });
    const results = await Promise.all(answers);
    const refused = results.filter((result) => !result.ok);
    await until(host.$connection, (state) => state === 'open', 10_000);
    await host.resync();
    const counted = totalVoters(host);
    console.log(
      `storm: ${answers.length} votes, ${refused.length} refused (${[...new Set(refused.map((r) => !r.ok && r.error.code))].join(', ')}), ${counted} counted`,
    );
    expect(refused).toEqual([]);
    await until(host.$room, () => totalVoters(host) === answers.length, 10_000);
  }, 60_000);
});

describe('answers in batched `acked` events', () => {
  it('sends the actions of one turn after the first in one frame and settles them from one acked event, each by its key with its own receipt', async () => {
    const frames: number[] = [];
    const incoming: number[] = [];
    const url = await startIoServer((socket) => {
      let queued: Array<{ key: string; result: unknown }> = [];
      type Request = { interaction: string; action: string; payload: { choices: number[] }; key: string };
      socket.on('act', (requests: Request | Request[]) => {
        incoming.push([requests].flat().length);
        for (const request of [requests].flat()) {
          queued.push({
            key: request.key,
            result: { ok: true, value: { interaction: request.interaction, action: request.action, mine: request.payload.choices, at: Date.now() } },
          });
        }
        // Answers in one frame once the acts stop coming for 20 ms; in reverse order, so that only the keys match them.
        setTimeout(() => {
          if (queued.length === 0) return;
          frames.push(queued.length);
          socket.emit('acked', [...queued].reverse());
          queued = [];
        }, 20);
      });
    });
    const viewer = conns.add(connectTo(url, freshRoom()));
    await until(viewer.$connection, (state) => state === 'open');

    const answers = await Promise.all(['p1', 'p2', 'p3', 'p4', 'p5'].map((poll, n) => vote(viewer, poll, [n])));
    expect(answers.map((answer) => answer.ok && answer.value)).toMatchObject([0, 1, 2, 3, 4].map((n, i) => ({ interaction: `p${i + 1}`, mine: [n] })));
    expect(incoming).toEqual([1, 4]);
    expect(frames).toEqual([5]);
    expect(viewer.$pending.get()).toEqual([]);
  });

  it('sends an action again with the same key when its answer does not come within the ack timeout, and ignores answers to keys it does not wait for', async () => {
    const attempts: string[] = [];
    const url = await startIoServer((socket) => {
      socket.on('act', (request: { interaction: string; action: string; key: string }) => {
        attempts.push(request.key);
        // The first send is never answered; a stray answer for another key comes instead.
        if (attempts.length === 1)
          return void socket.emit('acked', [{ key: 'not-a-waiting-key', result: { ok: false, error: { code: 'bad_request', message: 'no' } } }]);
        socket.emit('acked', [
          { key: request.key, result: { ok: true, value: { interaction: request.interaction, action: request.action, mine: [2], at: Date.now() } } },
        ]);
      });
    });
    const viewer = conns.add(connectRoom({ server: url, room: freshRoom(), storage: memoryStorage(), ...FAST, ackTimeoutMs: 300 }));
    await until(viewer.$connection, (state) => state === 'open');

    const answer = await vote(viewer, 'p1', [2]);
    expect(answer).toMatchObject({ ok: true, value: { mine: [2] } });
    expect(attempts).toHaveLength(2);
    expect(attempts[1]).toBe(attempts[0]);
  });
});

const STORM_POLLS = 40;
const STORM_VIEWERS = 20;
const STORM_WAVE_MS = Number(process.env.STORM_WAVE_MS ?? 4);

function connectTo(server: string, room: string, options: { hostToken?: string } = {}): RoomConnection {
  return connectRoom({ server, room, storage: memoryStorage(), ...FAST, ...options });
}

/** A bare socket.io server that answers every `act` with `answer(request, ack)` (`ack` sends the answer in an `acked` event, as the server batches them). */
async function startScriptedServer(
  answer: (request: { interaction: string; action: string; payload: { choices: number[] }; key: string }, ack: (result: unknown) => void) => void,
): Promise<string> {
  type Request = Parameters<typeof answer>[0];
  return startIoServer((socket) =>
    socket.on('act', (requests: Request | Request[]) => {
      for (const request of [requests].flat()) answer(request, (result) => socket.emit('acked', [{ key: request.key, result }]));
    }),
  );
}

/** A bare socket.io server that hands each connection to `onConnection`. */
async function startIoServer(onConnection: (socket: ServerSocket) => void): Promise<string> {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', onConnection);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}
