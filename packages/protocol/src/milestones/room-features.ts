import * as v from 'valibot';
import { ClaimPayloadSchema } from '../kinds/lottery/lottery-actions.js';

import { MAX_CHEER_BATCH } from './room-feature-ids.js';

/** `act` on {@link CHEERS_FEATURE} with action `cheer`: taps since the last batch. */
export const CheerPayloadSchema = v.object({
  count: v.pipe(
    v.number(),
    v.integer('count must be a whole number'),
    v.minValue(1, 'count must be at least 1'),
    v.maxValue(MAX_CHEER_BATCH, `count must be at most ${MAX_CHEER_BATCH}`),
  ),
});
export type CheerPayload = v.InferOutput<typeof CheerPayloadSchema>;

/** What a cheer batch's receipt carries (`ActReceipt.mine`). */
export interface CheerReceipt {
  /** Taps of this batch that counted (the rest were over the per-viewer cap). */
  counted: number;
  /** The room's cheer count right after this batch. */
  total: number;
}

/** Reward ids: 1-32 of a-z 0-9 _ - starting with a letter (`first-coupon`, `streak-merch`, …). */
export const RewardIdSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'reward id must be 1-32 of a-z 0-9 _ - and start with a letter'));

/** `act` on {@link REWARDS_FEATURE} with action `claim`: an issued reward (its `RewardView.id`) and the claim fields. */
export const RewardClaimPayloadSchema = v.object({
  /** The issued reward's id (`RewardView.id`), not the catalogue's reward id. */
  issued: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:.-]{1,160}$/, 'issued must be an issued reward id')),
  /** Values by field id: exactly the fields the reward asks for (the giveaway's claim payload). */
  fields: ClaimPayloadSchema.entries.fields,
});
export type RewardClaimPayload = v.InferOutput<typeof RewardClaimPayloadSchema>;
