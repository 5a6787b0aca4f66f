import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoomSnapshot, RoomUpdate, Welcome } from '@oncue/protocol';
import { actRequest, newKey, startTestServer } from '../../test/test-server.js';

const sockets: ReturnType<typeof connect>[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

describe('connection-state recovery', () => {
  it('recovers a dropped connection with the same viewer, a fresh snapshot and the missed updates', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const socket = connect(t.server.url, {
      auth: { room: t.room },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 10,
      reconnectionDelayMax: 20,
    });
    sockets.push(socket);
    const welcomes: Welcome[] = [];
    const snapshots: RoomSnapshot[] = [];
    const updates: RoomUpdate[] = [];
    socket.on('welcome', (w: Welcome) => welcomes.push(w));
    socket.on('snapshot', (s: RoomSnapshot) => snapshots.push(s));
    socket.on('update', (u: RoomUpdate) => updates.push(u));
    await new Promise((resolve) => socket.once('snapshot', resolve));

    // A network drop (not a clean disconnect). Reconnection waits until another viewer has voted,
    // so that the vote is one this socket missed (with automatic reconnection it may come back first).
    socket.io.reconnection(false);
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.io.engine.close();
    await dropped;
    const other = await t.connectViewer();
    await other.act('vote', { interaction: id, choices: [0], key: newKey() });
    const resnapshot = new Promise((resolve) => socket.once('snapshot', resolve));
    socket.connect();
    await resnapshot;

    expect(socket.recovered).toBe(true);
    expect(welcomes).toHaveLength(2);
    expect(welcomes[1]!.viewer).toBe(welcomes[0]!.viewer);
    expect(snapshots.at(-1)!.interactions[0]).toMatchObject({ id, voters: 1 });
    const result = await socket.timeout(2000).emitWithAck('act', actRequest('vote', { interaction: id, choices: [1], key: newKey() }));
    expect(result).toMatchObject({ ok: true });
    await other.waitFor(() => other.poll(id)?.voters === 2);
    await vi.waitFor(() => expect(updates.at(-1)?.interactions).toEqual([expect.objectContaining({ id, voters: 2 })]));
  });
});
