import { CHEERS_FEATURE, type ActReceipt, type CheerReceipt, type Result } from '@oncue/protocol';
import { describe, expect, it } from 'vitest';
import { createPoll, freshRoom, type TestServer, until, useTestServer } from '../../test/fixtures.js';
import type { RoomConnection } from '../room-connection.js';
import { cheer, CheerBatcher } from './cheer.js';
import { claimReward } from './claim-reward.js';

/** The real connection, with each `act` it is asked for written down (what the batcher sends). */
function recording(conn: RoomConnection): { conn: RoomConnection; acts: { interaction: string; action: string; payload: unknown }[] } {
  const acts: { interaction: string; action: string; payload: unknown }[] = [];
  return {
    acts,
    conn: { ...conn, act: (interaction, action, payload) => (acts.push({ interaction, action, payload }), conn.act(interaction, action, payload)) },
  };
}

describe('cheer', () => {
  let server: TestServer;
  const conns = useTestServer((started) => (server = started));

  /** A room the host has opened (a poll in it), and a viewer in it once synced. */
  async function viewerInRoom(): Promise<RoomConnection> {
    const room = freshRoom();
    await createPoll(conns.host(server, room));
    const viewer = conns.viewer(server, room);
    await until(viewer.$room, (state) => state.synced);
    return viewer;
  }

  it('batches fast taps into few acts, shows them pending at once, and the room count reaches them', async () => {
    const viewer = await viewerInRoom();
    const { conn, acts } = recording(viewer);
    const batcher = new CheerBatcher(conn);
    for (let i = 0; i < 12; i++) batcher.tap();
    expect(batcher.$pending.get()).toBe(12);
    await until(batcher.$pending, (n) => n === 0);
    expect(acts.length).toBeLessThanOrEqual(2);
    expect(acts.every((a) => a.interaction === CHEERS_FEATURE && a.action === 'cheer')).toBe(true);
    expect(acts.reduce((sum, a) => sum + (a.payload as { count: number }).count, 0)).toBe(12);
    await until(viewer.$room, (state) => state.milestones?.cheers === 12);
  });

  it('sends at most one batch per 500 ms while the taps keep coming', async () => {
    const viewer = await viewerInRoom();
    const { conn, acts } = recording(viewer);
    const batcher = new CheerBatcher(conn);
    const start = Date.now();
    // 8 taps a second for 1.2 s: a person tapping fast (under the server's 20 taps/s cap).
    await new Promise<void>((resolve) => {
      let taps = 0;
      const timer = setInterval(() => {
        batcher.tap();
        if (++taps === 10) {
          clearInterval(timer);
          resolve();
        }
      }, 120);
    });
    await until(batcher.$pending, (n) => n === 0);
    const elapsed = Date.now() - start;
    expect(acts.length).toBeLessThanOrEqual(Math.ceil(elapsed / 500) + 1);
    expect(acts.length).toBeGreaterThanOrEqual(2);
    await until(viewer.$room, (state) => state.milestones?.cheers === 10);
  });

  it('puts every waiting tap in the outbox at once when the page goes, beside a batch on its way', async () => {
    const viewer = await viewerInRoom();
    const { conn, acts } = recording(viewer);
    const batcher = new CheerBatcher(conn);
    batcher.tap(3);
    void batcher.flush();
    batcher.tap(30);
    batcher.sendAllNow();
    // No pacing: the last taps are written (and sent) now, next to the batch on its way (33 taps: under the server's burst of 40).
    expect(acts.map((a) => (a.payload as { count: number }).count)).toEqual([3, 30]);
    expect(viewer.$pending.get().filter((p) => p.interaction === CHEERS_FEATURE)).toHaveLength(2);
    await until(viewer.$room, (state) => state.milestones?.cheers === 33, 5000);
    await until(batcher.$pending, (n) => n === 0);
  });

  it('splits a batch over the largest count one act may carry', async () => {
    const viewer = await viewerInRoom();
    const { conn, acts } = recording(viewer);
    const batcher = new CheerBatcher(conn);
    batcher.tap(130);
    await until(batcher.$pending, (n) => n === 0, 5000);
    expect(acts.map((a) => (a.payload as { count: number }).count)).toEqual([100, 30]);
  });

  it('is one batcher per shared connection, and its receipt says what counted', async () => {
    const viewer = await viewerInRoom();
    expect(cheer(viewer)).toBe(cheer({ act: viewer.act, $room: viewer.$room }));
    cheer(viewer).tap(3);
    const answer: Result<ActReceipt> | undefined = await cheer(viewer).flush();
    expect(answer).toMatchObject({ ok: true });
    const receipt = answer?.ok ? (answer.value.mine as CheerReceipt) : undefined;
    expect(receipt?.counted).toBe(3);
    expect(receipt?.total).toBe(3);
  });

  it('ignores taps that are not a whole number of at least 1', () => {
    const batcher = new CheerBatcher({ act: () => Promise.reject(new Error('nothing is sent')), $room: undefined as never });
    batcher.tap(0);
    batcher.tap(-2);
    batcher.tap(1.5);
    expect(batcher.$pending.get()).toBe(0);
  });

  it('claims a reward the viewer was not issued: a typed refusal, nothing left in the outbox', async () => {
    const viewer = await viewerInRoom();
    expect(await claimReward(viewer, 'not-issued-to-me', { contact: 'ada@example.com' })).toMatchObject({ ok: false, error: { code: 'not_earned' } });
    expect(viewer.$pending.get()).toEqual([]);
  });
});
