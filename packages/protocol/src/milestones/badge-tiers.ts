/** One badge a viewer earns at a number of valid interactions in a channel, with the name and art the host chose. */
export interface BadgeTier {
  /** Valid interactions that earn it (10, 20, 30 … by default). */
  at: number;
  name: string;
  /** An image URL (`https://…` or a path on the page's site); absent: the widget draws the badge. */
  art?: string;
}

/** The default tier names, in order; past the last one, tiers are named by their count. */
const DEFAULT_NAMES = ['Bronze', 'Silver', 'Gold', 'Platinum', 'Diamond'];

/** The default tiers: one every `every` valid interactions (10, 20, 30 …), `count` of them. */
export function defaultBadgeTiers(every = 10, count = DEFAULT_NAMES.length): BadgeTier[] {
  return Array.from({ length: count }, (_, i) => ({ at: every * (i + 1), name: DEFAULT_NAMES[i] ?? String(every * (i + 1)) }));
}

/** Where a viewer stands: the tiers earned (each once, in order), the highest, and the way to the next ("3 more to Gold"). */
export interface BadgeProgress {
  earned: BadgeTier[];
  current?: BadgeTier;
  next?: { tier: BadgeTier; remaining: number };
}

/** The progress of a viewer with `count` valid interactions over `tiers` (in any order; a tier at 0 or below is never earned). */
export function badgeProgress(count: number, tiers: readonly BadgeTier[]): BadgeProgress {
  const sorted = tiers.filter((t) => t.at > 0).sort((a, b) => a.at - b.at);
  const earned = sorted.filter((t) => t.at <= count);
  const upcoming = sorted.find((t) => t.at > count);
  const progress: BadgeProgress = { earned };
  const current = earned.at(-1);
  if (current) progress.current = current;
  if (upcoming) progress.next = { tier: upcoming, remaining: upcoming.at - count };
  return progress;
}

/** The tiers a viewer earns by going from `before` to `after` valid interactions: each tier once, even when a batch jumps several. */
export function newlyEarned(before: number, after: number, tiers: readonly BadgeTier[]): BadgeTier[] {
  return tiers.filter((t) => t.at > before && t.at <= after && t.at > 0).sort((a, b) => a.at - b.at);
}
