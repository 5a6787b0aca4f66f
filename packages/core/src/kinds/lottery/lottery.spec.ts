import { createHash } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import type { LotteryPersonal, LotteryView } from '@oncue/protocol';
import { freshRoom, type TestServer, until, useTestServer } from '../../../test/fixtures.js';
import { outgoing, sockets } from '../../../test/socket-spy.js';
import { memoryStorage } from '../../key-value-storage.js';
import type { RoomConnection } from '../../room-connection.js';
import type { RoomState } from '../../room-state.js';
import { enter } from './enter.js';
import { claim } from './claim.js';
import { entryTicket } from './entry-ticket.js';

vi.mock('socket.io-client', async (importOriginal) => (await import('../../../test/socket-spy.js')).spyOnSockets(importOriginal as never));

async function launch(host: RoomConnection, extra: Record<string, unknown> = {}): Promise<LotteryView> {
  await until(host.$connection, (state) => state === 'open');
  const result = await host.createInteraction({ kind: 'lottery', prize: 'Mug', winners: 1, ...extra });
  if (!result.ok) throw new Error(`createInteraction failed: ${result.error.code}`);
  return result.value as LotteryView;
}

const lotteryOf = (state: RoomState, id: string) => state.interactions.find((i) => i.id === id) as LotteryView | undefined;
const personalOf = (conn: RoomConnection, id: string) => conn.$room.get().personal[id] as LotteryPersonal | undefined;

describe('lottery entries and claims', () => {
  let server: TestServer;
  const conns = useTestServer(
    (started) => (server = started),
    (running) => running.restart(),
  );

  it('enters once, with the entry in personal state, and refuses a second entry as a typed error', async () => {
    const room = freshRoom();
    const lottery = await launch(conns.host(server, room));
    const viewer = conns.viewer(server, room);
    const entered = await enter(viewer, lottery.id);
    expect(entered).toMatchObject({
      ok: true,
      value: { interaction: lottery.id, personal: { kind: 'lottery', entry: expect.stringMatching(/^[0-9a-f]{64}$/), won: false } },
    });
    expect(personalOf(viewer, lottery.id)).toMatchObject({ entry: expect.any(String), won: false });
    expect(viewer.$room.get().mine).not.toHaveProperty(lottery.id);
    expect(await enter(viewer, lottery.id)).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(viewer.$pending.get()).toEqual([]);
  });

  it('enters under a ticket derived from a secret only this client holds, which the viewer recomputes to find itself', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const lottery = await launch(host);
    const storage = memoryStorage();
    const viewer = conns.viewer(server, room, storage);
    const viewerId = await until(viewer.$viewer, (id) => id !== undefined);
    const sent: [string, unknown][] = [];
    (sockets.at(-1) as Socket).onAnyOutgoing((event: string, payload: unknown) => sent.push([event, payload]));
    const entered = await enter(viewer, lottery.id);
    // Computed here as docs/lottery.md defines it, from the secret in the storage: hex SHA-256 of `<lottery>:<secret>`.
    const secret = storage.getItem(`oncue:entry-secret:${server.url}:${viewerId}`)!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const ticket = createHash('sha256').update(`${lottery.id}:${secret}`, 'utf8').digest('hex');
    expect(sent.find(([event]) => event === 'act')?.[1]).toMatchObject({ interaction: lottery.id, action: 'enter', payload: { ticket } });
    expect(entered).toMatchObject({ ok: true, value: { personal: { entry: ticket } } });
    expect(await entryTicket(viewer, lottery.id)).toBe(ticket);
    expect(ticket).not.toBe(createHash('sha256').update(`${lottery.id}:${viewerId}`, 'utf8').digest('hex'));
    // Another viewer (another storage) has another secret; another lottery gives another ticket.
    const other = conns.viewer(server, room, memoryStorage());
    await until(other.$viewer, (id) => id !== undefined);
    expect(await entryTicket(other, lottery.id)).not.toBe(ticket);
    expect(await entryTicket(viewer, 'another-lottery')).not.toBe(ticket);
    await host.closeInteraction(lottery.id);
    await until(host.$room, (state) => lotteryOf(state, lottery.id)?.entryList !== undefined);
    expect(lotteryOf(host.$room.get(), lottery.id)?.entryList).toEqual([ticket]);
  });

  it('waits for the viewer id before entering, so that an entry made right after connecting still carries the ticket', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const lottery = await launch(host);
    const storage = memoryStorage();
    const viewer = conns.viewer(server, room, storage);
    expect(viewer.$viewer.get()).toBeUndefined();
    const entered = await enter(viewer, lottery.id);
    const viewerId = viewer.$viewer.get();
    const secret = storage.getItem(`oncue:entry-secret:${server.url}:${viewerId}`)!;
    const ticket = createHash('sha256').update(`${lottery.id}:${secret}`, 'utf8').digest('hex');
    expect(entered).toMatchObject({ ok: true, value: { action: 'enter', personal: { entry: ticket } } });
  });

  it('delivers an entry made while disconnected once after reconnecting', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const lottery = await launch(host);
    const viewer = conns.viewer(server, room, memoryStorage());
    await until(viewer.$viewer, (id) => id !== undefined);
    const sent = outgoing(sockets.at(-1) as Socket);
    await server.stop();
    await until(viewer.$connection, (state) => state === 'reconnecting');

    const entry = enter(viewer, lottery.id);
    // The ticket is computed (WebCrypto, async) before the entry goes into the outbox.
    const pending = await until(viewer.$pending, (list) => list.length > 0);
    expect(pending).toMatchObject([{ action: 'enter', interaction: lottery.id, payload: { ticket: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
    await server.restart();
    expect(await entry).toMatchObject({ ok: true });
    expect(sent.filter((event) => event === 'act')).toHaveLength(1);
    await until(host.$room, (state) => lotteryOf(state, lottery.id)?.entries === 1);
  });

  it('learns it won at the draw and claims once; the claim leaves the outbox', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const lottery = await launch(host);
    const viewer = conns.viewer(server, room);
    await enter(viewer, lottery.id);
    expect((await host.closeInteraction(lottery.id)).ok).toBe(true);
    await until(viewer.$room, (state) => (state.personal[lottery.id] as LotteryPersonal | undefined)?.won === true);
    const claimed = await claim(viewer, lottery.id, { contact: 'wechat: lucky' });
    expect(claimed).toMatchObject({ ok: true, value: { personal: { won: true, claimedAt: expect.any(Number) } } });
    expect(personalOf(viewer, lottery.id)?.claimedAt).toBe(claimed.ok ? (claimed.value.personal as LotteryPersonal).claimedAt : -1);
    expect(await claim(viewer, lottery.id, { contact: 'again' })).toMatchObject({ ok: false, error: { code: 'already_claimed' } });
    expect(viewer.$pending.get()).toEqual([]);
    await until(host.$room, (state) => lotteryOf(state, lottery.id)?.claims?.[0]?.fields?.contact === 'wechat: lucky');
  });
});
