import { describe, expect, it } from 'vitest';
import { badgeProgress, defaultBadgeTiers, newlyEarned } from './badge-tiers.js';
import { interactionStreak } from './interaction-streak.js';

describe('badge tiers', () => {
  const tiers = defaultBadgeTiers();

  it('default to one every 10 valid interactions, named Bronze, Silver, Gold …', () => {
    expect(tiers.map((t) => [t.at, t.name])).toEqual([
      [10, 'Bronze'],
      [20, 'Silver'],
      [30, 'Gold'],
      [40, 'Platinum'],
      [50, 'Diamond'],
    ]);
    expect(defaultBadgeTiers(5, 7).map((t) => t.name)).toEqual(['Bronze', 'Silver', 'Gold', 'Platinum', 'Diamond', '30', '35']);
  });

  it('say the way to the next one, at the edges of a tier', () => {
    expect(badgeProgress(0, tiers)).toEqual({ earned: [], next: { tier: tiers[0], remaining: 10 } });
    expect(badgeProgress(9, tiers).next).toEqual({ tier: tiers[0], remaining: 1 });
    expect(badgeProgress(10, tiers)).toMatchObject({ current: tiers[0], next: { tier: tiers[1], remaining: 10 } });
    expect(badgeProgress(27, tiers)).toMatchObject({ current: tiers[1], next: { tier: tiers[2], remaining: 3 } });
    expect(badgeProgress(50, tiers)).toEqual({ earned: tiers, current: tiers[4] });
  });

  it('are each earned once, also when one step jumps several', () => {
    expect(newlyEarned(9, 10, tiers)).toEqual([tiers[0]]);
    expect(newlyEarned(10, 11, tiers)).toEqual([]);
    expect(newlyEarned(8, 31, tiers)).toEqual([tiers[0], tiers[1], tiers[2]]);
    expect(newlyEarned(0, 5, [{ at: 0, name: 'never' }])).toEqual([]);
  });
});

describe('interaction streak', () => {
  const launched = (...states: ('open' | 'closed')[]) => states.map((s, i) => ({ id: `i${i}`, closed: s === 'closed' }));

  it('counts consecutive launched interactions taken part in, back from the latest', () => {
    expect(interactionStreak(launched('closed', 'closed', 'closed'), new Set(['i0', 'i1', 'i2']))).toBe(3);
    expect(interactionStreak(launched('closed', 'closed', 'closed'), new Set(['i0', 'i2']))).toBe(1);
    expect(interactionStreak(launched('closed', 'closed', 'closed'), new Set(['i0', 'i1']))).toBe(0);
    expect(interactionStreak([], new Set())).toBe(0);
  });

  it('does not count an open interaction the viewer has not joined yet as missed', () => {
    expect(interactionStreak(launched('closed', 'closed', 'open'), new Set(['i0', 'i1']))).toBe(2);
    expect(interactionStreak(launched('closed', 'closed', 'open'), new Set(['i0', 'i1', 'i2']))).toBe(3);
    expect(interactionStreak(launched('closed', 'open', 'closed'), new Set(['i0', 'i2']))).toBe(2);
  });
});
