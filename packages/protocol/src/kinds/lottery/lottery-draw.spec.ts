import { describe, expect, it } from 'vitest';
import { DRAW_VECTORS as V } from '../../../test/lottery-draw.vectors.js';
import { drawOrder, drawWinners, lotteryCommitment, sortEntryList, verifyDraw } from './lottery-draw.js';
import { lotteryEntryTicket } from './lottery-ticket.js';

const proof = () => ({ commitment: V.commitment, seed: V.seed, entryList: [...V.entryList], winners: [...V.winners3] });

describe('lottery draw', () => {
  it('commits to a seed with the SHA-256 of its bytes', async () => {
    expect(await lotteryCommitment(V.seed)).toBe(V.commitment);
  });

  it('derives a viewer’s ticket from its secret with the lottery id as salt', async () => {
    expect(await lotteryEntryTicket(V.entryTicket.interaction, V.entryTicket.secret)).toBe(V.entryTicket.ticket);
    expect(await lotteryEntryTicket('lot-2', V.entryTicket.secret)).not.toBe(V.entryTicket.ticket);
    expect(sortEntryList(await Promise.all(V.secrets.map((s) => lotteryEntryTicket('lot-1', s))))).toEqual(V.entryList);
    await expect(lotteryEntryTicket('lot-1', 'viewer-0')).rejects.toThrow('64 lowercase hex');
  });

  it('rejects an attempt at or above the bound: 10,000,000 entries, a seed whose first attempt is rejected', async () => {
    // x = 4291904825 on attempt 0 is >= 2^32 - (2^32 mod 10^7): a plain modulo would pick entry 1904825.
    const { seed, size, order3 } = V.rejection;
    const started = performance.now();
    expect(await drawOrder(seed, size, 3)).toEqual(order3);
    // The entries are addressed by position: the list is never built.
    const lazyList = new Proxy({ length: size } as ArrayLike<string>, {
      get: (target, p) => (typeof p === 'string' && /^\d+$/.test(p) ? `entry-${p}` : Reflect.get(target, p)),
    });
    expect(await drawWinners(seed, lazyList, 1)).toEqual([`entry-${order3[0]}`]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('draws the fixed winners from the fixed seed and list', async () => {
    expect(await drawWinners(V.seed, V.entryList, 3)).toEqual(V.winners3);
    expect(await drawWinners(V.seed, V.entryList, 10)).toEqual(V.winners10);
  });

  it('keeps earlier positions when more are drawn, so a redraw only adds winners', async () => {
    const more = await drawWinners(V.seed, V.entryList, 5);
    expect(more.slice(0, 3)).toEqual(V.winners3);
    expect(new Set(await drawWinners(V.seed, V.entryList, 10)).size).toBe(10);
  });

  it('draws everyone when there are fewer entries than prizes, and no one from an empty list', async () => {
    expect((await drawWinners(V.seed, V.entryList.slice(0, 2), 5)).sort()).toEqual(V.entryList.slice(0, 2));
    expect(await drawWinners(V.seed, [], 3)).toEqual([]);
  });

  it('sorts and de-duplicates an entry list', () => {
    expect(sortEntryList(['b', 'a', 'c', 'a'])).toEqual(['a', 'b', 'c']);
  });

  it('verifies an honest draw', async () => {
    expect(await verifyDraw(proof())).toEqual({ ok: true });
  });

  it('fails verification when the seed, the list or the winners are tampered with', async () => {
    const otherSeed = `${V.seed.slice(0, -1)}0`;
    expect(await verifyDraw({ ...proof(), seed: otherSeed })).toEqual({ ok: false, reason: 'commitment' });
    expect(await verifyDraw({ ...proof(), seed: 'zz' })).toEqual({ ok: false, reason: 'commitment' });
    // A seed matching a forged commitment still has to give these winners.
    expect(await verifyDraw({ ...proof(), seed: otherSeed, commitment: await lotteryCommitment(otherSeed) })).toEqual({ ok: false, reason: 'winners' });
    const extra = sortEntryList([...V.entryList, 'f'.repeat(64)]);
    expect(await verifyDraw({ ...proof(), entryList: extra })).toEqual({ ok: false, reason: 'winners' });
    expect(await verifyDraw({ ...proof(), entryList: [...V.entryList].reverse() })).toEqual({ ok: false, reason: 'list' });
    expect(await verifyDraw({ ...proof(), winners: [V.winners3[1], V.winners3[0], V.winners3[2]] })).toEqual({ ok: false, reason: 'winners' });
  });
});
