import type { Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { createPoll, freshRoom, tallyOf, type TestServer, until, useTestServer } from '../test/fixtures.js';
import { outgoing, sockets } from '../test/socket-spy.js';
import { interactionStore } from './interaction-store.js';
import { vote } from './kinds/poll/vote.js';

vi.mock('socket.io-client', async (importOriginal) => (await import('../test/socket-spy.js')).spyOnSockets(importOriginal as never));

describe('room sync', () => {
  let server: TestServer;
  const conns = useTestServer((started) => (server = started));

  it('applies the snapshot it gets on connect', async () => {
    const room = freshRoom();
    const poll = await createPoll(conns.host(server, room));
    const viewer = conns.viewer(server, room);
    const state = await until(viewer.$room, (room) => room.synced);
    expect(state.interactions.map((view) => view.id)).toEqual([poll.id]);
    expect(state.version).toBeGreaterThan(0);
    expect(state.mine).toEqual({});
  });

  it('applies updates in version order', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const poll = await createPoll(host);
    const viewer = conns.viewer(server, room);
    await until(viewer.$room, (room) => room.synced);
    const versions: number[] = [];
    viewer.$room.listen((state) => versions.push(state.version));
    const voters = [conns.viewer(server, room), conns.viewer(server, room), conns.viewer(server, room)];
    for (const [n, voter] of voters.entries()) expect((await vote(voter, poll.id, [n % 2])).ok).toBe(true);
    await until(viewer.$room, () => tallyOf(viewer, poll.id)?.join() === '2,1');
    const second = await createPoll(host);
    const state = await until(viewer.$room, (room) => room.interactions.length === 2);
    expect(state.interactions.map((view) => view.id)).toEqual([poll.id, second.id]);
    expect(versions.length).toBeGreaterThan(0);
    versions.reduce((last, version) => {
      expect(version).toBe(last + 1);
      return version;
    }, versions[0] - 1);
  });

  it('asks for a snapshot when it sees a gap in versions', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const first = await createPoll(host);
    const viewer = conns.viewer(server, room);
    const synced = await until(viewer.$room, (room) => room.synced && room.interactions.length === 1);
    const socket = sockets.at(-1) as Socket;
    const sent = outgoing(socket);

    // Lose the next update on the floor.
    const [onUpdate] = socket.listeners('update');
    socket.off('update', onUpdate);
    const second = await createPoll(host);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(viewer.$room.get().version).toBe(synced.version);
    socket.on('update', onUpdate);

    const third = await createPoll(host);
    const state = await until(viewer.$room, (room) => room.interactions.length === 3);
    expect(state.interactions.map((view) => view.id)).toEqual([first.id, second.id, third.id]);
    expect(sent).toContain('sync');
  });

  it('asks for a snapshot after a reconnect and catches up on what it missed', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const poll = await createPoll(host);
    const viewer = conns.viewer(server, room);
    await until(viewer.$room, (room) => room.synced);
    const socket = sockets.at(-1) as Socket;
    const sent = outgoing(socket);
    await server.stop();
    await until(viewer.$connection, (state) => state === 'reconnecting');
    await server.restart();
    await until(host.$connection, (state) => state === 'open');
    expect((await host.closeInteraction(poll.id)).ok).toBe(true);
    await until(viewer.$room, () => viewer.$room.get().interactions[0]?.status === 'closed');
    expect(sent).toContain('sync');
  });

  it('gives a store per interaction that changes only with that interaction', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const poll = await createPoll(host);
    const $poll = interactionStore(host, poll.id);
    const $missing = interactionStore(host, 'nope');
    let missingCalls = 0;
    $missing.listen(() => missingCalls++);
    await until($poll, (view) => view?.id === poll.id);
    await createPoll(host);
    await until(host.$room, (room) => room.interactions.length === 2);
    const before = $poll.get();
    await createPoll(host);
    await until(host.$room, (room) => room.interactions.length === 3);
    expect($poll.get()).toBe(before);
    expect($missing.get()).toBeUndefined();
    expect(missingCalls).toBe(0);
  });
});
