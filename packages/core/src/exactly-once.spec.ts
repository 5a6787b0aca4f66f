import type { Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import type { PollView } from '@oncue/protocol';
import { createPoll, freshRoom, tallyOf, type TestServer, until, useTestServer } from '../test/fixtures.js';
import { outgoing, sockets } from '../test/socket-spy.js';
import { memoryStorage, type KeyValueStorage } from './key-value-storage.js';
import { vote } from './kinds/poll/vote.js';

vi.mock('socket.io-client', async (importOriginal) => (await import('../test/socket-spy.js')).spyOnSockets(importOriginal as never));

describe('exactly-once delivery', () => {
  let server: TestServer;
  // Each test starts from a restarted server (same port and data file).
  const conns = useTestServer(
    (started) => (server = started),
    (running) => running.restart(),
  );

  /** A viewer that has met the server once (so it has a viewer token), and the poll it votes in. */
  async function setUp(storage: KeyValueStorage = memoryStorage()) {
    const room = freshRoom();
    const host = conns.host(server, room);
    const poll = await createPoll(host);
    const viewer = conns.viewer(server, room, storage);
    await until(viewer.$viewer, (id) => id !== undefined);
    return { room, host, poll, viewer, storage };
  }

  it('delivers, once, a vote an earlier version left in the outbox in its old shape (before act)', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const poll = await createPoll(host);
    const storage = memoryStorage();
    // What a page of the previous version wrote before it was closed, unanswered (its key was never sent).
    const legacy = { key: 'legacy-vote-key-0001', type: 'vote', interaction: poll.id, choices: [1], createdAt: Date.now() };
    storage.setItem(`oncue:outbox:${server.url}:${room}`, JSON.stringify([legacy]));
    const viewer = conns.viewer(server, room, storage);
    expect(viewer.$pending.get()).toEqual([{ key: legacy.key, interaction: poll.id, action: 'vote', payload: { choices: [1] }, createdAt: legacy.createdAt }]);
    await until(viewer.$pending, (pending) => pending.length === 0);
    await until(viewer.$room, (state) => (state.mine[poll.id] as number[] | undefined)?.join() === '1');
    await until(host.$room, () => tallyOf(host, poll.id)?.join() === '0,1');
    // The same key again (another tab still holding the old entry) counts nothing more.
    const again = conns.viewer(server, room, storage);
    storage.setItem(`oncue:outbox:${server.url}:${room}`, JSON.stringify([legacy]));
    again.release();
    const third = conns.viewer(server, room, storage);
    await until(third.$pending, (pending) => pending.length === 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tallyOf(host, poll.id)).toEqual([0, 1]);
  });

  it('keeps a vote made while disconnected in the outbox and delivers it once after reconnecting', async () => {
    const { host, poll, viewer } = await setUp();
    const socket = sockets.at(-1) as Socket;
    const sent = outgoing(socket);
    await server.stop();
    await until(viewer.$connection, (state) => state === 'reconnecting');

    const answer = vote(viewer, poll.id, [1]);
    expect(viewer.$pending.get()).toMatchObject([{ action: 'vote', interaction: poll.id, payload: { choices: [1] } }]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sent).not.toContain('act');

    await server.restart();
    expect(await answer).toMatchObject({ ok: true, value: { mine: [1] } });
    expect(viewer.$pending.get()).toEqual([]);
    expect(viewer.$room.get().mine).toEqual({ [poll.id]: [1] });
    await until(host.$room, () => tallyOf(host, poll.id)?.join() === '0,1');
    expect(sent.filter((event) => event === 'act')).toHaveLength(1);
  });

  it('delivers a pending vote once after a reload', async () => {
    const { host, poll, viewer, room, storage } = await setUp();
    await server.stop();
    void vote(viewer, poll.id, [0]);
    viewer.release(); // the page goes away with the vote still in the outbox

    await server.restart();
    const reloaded = conns.viewer(server, room, storage);
    expect(reloaded.$pending.get()).toHaveLength(1);
    await until(reloaded.$pending, (pending) => pending.length === 0);
    await until(reloaded.$room, (state) => (state.mine[poll.id] as number[] | undefined)?.join() === '0');
    await until(host.$room, () => tallyOf(host, poll.id)?.join() === '1,0');
    expect((host.$room.get().interactions[0] as PollView).voters).toBe(1);
  });

  it('counts the same outbox entry once when it is delivered twice', async () => {
    const { host, poll, viewer, room, storage } = await setUp();
    await server.stop();
    void vote(viewer, poll.id, [1]);
    viewer.release();
    // Two tabs of the same viewer load the same outbox entry and both deliver it.
    const copy = memoryStorage();
    for (const key of [`oncue:viewer:${server.url}`, `oncue:outbox:${server.url}:${room}`]) copy.setItem(key, storage.getItem(key)!);
    await server.restart();
    const tabA = conns.viewer(server, room, storage);
    const tabB = conns.viewer(server, room, copy);
    await until(tabA.$pending, (pending) => pending.length === 0);
    await until(tabB.$pending, (pending) => pending.length === 0);
    expect(tabA.$room.get().mine).toEqual({ [poll.id]: [1] });
    expect(tabB.$room.get().mine).toEqual({ [poll.id]: [1] });
    await until(host.$room, () => tallyOf(host, poll.id)?.join() === '0,1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tallyOf(host, poll.id)).toEqual([0, 1]);
    expect((host.$room.get().interactions[0] as PollView).voters).toBe(1);
  });

  it('delivers a vote made during a dropped transport once the session is recovered', async () => {
    const { host, poll, viewer } = await setUp();
    const socket = sockets.at(-1) as Socket;
    const sent = outgoing(socket);
    socket.io.engine.close(); // the network drops; the server keeps the session for recovery
    expect(viewer.$connection.get()).toBe('reconnecting');
    const answer = vote(viewer, poll.id, [0]);
    expect(viewer.$pending.get()).toHaveLength(1);
    expect(await answer).toMatchObject({ ok: true });
    expect(socket.recovered).toBe(true);
    expect(sent.filter((event) => event === 'act')).toHaveLength(1);
    expect(sent).toContain('sync');
    await until(host.$room, () => tallyOf(host, poll.id)?.join() === '1,0');
  });

  it('counts a vote once when its answer is lost to a dropped connection', async () => {
    const { host, poll, viewer } = await setUp();
    const socket = sockets.at(-1) as Socket;
    const sent = outgoing(socket);
    const answer = vote(viewer, poll.id, [1]);
    socket.io.engine.close(); // the vote leaves, its answer never comes back on this connection
    expect(await answer).toMatchObject({ ok: true, value: { mine: [1] } });
    expect(sent.filter((event) => event === 'act')).toHaveLength(2);
    await until(host.$room, () => tallyOf(host, poll.id)?.join() === '0,1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((host.$room.get().interactions[0] as PollView).voters).toBe(1);
  });

  it('answers a re-sent key with the first receipt', async () => {
    const { poll, viewer } = await setUp();
    const socket = sockets.at(-1) as Socket;
    const request = { interaction: poll.id, action: 'vote', payload: { choices: [0] }, key: 'same-key-0001' };
    const first = await socket.emitWithAck('act', request);
    const second = await socket.emitWithAck('act', request);
    expect(first).toMatchObject({ ok: true });
    expect(second).toEqual(first);
    await until(viewer.$room, () => tallyOf(viewer, poll.id)?.join() === '1,0');
  });
});
