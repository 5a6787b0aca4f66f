import { signViewerToken } from '@oncue/server';
import { describe, expect, it, vi } from 'vitest';
import { FAST, freshRoom, type TestServer, until, useTestServer } from '../test/fixtures.js';
import { sockets } from '../test/socket-spy.js';
import { connect } from './connect.js';
import type { ConnectionState } from './connection-state.js';
import { memoryStorage } from './key-value-storage.js';

vi.mock('socket.io-client', async (importOriginal) => (await import('../test/socket-spy.js')).spyOnSockets(importOriginal as never));

describe('connection', () => {
  let server: TestServer;
  const conns = useTestServer((started) => (server = started));

  it('goes from connecting to open and learns who the viewer is', async () => {
    const conn = conns.viewer(server, freshRoom());
    expect(conn.$connection.get()).toBe('connecting');
    expect(conn.role).toBe('viewer');
    await until(conn.$connection, (state) => state === 'open');
    await until(conn.$viewer, (viewer) => viewer !== undefined);
    await until(conn.$room, (room) => room.synced);
  });

  it('goes reconnecting when the server stops and open again when it comes back on the same port', async () => {
    const conn = conns.viewer(server, freshRoom());
    const states: ConnectionState[] = [];
    conn.$connection.subscribe((state) => states.push(state));
    await until(conn.$connection, (state) => state === 'open');
    await server.stop();
    await until(conn.$connection, (state) => state === 'reconnecting');
    await server.restart();
    await until(conn.$connection, (state) => state === 'open');
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('is unreachable while a first connection cannot get through, and open once the server is there', async () => {
    await server.stop();
    const conn = conns.viewer(server, freshRoom());
    const states: ConnectionState[] = [];
    conn.$connection.subscribe((state) => states.push(state));
    await until(conn.$connection, (state) => state === 'unreachable');
    await server.restart();
    await until(conn.$connection, (state) => state === 'open');
    await until(conn.$room, (room) => room.synced);
    expect(states).toEqual(['connecting', 'unreachable', 'open']);
  });

  it('connects again after the server ends the session', async () => {
    const conn = conns.viewer(server, freshRoom());
    await until(conn.$room, (room) => room.synced);
    const viewer = conn.$viewer.get();
    server.disconnectEveryone();
    await until(conn.$connection, (state) => state === 'reconnecting');
    await until(conn.$connection, (state) => state === 'open');
    expect(conn.$viewer.get()).toBe(viewer);
  });

  it('fails without retrying when the host token is wrong', async () => {
    const conn = conns.add(connect({ server: server.url, room: freshRoom(), hostToken: 'not-the-token', storage: memoryStorage(), ...FAST }));
    expect(conn.role).toBe('host');
    await until(conn.$connection, (state) => state === 'failed');
    const socket = sockets.at(-1)!;
    expect(socket.active).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(conn.$connection.get()).toBe('failed');
    expect(socket.active).toBe(false);
    const answer = await conn.openInteraction('anything');
    expect(answer).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(conn.$failure.get()).toMatchObject({ code: 'unauthorized' });
  });

  it('gives a new caller a fresh attempt instead of a connection that failed for good', async () => {
    const room = freshRoom();
    const storage = memoryStorage();
    const refused = conns.add(connect({ server: server.url, room, hostToken: 'not-the-token', storage, ...FAST }));
    await until(refused.$connection, (state) => state === 'failed');
    const before = sockets.length;
    const retry = conns.add(connect({ server: server.url, room, hostToken: 'not-the-token', storage, ...FAST }));
    expect(sockets.length).toBe(before + 1);
    expect(retry.$failure.get()).toBeUndefined();
    await until(retry.$connection, (state) => state === 'failed');
    expect(refused.$connection.get()).toBe('failed');
  });

  it('has no failure while the connection is healthy', async () => {
    const conn = conns.viewer(server, freshRoom());
    await until(conn.$connection, (state) => state === 'open');
    expect(conn.$failure.get()).toBeUndefined();
  });

  it('keeps the viewer token and is the same viewer on the next connection', async () => {
    const storage = memoryStorage();
    const first = conns.viewer(server, freshRoom(), storage);
    const viewer = await until(first.$viewer, (id) => id !== undefined);
    expect(storage.getItem(`oncue:viewer:${server.url}`)).toBeTruthy();
    first.release();
    const second = conns.viewer(server, freshRoom(), storage);
    expect(await until(second.$viewer, (id) => id !== undefined)).toBe(viewer);
  });

  it("becomes the viewer a token signed by the integrator's backend names, only while the page passes it", async () => {
    const storage = memoryStorage();
    const anonymous = await until(conns.viewer(server, freshRoom(), storage).$viewer, (viewer) => viewer !== undefined);
    const viewerToken = signViewerToken({ secret: server.viewerSecret, viewer: 'shop_user_7', name: 'Mia' });
    const conn = conns.viewer(server, freshRoom(), storage, { viewerToken });
    expect(await until(conn.$viewer, (viewer) => viewer !== undefined)).toBe('shop_user_7');
    // The next page of this site without the token (the user logged out) is not that user: it is the anonymous viewer again.
    const later = conns.viewer(server, freshRoom(), storage);
    expect(await until(later.$viewer, (viewer) => viewer !== undefined)).toBe(anonymous);
  });

  it('shares one socket between handles and closes it when the last handle is released', async () => {
    const storage = memoryStorage();
    const room = freshRoom();
    const before = sockets.length;
    const one = connect({ server: server.url, room, storage, ...FAST });
    const two = connect({ server: `${server.url}/`, room, storage, ...FAST });
    expect(sockets.length).toBe(before + 1);
    expect(two.$room).toBe(one.$room);
    const socket = sockets.at(-1)!;
    await until(one.$connection, (state) => state === 'open');
    one.release();
    one.release(); // a second release of the same handle changes nothing
    expect(socket.connected).toBe(true);
    two.release();
    expect(socket.connected).toBe(false);
    expect(socket.active).toBe(false);
    const three = conns.add(connect({ server: server.url, room, storage, ...FAST }));
    expect(sockets.length).toBe(before + 2);
    expect(three.$room).not.toBe(one.$room);
  });

  it('estimates the server clock', async () => {
    const conn = conns.viewer(server, freshRoom());
    await until(conn.$room, (room) => room.synced);
    expect(Math.abs(conn.serverNow() - Date.now())).toBeLessThan(1000);
  });
});
