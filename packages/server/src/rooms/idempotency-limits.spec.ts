import { ok } from '@oncue/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDEMPOTENCY_LIMITS, IdempotencyCache } from './idempotency-cache.js';
import { newKey, startTestServer } from '../../test/test-server.js';

const T0 = 1_800_000_000_000;

describe('idempotency limits', () => {
  it('keeps the latest answers of each scope and forgets the older ones first', async () => {
    let now = T0;
    const cache = new IdempotencyCache(() => now, { perScope: 3, total: 100 });
    for (const key of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      now += 1;
      await cache.run('viewer:a', key, async () => ok(`answer ${key}`));
    }
    await cache.run('viewer:b', 'b1', async () => ok('answer b1'));
    expect(cache.size).toBe(4);
    // The three latest of viewer a, and viewer b's, answer from memory; the two oldest of a run again.
    for (const key of ['a3', 'a4', 'a5']) expect(await cache.run('viewer:a', key, async () => ok('ran again'))).toEqual(ok(`answer ${key}`));
    expect(await cache.run('viewer:b', 'b1', async () => ok('ran again'))).toEqual(ok('answer b1'));
    expect(await cache.run('viewer:a', 'a1', async () => ok('ran again'))).toEqual(ok('ran again'));
  });

  it('holds at most `total` answers in all, oldest first', async () => {
    let now = T0;
    const cache = new IdempotencyCache(() => now, { perScope: 100, total: 50 });
    for (let i = 0; i < 200; i++) {
      now += 1;
      await cache.run(`viewer:${i % 40}`, `k${i}`, async () => ok({ n: i }));
    }
    expect(cache.size).toBe(50);
    expect(await cache.run('viewer:39', 'k199', async () => ok({ n: -1 }))).toEqual(ok({ n: 199 }));
    expect(await cache.run('viewer:0', 'k0', async () => ok({ n: -1 }))).toEqual(ok({ n: -1 }));
  });

  it('stays within its limits however long steady traffic goes on, and after expiry and a reload', async () => {
    let now = T0;
    const { perScope } = DEFAULT_IDEMPOTENCY_LIMITS;
    const cache = new IdempotencyCache(() => now);
    const viewers = 300;
    for (let round = 0; round < 2 * perScope; round++) {
      for (let v = 0; v < viewers; v++) {
        now += 1;
        await cache.run(`viewer:v${v}`, `r${round}`, async () => ok({ interaction: 'p', choices: [round % 3], at: now }));
      }
      expect(cache.size).toBeLessThanOrEqual(viewers * perScope);
    }
    expect(cache.size).toBe(viewers * perScope);
    // Expiry forgets through every scope's list too: after it, each scope keeps filling up to its limit again.
    expect(cache.forgetBefore(now - viewers * 10 + 1)).toBe(viewers * (perScope - 10));
    expect(cache.size).toBe(viewers * 10);
    const reloaded = new IdempotencyCache(() => now, { perScope: 5 });
    reloaded.load(Array.from({ length: 20 }, (_, i) => ({ scope: 'viewer:x', key: `k${i}`, result: { i }, at: T0 + i })));
    expect(reloaded.size).toBe(5);
    expect(await reloaded.run('viewer:x', 'k19', async () => ok({ i: -1 }))).toEqual(ok({ i: 19 }));
  });

  it('answers a repeat of a recent vote from its record and runs one past the window of its viewer as new', async () => {
    const t = await startTestServer({ rateLimit: false, eventBudgets: false, idempotencyLimits: { perScope: 10 } });
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const keys = Array.from({ length: 15 }, () => newKey());
    const receipts = [];
    for (const [i, key] of keys.entries()) receipts.push(await viewer.act('vote', { interaction: id, choices: [i % 3], key }));
    // The latest key: the same receipt, nothing changes.
    expect(await viewer.act('vote', { interaction: id, choices: [0], key: keys[14]! })).toEqual(receipts[14]);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.tally).toEqual([0, 0, 1]);
    // The first key is past this viewer's 10 latest: it runs as a new vote.
    expect(await viewer.act('vote', { interaction: id, choices: [0], key: keys[0]! })).toMatchObject({ ok: true });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.tally).toEqual([1, 0, 0]);
  });
});
