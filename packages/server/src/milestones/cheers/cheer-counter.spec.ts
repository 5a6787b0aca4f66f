import { describe, expect, it } from 'vitest';
import { CHEERS_FEATURE, type CheerReceipt, type RoomMilestones } from '@oncue/protocol';
import { MemoryStore } from '../../store/memory-store.js';
import { newKey, startTestServer, type TestClient } from '../../../test/test-server.js';

const T0 = 1_800_000_000_000;

/** Sends one cheer batch and answers its ack. */
function cheer(client: TestClient, count: unknown, key = newKey()) {
  return client.request<{ mine: CheerReceipt }>('act', { interaction: CHEERS_FEATURE, action: 'cheer', payload: { count }, key });
}

/** The room counters the client saw last (snapshot or update). */
function lastMilestones(client: TestClient): RoomMilestones | undefined {
  const all = [...client.snapshots, ...client.updates].filter((m) => m.milestones !== undefined);
  return all.sort((a, b) => a.version - b.version).at(-1)?.milestones;
}

describe('cheers', () => {
  it('counts a batch, answers the room count, and counts a resent batch once', async () => {
    const t = await startTestServer();
    await t.createPoll();
    const a = await t.connectViewer();
    const b = await t.connectViewer();
    const key = newKey();
    const first = await cheer(a, 7, key);
    expect(first).toMatchObject({ ok: true, value: { interaction: CHEERS_FEATURE, action: 'cheer', mine: { counted: 7, total: 7 } } });
    // The same batch again (a reconnect resent it): the first answer, nothing counted.
    expect(await cheer(a, 7, key)).toEqual(first);
    expect(await cheer(b, 3)).toMatchObject({ ok: true, value: { mine: { counted: 3, total: 10 } } });
    await b.waitFor(() => lastMilestones(b)?.cheers === 10, 'the coalesced count');
    const late = await t.connectViewer();
    expect(late.snapshots[0]!.milestones).toEqual({ cheers: 10, goals: [] });
  });

  it('drops taps over the per-viewer cap silently and credits them again as time passes', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    await t.createPoll();
    const fast = await t.connectViewer();
    const other = await t.connectViewer();
    // The burst (two seconds' worth, 40 taps), then nothing until the bucket refills.
    expect(await cheer(fast, 30)).toMatchObject({ ok: true, value: { mine: { counted: 30, total: 30 } } });
    expect(await cheer(fast, 30)).toMatchObject({ ok: true, value: { mine: { counted: 10, total: 40 } } });
    expect(await cheer(fast, 100)).toMatchObject({ ok: true, value: { mine: { counted: 0, total: 40 } } });
    // The cap is per viewer: another viewer is not held back.
    expect(await cheer(other, 25)).toMatchObject({ ok: true, value: { mine: { counted: 25, total: 65 } } });
    now += 500;
    expect(await cheer(fast, 100)).toMatchObject({ ok: true, value: { mine: { counted: 10, total: 75 } } });
    now += 1000;
    expect(await cheer(fast, 100)).toMatchObject({ ok: true, value: { mine: { counted: 20, total: 95 } } });
  });

  it('refuses a bad batch with bad_request naming the field, and counts nothing', async () => {
    const t = await startTestServer();
    await t.createPoll();
    const viewer = await t.connectViewer();
    for (const count of [0, -3, 101, 1e9, 2.5, '5', null]) {
      const answer = await cheer(viewer, count);
      expect(answer, `count ${String(count)}`).toMatchObject({
        ok: false,
        error: { code: 'bad_request', message: expect.stringMatching(/^payload\.count: /) },
      });
    }
    const other = await viewer.request('act', { interaction: CHEERS_FEATURE, action: 'vote', payload: { count: 1 }, key: newKey() });
    expect(other).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^action: /) } });
    expect(await cheer(viewer, 1)).toMatchObject({ ok: true, value: { mine: { counted: 1, total: 1 } } });
  });

  it('refuses cheers in a room that does not exist', async () => {
    const t = await startTestServer();
    const viewer = await t.connectViewer({ room: 'no-such-room' });
    expect(await cheer(viewer, 1)).toMatchObject({ ok: false, error: { code: 'unknown_room' } });
    expect(viewer.snapshots[0]!.milestones).toBeUndefined();
  });

  it('keeps the count across a restart, and viewers get it in the snapshot and in updates', async () => {
    const store = new MemoryStore();
    const t = await startTestServer({ store, tallyIntervalMs: 300 });
    await t.createPoll();
    const viewers = await Promise.all([t.connectViewer(), t.connectViewer(), t.connectViewer(), t.connectViewer()]);
    const watcher = await t.connectViewer();
    const host = await t.connectHost();
    expect(watcher.snapshots[0]!.milestones).toBeUndefined();
    // 20 batches at once: coalesced into a leading update and at most a couple more, not one per batch.
    const receipts = await Promise.all(viewers.flatMap((viewer) => Array.from({ length: 5 }, () => cheer(viewer, 1))));
    expect(receipts.every((r) => r.ok)).toBe(true);
    await watcher.waitFor(() => lastMilestones(watcher)?.cheers === 20, 'the count of 20');
    await host.waitFor(() => lastMilestones(host)?.cheers === 20, 'the count of 20 for hosts');
    expect(watcher.updates.filter((u) => u.milestones).length).toBeLessThanOrEqual(3);

    await t.restart();

    const again = await t.connectViewer();
    expect(again.snapshots[0]!.milestones).toEqual({ cheers: 20, goals: [] });
    expect(await cheer(again, 2)).toMatchObject({ ok: true, value: { mine: { counted: 2, total: 22 } } });
    await again.waitFor(() => lastMilestones(again)?.cheers === 22, 'the count of 22');
  });
});
