import * as v from 'valibot';
import { InteractionIdSchema } from '../ids.js';
import { MAX_LABEL_LENGTH, MAX_QUESTION_LENGTH } from '../limits.js';
import { labelTextSchema } from '../label-text.js';

/** What a room goal counts: cheer taps, valid interactions (docs/milestones.md), or distinct viewers with one. */
export const GOAL_METRICS = ['cheers', 'interactions', 'participants'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/** Largest goal target. */
export const MAX_GOAL_TARGET = 1_000_000_000;
/** Longest goal deadline from now. */
export const MAX_GOAL_SECONDS = 7 * 86_400;
/** Most coupon-code / message characters a goal reveals. */
export const MAX_GOAL_REVEAL_LENGTH = 280;

/** What reaching a goal does, exactly once. */
export const GoalActionSchema = v.variant('type', [
  /** Opens a giveaway (or any interaction) the host prepared as a draft in the same room. */
  v.object({ type: v.literal('launch'), interaction: InteractionIdSchema }),
  /** Reveals a coupon code to everyone in the room. */
  v.object({ type: v.literal('coupon'), code: labelTextSchema('coupon code', MAX_LABEL_LENGTH) }),
  /** Shows a message to everyone in the room. */
  v.object({ type: v.literal('message'), text: labelTextSchema('message', MAX_GOAL_REVEAL_LENGTH) }),
]);
export type GoalAction = v.InferOutput<typeof GoalActionSchema>;

/** What a host sends to set a goal (REST `POST /api/rooms/:room/goals`, or `host:goal`). */
export const GoalSpecSchema = v.object({
  /** Shown above the bar ("10,000 likes unlock the giveaway"). */
  title: v.optional(labelTextSchema('title', MAX_QUESTION_LENGTH)),
  metric: v.picklist(GOAL_METRICS, 'metric must be cheers, interactions or participants'),
  target: v.pipe(
    v.number(),
    v.integer('target must be a whole number'),
    v.minValue(1, 'target must be at least 1'),
    v.maxValue(MAX_GOAL_TARGET, `target must be at most ${MAX_GOAL_TARGET}`),
  ),
  /** Server time (ms since the epoch) after which the goal expires unreached; must be in the future. */
  deadline: v.optional(v.pipe(v.number(), v.integer())),
  action: GoalActionSchema,
});
export type GoalSpecInput = v.InferInput<typeof GoalSpecSchema>;
export type GoalSpec = v.InferOutput<typeof GoalSpecSchema>;

export type GoalStatus = 'active' | 'reached' | 'expired' | 'cancelled';

/**
 * A goal as viewers and hosts see it. `reveal` (the coupon code or the message) is sent to viewers only once the
 * goal is reached; hosts always see the whole `action`.
 */
export interface GoalView {
  id: string;
  title?: string;
  metric: GoalMetric;
  target: number;
  /** Counted since the goal was set (never above `target` once reached: the count that reached it). */
  progress: number;
  status: GoalStatus;
  createdAt: number;
  deadline?: number;
  reachedAt?: number;
  /** What it does: viewers see the type and, for `launch`, the interaction id; hosts see the whole action. */
  action: { type: GoalAction['type']; interaction?: string; code?: string; text?: string };
  /** Once reached: the coupon code or the message. */
  reveal?: string;
}

/** The room-level counters sent with snapshots and updates (`RoomSnapshot.milestones`, `RoomUpdate.milestones`). */
export interface RoomMilestones {
  /** Cheer taps counted in the room (capped per viewer). */
  cheers: number;
  /** Goals of the room, newest last (cancelled ones are left out for viewers). */
  goals: GoalView[];
}
