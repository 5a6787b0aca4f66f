import { describe, expect, it } from 'vitest';
import { DRAW_VECTORS as V } from '../test/lottery-draw.vectors.js';
import { drawWinners, lotteryCommitment, lotteryEntryId, sortEntryList, verifyDraw } from './lottery-draw.js';

const proof = () => ({ commitment: V.commitment, seed: V.seed, entryList: [...V.entryList], winners: [...V.winners3] });

describe('lottery draw', () => {
  it('commits to a seed with the SHA-256 of its bytes', async () => {
    expect(await lotteryCommitment(V.seed)).toBe(V.commitment);
  });

  it('hashes a viewer into the entry list with the lottery id as salt', async () => {
    expect(await lotteryEntryId(V.entryId.interaction, V.entryId.viewer)).toBe(V.entryId.id);
    expect(await lotteryEntryId('lot-2', V.entryId.viewer)).not.toBe(V.entryId.id);
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
