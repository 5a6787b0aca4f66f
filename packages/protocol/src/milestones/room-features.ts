import * as v from 'valibot';
import { ClaimPayloadSchema } from '../kinds/lottery/lottery-actions.js';

/**
 * Room-level features take viewer actions through the same `act` envelope as the kinds (one action path: the
 * outbox, idempotency keys, rate limits, typed refusals), addressed to a reserved interaction id instead of an
 * interaction's. No interaction the server makes has one of these ids (they are longer and never start with `_`).
 */
export const CHEERS_FEATURE = '_cheers';
/** The viewer's rewards (claiming one): `act { interaction: '_rewards', action: 'claim', payload: { reward, fields } }`. */
export const REWARDS_FEATURE = '_rewards';

/** Most taps one cheer batch may carry (a client sends at most one batch per 500 ms; 20 taps/s is the cap). */
export const MAX_CHEER_BATCH = 100;
/** Taps per second a viewer is credited with at most; the excess is dropped silently (the batch is still acknowledged). */
export const CHEER_TAPS_PER_SECOND = 20;
/** How often the client sends its batched taps, at most. */
export const CHEER_BATCH_MS = 500;

/** `act` on {@link CHEERS_FEATURE} with action `cheer`: taps since the last batch. */
export const CheerPayloadSchema = v.object({
  count: v.pipe(v.number(), v.integer('count must be a whole number'), v.minValue(1, 'count must be at least 1'), v.maxValue(MAX_CHEER_BATCH, `count must be at most ${MAX_CHEER_BATCH}`)),
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
