import { badgeProgress, defaultBadgeTiers, type BadgeTier, type ChannelMilestones, type RewardRule, type RewardSpec } from '@oncue/protocol';

/** One reward a rule gives now: the rule, its reward, what makes this time unique (for the issued id) and a badge's tier. */
export interface RewardOccasion {
  rule: RewardRule;
  spec: RewardSpec;
  /** `stream:<room>`, `streak:<room>`, `tier:<at>` or `count:<n>`. */
  occasion: string;
  tier?: BadgeTier;
}

/** Where a viewer stands right after a valid interaction. */
export interface OccasionInput {
  settings: ChannelMilestones;
  room: string;
  /** This is the viewer's first valid interaction in `room`. */
  firstInRoom: boolean;
  /** Valid interactions in the channel, this one included. */
  valid: number;
  /** The viewer's current run in the room (`interactionStreak`). */
  streak: number;
  /** Tiers (by `at`) the viewer already has. */
  earned: ReadonlySet<number>;
}

/**
 * The rewards the channel's rules give for one valid interaction (docs/milestones.md, "Reward rules"):
 * - `first-of-stream`: the viewer's first valid interaction in the room (once per room);
 * - `streak`: the run in the room is at least `length` (the first time it gets there; the id is per room and rule,
 *   so later ones are the same reward);
 * - `every` with a badge reward: each tier of the channel's tiers reached and not held yet (a tier skipped while
 *   rewards were refused is given at the next valid interaction);
 * - `every` with another reward: each `count`-th valid interaction.
 * Whether one was given before is the caller's to check (by the issued id).
 */
export function rewardOccasions(input: OccasionInput): RewardOccasion[] {
  const { settings, room, valid } = input;
  const tiers = settings.tiers ?? defaultBadgeTiers();
  const occasions: RewardOccasion[] = [];
  for (const rule of settings.rules) {
    const spec = settings.rewards.find((r) => r.id === rule.reward);
    if (!spec) continue;
    const when = rule.when;
    if (when.type === 'first-of-stream') {
      if (input.firstInRoom) occasions.push({ rule, spec, occasion: `stream:${room}` });
    } else if (when.type === 'streak') {
      if (input.streak >= when.length) occasions.push({ rule, spec, occasion: `streak:${room}` });
    } else if (spec.type === 'badge') {
      for (const tier of badgeProgress(valid, tiers).earned) {
        if (!input.earned.has(tier.at)) occasions.push({ rule, spec, occasion: `tier:${tier.at}`, tier });
      }
    } else if (valid % when.count === 0) {
      occasions.push({ rule, spec, occasion: `count:${valid}` });
    }
  }
  return occasions;
}
