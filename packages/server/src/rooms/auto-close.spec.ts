import { describe, expect, it } from 'vitest';
import { newKey, startTestServer } from '../../test/test-server.js';

describe('auto-close', () => {
  it('closes a poll by itself when its duration ends, and tells everyone', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ durationSeconds: 1, results: 'after-close' });
    const viewer = await t.connectViewer();
    const poll = viewer.poll(id)!;
    expect(poll.closesAt! - poll.openedAt!).toBe(1000);
    expect(await viewer.act('vote', { interaction: id, choices: [0], key: newKey() })).toMatchObject({ ok: true });

    await viewer.waitFor(() => viewer.poll(id)?.status === 'closed', 'the auto-close', 3000);
    expect(viewer.poll(id)).toMatchObject({ closedAt: poll.closesAt, tally: [1, 0, 0], voters: 1 });
    expect(await viewer.act('vote', { interaction: id, choices: [1], key: newKey() })).toMatchObject({ ok: false, error: { code: 'not_open' } });
  });

  it('starts the countdown when a draft opens, not when it is created', async () => {
    let now = 1_900_000_000_000;
    const t = await startTestServer({ now: () => now });
    const id = await t.createPoll({ durationSeconds: 30, draft: true });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body).not.toHaveProperty('closesAt');
    now += 5_000;
    const opened = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/open`);
    expect(opened.body).toMatchObject({ openedAt: now, closesAt: now + 30_000 });
  });

  it('refuses votes once the injected clock passes the deadline, even before the timer fires', async () => {
    let now = 1_900_000_000_000;
    const t = await startTestServer({ now: () => now });
    const id = await t.createPoll({ durationSeconds: 60 });
    const viewer = await t.connectViewer();
    now += 60_000;
    expect(await viewer.act('vote', { interaction: id, choices: [0], key: newKey() })).toMatchObject({ ok: false, error: { code: 'not_open' } });
  });
});
