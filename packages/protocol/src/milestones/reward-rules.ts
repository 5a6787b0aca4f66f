import * as v from 'valibot';
import { ClaimSpecSchema } from '../kinds/lottery/lottery.js';
import { labelTextSchema } from '../label-text.js';
import { MAX_LABEL_LENGTH, MAX_URL_LENGTH } from '../limits.js';
import { ImageUrlSchema } from '../image-url-schema.js';
import { defaultBadgeTiers, type BadgeTier } from './badge-tiers.js';
import { RewardIdSchema } from './room-features.js';

/** Most coupon codes one reward's list may hold. */
export const MAX_COUPON_CODES = 10_000;
/** Most rewards and rules a channel may have. */
export const MAX_CHANNEL_REWARDS = 20;
export const MAX_BADGE_TIERS = 50;

const CouponCodeSchema = labelTextSchema('coupon code', MAX_LABEL_LENGTH);

/** One reward a rule can give: a coupon (from a list, each code given once, or one shared code), a limited item, or a badge. */
export const RewardSpecSchema = v.variant('type', [
  v.object({
    id: RewardIdSchema,
    type: v.literal('coupon'),
    name: labelTextSchema('name', MAX_LABEL_LENGTH),
    /** Each code is given to one viewer only; when the list runs out, the rule gives nothing more (`sold_out`). */
    codes: v.optional(v.pipe(v.array(CouponCodeSchema), v.minLength(1), v.maxLength(MAX_COUPON_CODES))),
    /** One code everyone gets. Exactly one of `codes` and `code`. */
    code: v.optional(CouponCodeSchema),
  }),
  v.object({
    id: RewardIdSchema,
    type: v.literal('item'),
    name: labelTextSchema('name', MAX_LABEL_LENGTH),
    image: v.optional(ImageUrlSchema),
    /** How many exist; past it the rule gives nothing more. */
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000))),
    /** What the viewer fills in to claim it, and for how long (the giveaway's claim flow). */
    claim: ClaimSpecSchema,
  }),
  /** A badge: the tier earned (its name and art come from the channel's tiers). */
  v.object({ id: RewardIdSchema, type: v.literal('badge'), name: labelTextSchema('name', MAX_LABEL_LENGTH) }),
]);
export type RewardSpecInput = v.InferInput<typeof RewardSpecSchema>;
export type RewardSpec = v.InferOutput<typeof RewardSpecSchema>;

/** When a rule gives its reward. */
export const RewardTriggerSchema = v.variant('type', [
  /** The first valid interaction of a stream (a room). */
  v.object({ type: v.literal('first-of-stream') }),
  /** A run of `length` consecutive interactions launched in the room, none missed (docs/milestones.md). */
  v.object({ type: v.literal('streak'), length: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(100)) }),
  /** Every `count` valid interactions in the channel (each tier of the channel's badge tiers for a badge reward). */
  v.object({ type: v.literal('every'), count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)) }),
]);
export type RewardTrigger = v.InferOutput<typeof RewardTriggerSchema>;

export const RewardRuleSchema = v.object({
  id: RewardIdSchema,
  when: RewardTriggerSchema,
  /** A reward id of the same settings' `rewards`. */
  reward: RewardIdSchema,
});
export type RewardRule = v.InferOutput<typeof RewardRuleSchema>;

export const BadgeTierSchema = v.object({
  at: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: labelTextSchema('name', MAX_LABEL_LENGTH),
  art: v.optional(v.pipe(ImageUrlSchema, v.maxLength(MAX_URL_LENGTH))),
});

/**
 * A channel's milestone settings (REST `PUT /api/channels/:channel/milestones`): badge tiers, the reward catalogue
 * and the rules. A rule naming a reward not in `rewards` is refused (`bad_request`, `rules[i].reward`).
 */
export const ChannelMilestonesSchema = v.pipe(
  v.object({
    tiers: v.optional(v.pipe(v.array(BadgeTierSchema), v.minLength(1), v.maxLength(MAX_BADGE_TIERS))),
    rewards: v.pipe(v.array(RewardSpecSchema), v.maxLength(MAX_CHANNEL_REWARDS)),
    rules: v.pipe(v.array(RewardRuleSchema), v.maxLength(MAX_CHANNEL_REWARDS)),
  }),
  v.forward(
    v.check((s) => s.rules.every((rule) => s.rewards.some((reward) => reward.id === rule.reward)), 'a rule names a reward that is not in rewards'),
    ['rules'],
  ),
  v.forward(
    v.check(
      (s) => s.rewards.every((r) => r.type !== 'coupon' || (r.codes === undefined) !== (r.code === undefined)),
      'a coupon needs exactly one of codes and code',
    ),
    ['rewards'],
  ),
);
export type ChannelMilestonesInput = v.InferInput<typeof ChannelMilestonesSchema>;
export type ChannelMilestones = v.InferOutput<typeof ChannelMilestonesSchema> & { tiers?: BadgeTier[] };

/**
 * The seed plan's three rules, used until a host sets its own: the first valid interaction of a stream earns a
 * coupon (one shared code, `WELCOME10`), three interactions in a row earn a limited item (100 of them), and every
 * 10 valid interactions earn a badge (the default tiers).
 */
export function defaultChannelMilestones(): ChannelMilestones {
  return {
    tiers: defaultBadgeTiers(),
    rewards: [
      { id: 'first-coupon', type: 'coupon', name: 'Welcome coupon', code: 'WELCOME10' },
      {
        id: 'streak-merch',
        type: 'item',
        name: 'Limited merch',
        limit: 100,
        claim: { fields: [{ id: 'contact', label: 'Contact (phone, email or WeChat ID)' }], seconds: 7 * 86_400 },
      },
      { id: 'badge', type: 'badge', name: 'Badge' },
    ],
    rules: [
      { id: 'first-of-stream', when: { type: 'first-of-stream' }, reward: 'first-coupon' },
      { id: 'three-in-a-row', when: { type: 'streak', length: 3 }, reward: 'streak-merch' },
      { id: 'every-10', when: { type: 'every', count: 10 }, reward: 'badge' },
    ],
  };
}
