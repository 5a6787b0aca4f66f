import { createHash } from 'node:crypto';
import type { BadgeTier, ClaimField, RewardView, ViewerId } from '@oncue/protocol';

/** Store collection of issued rewards (one document per issued reward, keyed by its {@link issuedRewardId}). */
export const REWARD_COLLECTION = 'reward';

/** One reward a rule gave a viewer, as it is stored (docs/milestones.md, "Reward rules"). */
export interface IssuedReward {
  /** {@link issuedRewardId}: the same viewer, channel, rule and occasion always give the same id. */
  id: string;
  viewer: ViewerId;
  channel: string;
  /** The room whose valid interaction earned it. */
  room: string;
  rule: string;
  /** The catalogue reward's id. */
  reward: string;
  type: 'coupon' | 'item' | 'badge';
  name: string;
  at: number;
  /** A coupon's code. */
  code?: string;
  /** A badge's tier. */
  tier?: BadgeTier;
  /** An item: what to fill in and until when. */
  claim?: { fields: ClaimField[]; claimBy: number };
  /** An item once claimed: when, and what the viewer filled in. */
  claimed?: { at: number; fields: Record<string, string> };
}

/**
 * The id of the reward `rule` gives `viewer` in `channel` on `occasion` (a room for once-per-stream rules, a tier or
 * a count for `every`): deterministic, so that issuing it twice finds the first. The rule id keeps it readable; a
 * hash of the whole key keeps it short and within `RewardClaimPayloadSchema.issued`.
 */
export function issuedRewardId(viewer: ViewerId, channel: string, rule: string, occasion: string): string {
  const digest = createHash('sha256').update([viewer, channel, rule, occasion].join('\u0000')).digest('base64url').slice(0, 22);
  return `${rule}.${digest}`;
}

/** What the viewer sees of an issued reward. */
export function rewardView(issued: IssuedReward): RewardView {
  const view: RewardView = { id: issued.id, reward: issued.reward, rule: issued.rule, type: issued.type, name: issued.name, at: issued.at };
  if (issued.code !== undefined) view.code = issued.code;
  if (issued.tier) view.tier = issued.tier;
  if (issued.claim) view.claim = { fields: issued.claim.fields.map((f) => ({ ...f })), claimBy: issued.claim.claimBy };
  if (issued.claimed) view.claimedAt = issued.claimed.at;
  return view;
}
