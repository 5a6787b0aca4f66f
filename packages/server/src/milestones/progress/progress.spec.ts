import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { REWARDS_FEATURE, type ChannelMilestonesInput } from '@oncue/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../store/memory-store.js';
import type { StoreWrite } from '../../store/store.js';
import { newKey, recordingLogger, startTestServer } from '../../../test/test-server.js';
import { closePoll, lastProgress, progressWhere, setMilestones, SMALL_TIERS, steppingClock, voteIn } from '../../../test/progress-fixtures.js';
import { channelOf } from './channel-of.js';

const STREAK_MERCH = {
  rewards: [{ id: 'merch', type: 'item', name: 'Merch', claim: { fields: [{ id: 'contact', label: 'Contact' }], seconds: 3600 } }],
  rules: [{ id: 'three', when: { type: 'streak', length: 3 }, reward: 'merch' }],
} satisfies ChannelMilestonesInput;

/** Verifies a compact ES256 JWS with Node's own crypto (not jose) against a JWK Set. */
function verifiedWithNode(jws: string, jwks: { keys: { kid: string }[] }): boolean {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid: string; alg: string };
  if (alg !== 'ES256') return false;
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  return verify('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
}

function claimsOf(jws: string): Record<string, any> {
  return JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
}

/** A store that fails on demand (the disk is full). */
class FlakyStore extends MemoryStore {
  failing = false;
  override async apply(writes: readonly StoreWrite[]): Promise<void> {
    if (this.failing && writes.some((w) => w.type !== 'room')) throw new Error('disk on fire');
    return super.apply(writes);
  }
}

describe('channel of a room', () => {
  it('is the part before "--", else the room itself', () => {
    expect(channelOf('acme--2026-12-02')).toBe('acme');
    expect(channelOf('acme--a--b')).toBe('acme');
    expect(channelOf('acme')).toBe('acme');
    expect(channelOf('--acme')).toBe('--acme');
  });
});

describe('progress and the streak rule', () => {
  it('gives the streak reward at the third in a row, not for 2 then a miss, and once per room', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now });
    await setMilestones(t, t.room, STREAK_MERCH);
    const viewer = await t.connectViewer();
    const polls: string[] = [];
    const launch = async () => {
      clock.step();
      const id = await t.createPoll({}, t.room);
      polls.push(id);
      return id;
    };

    for (let i = 0; i < 2; i++) {
      const id = await launch();
      expect((await voteIn(viewer, clock, id)).streak).toBe(i + 1);
      await closePoll(t, t.room, id);
    }
    // Missed: closed without the viewer.
    await closePoll(t, t.room, await launch());
    let progress = await voteIn(viewer, clock, await launch());
    expect(progress).toMatchObject({ valid: 3, streak: 1, rewards: [] });
    await closePoll(t, t.room, polls.at(-1)!);
    progress = await voteIn(viewer, clock, await launch());
    expect(progress).toMatchObject({ streak: 2, rewards: [] });
    await closePoll(t, t.room, polls.at(-1)!);
    progress = await voteIn(viewer, clock, await launch());
    expect(progress.streak).toBe(3);
    expect(progress.rewards.map((r) => [r.reward, r.rule, r.type])).toEqual([['merch', 'three', 'item']]);
    expect(progress.rewards[0]!.claim).toEqual({ fields: [{ id: 'contact', label: 'Contact' }], claimBy: clock.now() + 3_600_000 });

    // A fourth in a row: the same reward, not another one.
    progress = await voteIn(viewer, clock, await launch());
    expect(progress.streak).toBe(4);
    expect(progress.rewards).toHaveLength(1);
  });

  it('does not break the run on an open interaction the viewer has not joined', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now });
    await setMilestones(t, t.room, STREAK_MERCH);
    const viewer = await t.connectViewer();
    clock.step();
    const a = await t.createPoll();
    await voteIn(viewer, clock, a);
    clock.step();
    const b = await t.createPoll();
    await voteIn(viewer, clock, b);
    clock.step();
    await t.createPoll(); // open, not joined (yet)
    clock.step();
    const d = await t.createPoll();
    const progress = await voteIn(viewer, clock, d);
    expect(progress.streak).toBe(3);
    expect(progress.rewards.map((r) => r.reward)).toEqual(['merch']);
  });

  it('gives first-of-stream once per room, and again in a second room of the channel; another channel starts at zero', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now });
    await setMilestones(t, 'acme', {
      rewards: [{ id: 'welcome', type: 'coupon', name: 'Welcome', code: 'HELLO' }],
      rules: [{ id: 'first', when: { type: 'first-of-stream' }, reward: 'welcome' }],
    });
    const first = await t.connectViewer({ room: 'acme--one' });
    await voteIn(first, clock, await t.createPoll({}, 'acme--one'));
    let progress = await voteIn(first, clock, await t.createPoll({}, 'acme--one'));
    expect(progress).toMatchObject({ channel: 'acme', valid: 2, streams: 1 });
    // No rule gives badges here: no way to a next one either.
    expect(progress.next).toBeUndefined();
    expect(progress.rewards.map((r) => [r.rule, r.code])).toEqual([['first', 'HELLO']]);

    const second = await t.connectViewer({ room: 'acme--two', viewerToken: first.welcome.viewerToken });
    expect(second.snapshots[0]!.progress).toMatchObject({ channel: 'acme', valid: 2, streams: 1, streak: 0 });
    progress = await voteIn(second, clock, await t.createPoll({}, 'acme--two'));
    expect(progress).toMatchObject({ valid: 3, streams: 2, streak: 1 });
    expect(progress.rewards.map((r) => r.rule)).toEqual(['first', 'first']);
    expect(new Set(progress.rewards.map((r) => r.id)).size).toBe(2);

    const elsewhere = await t.connectViewer({ room: 'other', viewerToken: first.welcome.viewerToken });
    expect(elsewhere.snapshots[0]!.progress).toBeUndefined();
    progress = await voteIn(elsewhere, clock, await t.createPoll({}, 'other'));
    expect(progress).toMatchObject({ channel: 'other', valid: 1, streams: 1 });
  });

  it('earns each badge tier once, with the way to the next, and signs them as a credential Node verifies', async () => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now });
    await setMilestones(t, t.room, {
      tiers: SMALL_TIERS,
      rewards: [{ id: 'badge', type: 'badge', name: 'Badge' }],
      rules: [{ id: 'tiers', when: { type: 'every', count: 10 }, reward: 'badge' }],
    });
    const viewer = await t.connectViewer();
    let progress = await voteIn(viewer, clock, await t.createPoll());
    expect(progress).toMatchObject({ badges: [], next: { tier: { name: 'Bronze' }, remaining: 1 } });
    expect(progress.credential).toBeUndefined();
    progress = await voteIn(viewer, clock, await t.createPoll());
    const bronzeAt = clock.now();
    expect(progress.badges).toEqual([{ tier: { at: 2, name: 'Bronze' }, at: bronzeAt }]);
    expect(progress.next).toEqual({ tier: { at: 4, name: 'Silver' }, remaining: 2 });
    expect(progress.rewards.map((r) => [r.type, r.name, r.tier?.at])).toEqual([['badge', 'Bronze', 2]]);
    expect(progress.credential).toBeTypeOf('string');
    // A badge has nothing to claim.
    const badgeClaim = { interaction: REWARDS_FEATURE, action: 'claim', payload: { issued: progress.rewards[0]!.id, fields: {} }, key: newKey() };
    expect(await viewer.request('act', badgeClaim)).toMatchObject({ ok: false, error: { code: 'not_earned' } });

    await voteIn(viewer, clock, await t.createPoll());
    progress = await voteIn(viewer, clock, await t.createPoll());
    expect(progress.badges.map((b) => b.tier.name)).toEqual(['Bronze', 'Silver']);
    expect(progress.next).toBeUndefined();
    expect(progress.rewards).toHaveLength(2);

    const jwks = await fetch(`${t.server.url}/.well-known/jwks.json`);
    expect(jwks.status).toBe(200);
    const keys = (await jwks.json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(keys.keys[0]!.d).toBeUndefined();

    const jws = progress.credential!;
    expect(verifiedWithNode(jws, keys)).toBe(true);
    expect(claimsOf(jws)).toEqual({
      iss: 'oncue',
      sub: viewer.welcome.viewer,
      channel: t.room,
      badges: [
        { name: 'Bronze', at: 2, earnedAt: bronzeAt },
        { name: 'Silver', at: 4, earnedAt: clock.now() },
      ],
      iat: Math.floor(clock.now() / 1000),
    });
    // Another viewer id in the same signature: refused.
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claimsOf(jws), sub: 'someone-else' })).toString('base64url');
    expect(payload).not.toBe(forged);
    expect(verifiedWithNode(`${header}.${forged}.${signature}`, keys)).toBe(false);

    // The documented example, as a shop's backend would run it.
    const example = fileURLToPath(new URL('../../../../../docs/verify-badge.mjs', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [example, t.server.url, jws]);
    expect(stdout).toContain(`verified: viewer ${viewer.welcome.viewer} in channel ${t.room}`);
    expect(stdout).toContain('Silver (at 4 valid interactions)');
    const tampered = await promisify(execFile)(process.execPath, [example, t.server.url, `${header}.${forged}.${signature}`]).then(
      () => 0,
      (err: { code: number }) => err.code,
    );
    expect(tampered).toBe(1);
  });

  it.each(['a shared MemoryStore', 'the SQLite file'])('keeps progress, rewards, badges and the signing key across a restart on %s', async (on) => {
    const clock = steppingClock();
    const t = await startTestServer({ now: clock.now, ...(on === 'the SQLite file' ? {} : { store: new MemoryStore() }) });
    await setMilestones(t, t.room, {
      tiers: SMALL_TIERS,
      rewards: [
        { id: 'badge', type: 'badge', name: 'Badge' },
        { id: 'welcome', type: 'coupon', name: 'Welcome', code: 'HELLO' },
      ],
      rules: [
        { id: 'tiers', when: { type: 'every', count: 10 }, reward: 'badge' },
        { id: 'first', when: { type: 'first-of-stream' }, reward: 'welcome' },
      ],
    });
    const viewer = await t.connectViewer();
    const poll = await t.createPoll();
    await voteIn(viewer, clock, poll);
    const before = await voteIn(viewer, clock, await t.createPoll());
    const keysBefore = await (await fetch(`${t.server.url}/.well-known/jwks.json`)).json();

    await t.restart();

    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    const after = again.snapshots[0]!.progress!;
    expect({ ...after, credential: undefined }).toEqual({ ...before, credential: undefined });
    const keysAfter = (await (await fetch(`${t.server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(keysAfter).toEqual(keysBefore);
    expect(verifiedWithNode(after.credential!, keysAfter)).toBe(true);
    // Counting goes on from where it was; the first-of-stream coupon is not given again.
    const next = await voteIn(again, clock, await t.createPoll());
    expect(next).toMatchObject({ valid: 3, streams: 1 });
    expect(next.rewards.map((r) => r.rule)).toEqual(['first', 'tiers']);
    expect(lastProgress(again)?.valid).toBe(3);
  });

  it('counts a resent action once, and nothing of an action whose commit failed until its retry lands', async () => {
    const clock = steppingClock();
    const store = new FlakyStore();
    const t = await startTestServer({ now: clock.now, store, logger: recordingLogger() });
    await setMilestones(t, t.room, {
      rewards: [{ id: 'welcome', type: 'coupon', name: 'Welcome', code: 'HELLO' }],
      rules: [{ id: 'first', when: { type: 'first-of-stream' }, reward: 'welcome' }],
    });
    const viewer = await t.connectViewer();
    const first = await t.createPoll();
    const second = await t.createPoll();

    store.failing = true;
    const key = newKey();
    expect(await viewer.act('vote', { interaction: first, choices: [0], key })).toMatchObject({ ok: false, error: { code: 'internal' } });
    store.failing = false;
    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(again.snapshots[0]!.progress).toBeUndefined();

    const receipt = await viewer.act('vote', { interaction: first, choices: [0], key });
    expect(receipt).toMatchObject({ ok: true });
    expect(await viewer.act('vote', { interaction: first, choices: [0], key })).toEqual(receipt);
    let progress = await progressWhere(viewer, (p) => p.valid === 1);
    expect(progress.rewards).toHaveLength(1);
    progress = await voteIn(viewer, clock, second);
    expect(progress).toMatchObject({ valid: 2, streams: 1 });
    expect(progress.rewards.map((r) => r.code)).toEqual(['HELLO']);
    await t.restart();
    const later = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(later.snapshots[0]!.progress).toMatchObject({ valid: 2, streams: 1 });
  });
});
