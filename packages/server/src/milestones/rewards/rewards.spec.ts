import { REWARDS_FEATURE, type ChannelMilestonesInput, type ViewerProgress } from '@oncue/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../store/memory-store.js';
import { newKey, startTestServer, type TestClient } from '../../../test/test-server.js';
import { setMilestones, steppingClock, voteIn } from '../../../test/progress-fixtures.js';

const CODES = {
  rewards: [{ id: 'coupon', type: 'coupon', name: 'Coupon', codes: ['AAA', 'BBB', 'CCC'] }],
  rules: [{ id: 'first', when: { type: 'first-of-stream' }, reward: 'coupon' }],
} satisfies ChannelMilestonesInput;

/** Every second valid interaction earns an item to claim (fields: contact and size; one hour). */
const ITEMS = {
  rewards: [
    {
      id: 'mug',
      type: 'item',
      name: 'Mug',
      claim: {
        fields: [
          { id: 'contact', label: 'Contact' },
          { id: 'size', label: 'Size' },
        ],
        seconds: 3600,
      },
    },
    { id: 'hello', type: 'coupon', name: 'Hello', code: '=HELLO' },
  ],
  rules: [
    { id: 'every-2', when: { type: 'every', count: 2 }, reward: 'mug' },
    { id: 'first', when: { type: 'first-of-stream' }, reward: 'hello' },
  ],
} satisfies ChannelMilestonesInput;

function claim(client: TestClient, issued: string, fields: Record<string, string>, key = newKey()) {
  return client.request('act', { interaction: REWARDS_FEATURE, action: 'claim', payload: { issued, fields }, key });
}

describe('coupon codes', () => {
  it('gives each code once across viewers, then nothing when the list runs out, also after a restart and a new list', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now, store: new MemoryStore() });
    await setMilestones(t, t.room, CODES);
    const poll = await t.createPoll();
    const viewers = [await t.connectViewer(), await t.connectViewer(), await t.connectViewer(), await t.connectViewer()];
    const got: (string | undefined)[] = [];
    for (const viewer of viewers) got.push((await voteIn(viewer, clock, poll)).rewards[0]?.code);
    expect(got.slice(0, 3).sort()).toEqual(['AAA', 'BBB', 'CCC']);
    expect(got[3]).toBeUndefined();

    await t.restart();
    const late = await t.connectViewer();
    expect((await voteIn(late, clock, poll)).rewards).toEqual([]);
    // A new list with one code already given: only the new one is handed out.
    await setMilestones(t, t.room, { ...CODES, rewards: [{ ...CODES.rewards[0], codes: ['CCC', 'DDD'] }] });
    const codes: (string | undefined)[] = [];
    for (const viewer of [await t.connectViewer(), await t.connectViewer()]) codes.push((await voteIn(viewer, clock, poll)).rewards[0]?.code);
    expect(codes).toEqual(['DDD', undefined]);
  });
});

describe('limited items', () => {
  it('gives an item up to its limit, then nothing more', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now });
    await setMilestones(t, t.room, {
      rewards: [{ id: 'cap', type: 'item', name: 'Cap', limit: 2, claim: { fields: [{ id: 'contact', label: 'Contact' }] } }],
      rules: [{ id: 'first', when: { type: 'first-of-stream' }, reward: 'cap' }],
    });
    const poll = await t.createPoll();
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push((await voteIn(await t.connectViewer(), clock, poll)).rewards.length);
    expect(counts).toEqual([1, 1, 0]);
  });
});

describe('claiming a reward', () => {
  it('takes exactly the asked fields once, within the window; refuses what is not the viewer’s to claim', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now });
    await setMilestones(t, t.room, ITEMS);
    const viewer = await t.connectViewer({ name: 'Ann' });
    const other = await t.connectViewer();
    await voteIn(viewer, clock, await t.createPoll());
    const progress = await voteIn(viewer, clock, await t.createPoll());
    const mug = progress.rewards.find((r) => r.reward === 'mug')!;
    const coupon = progress.rewards.find((r) => r.reward === 'hello')!;
    expect(mug.claim?.fields.map((f) => f.id)).toEqual(['contact', 'size']);

    expect(await claim(viewer, mug.id, { contact: 'ann@example.com' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await claim(viewer, mug.id, { contact: 'a', size: 'L', extra: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await claim(viewer, coupon.id, { contact: 'a', size: 'L' })).toMatchObject({ ok: false, error: { code: 'not_earned' } });
    expect(await claim(other, mug.id, { contact: 'a', size: 'L' })).toMatchObject({ ok: false, error: { code: 'not_earned' } });
    expect(await claim(viewer, 'every-2.nothing-like-this', { contact: 'a', size: 'L' })).toMatchObject({ ok: false, error: { code: 'not_earned' } });
    expect(await viewer.request('act', { interaction: REWARDS_FEATURE, action: 'take', payload: {}, key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });

    clock.advance(1000);
    const key = newKey();
    const receipt = await claim(viewer, mug.id, { contact: 'ann@example.com', size: 'L' }, key);
    expect(receipt).toMatchObject({ ok: true, value: { interaction: REWARDS_FEATURE, action: 'claim', at: clock.now() } });
    const mine = (receipt as { value: { mine: ViewerProgress } }).value.mine;
    expect(mine.rewards.find((r) => r.id === mug.id)?.claimedAt).toBe(clock.now());
    // The same key: the same answer; another key: already claimed.
    expect(await claim(viewer, mug.id, { contact: 'ann@example.com', size: 'L' }, key)).toEqual(receipt);
    expect(await claim(viewer, mug.id, { contact: 'x', size: 'S' })).toMatchObject({ ok: false, error: { code: 'already_claimed' } });

    // The next mug, claimed after its hour: too late.
    await voteIn(viewer, clock, await t.createPoll());
    const second = (await voteIn(viewer, clock, await t.createPoll())).rewards.filter((r) => r.reward === 'mug')[1]!;
    clock.advance(3_600_001);
    expect(await claim(viewer, second.id, { contact: 'a', size: 'M' })).toMatchObject({ ok: false, error: { code: 'claim_expired' } });

    // The host's list: every issued reward, the claim's fields, formula-safe cells.
    expect((await t.rest('GET', `/api/channels/${t.room}/rewards.csv`, { token: null })).status).toBe(401);
    const csv = await t.rest('GET', `/api/channels/${t.room}/rewards.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (csv.body as string).trimEnd().split('\r\n');
    expect(rows[0]).toBe('viewer,name,reward,rule,type,code,tier,at,claim_by,claimed_at,Contact,Size');
    expect(rows).toHaveLength(4);
    const claimed = rows.find((row) => row.includes('ann@example.com'))!;
    expect(claimed.split(',').slice(0, 5)).toEqual([viewer.welcome.viewer, 'Ann', 'mug', 'every-2', 'item']);
    expect(claimed.endsWith(',ann@example.com,L')).toBe(true);
    expect(rows.find((row) => row.includes(',hello,'))).toContain(",'=HELLO,");
  });
});

describe('channel settings', () => {
  it('refuses a rule that names an unknown reward and keeps the settings as they were', async () => {
    const t = await startTestServer();
    const before = await t.rest('GET', `/api/channels/${t.room}/milestones`);
    expect(before.body.rules.map((r: { id: string }) => r.id)).toEqual(['first-of-stream', 'three-in-a-row', 'every-10']);
    const refused = await t.rest('POST', `/api/channels/${t.room}/milestones`, {
      body: { rewards: [{ id: 'mug', type: 'badge', name: 'Mug' }], rules: [{ id: 'r', when: { type: 'first-of-stream' }, reward: 'cup' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('bad_request');
    expect(refused.body.error.message).toMatch(/rules/);
    const badgeByStreak = await t.rest('POST', `/api/channels/${t.room}/milestones`, {
      body: { rewards: [{ id: 'badge', type: 'badge', name: 'Badge' }], rules: [{ id: 'r', when: { type: 'streak', length: 3 }, reward: 'badge' }] },
    });
    expect(badgeByStreak).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect((await t.rest('GET', `/api/channels/${t.room}/milestones`)).body).toEqual(before.body);
    expect((await t.rest('GET', `/api/channels/${t.room}/milestones`, { token: 'wrong' })).status).toBe(401);
  });
});

describe('flagged viewers', () => {
  it('gets no rewards once more than 20 viewers share an address, its claim is refused with the reason, and the host sees the list', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now });
    await setMilestones(t, t.room, ITEMS);
    const first = await t.connectViewer();
    await voteIn(first, clock, await t.createPoll());
    const poll = await t.createPoll();
    const earned = await voteIn(first, clock, poll);
    const mug = earned.rewards.find((r) => r.reward === 'mug')!;
    expect(earned.flagged).toBeUndefined();

    // 20 more viewers from the same address (the tests' 127.0.0.1): 21 in ten minutes.
    const others: TestClient[] = [];
    for (let i = 0; i < 20; i++) others.push(await t.connectViewer());
    const rewards: number[] = [];
    for (const viewer of others) rewards.push((await voteIn(viewer, clock, poll)).rewards.length);
    // The 21st is flagged by its own valid interaction: no coupon for it.
    expect(rewards.slice(0, 19).every((n) => n === 1)).toBe(true);
    expect(rewards[19]).toBe(0);

    const refused = await claim(first, mug.id, { contact: 'a', size: 'L' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'flagged' } });
    expect((refused as { error: { message: string } }).error.message).toContain('shared_address');

    // Progress still counts; no reward, the reason shown.
    const after = await voteIn(first, clock, await t.createPoll());
    expect(after).toMatchObject({ valid: 3, flagged: ['shared_address'] });
    expect(after.rewards).toHaveLength(2);

    const list = await t.rest('GET', `/api/rooms/${t.room}/flagged`);
    expect(list.status).toBe(200);
    expect(list.body.flagged).toHaveLength(21);
    expect(list.body.flagged.find((f: { viewer: string }) => f.viewer === first.welcome.viewer)).toMatchObject({ reasons: ['shared_address'] });
    expect((await t.rest('GET', `/api/rooms/another-room/flagged`)).body.flagged).toEqual([]);
  });
});
