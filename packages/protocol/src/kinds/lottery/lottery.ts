import * as v from 'valibot';
import { InteractionIdSchema } from '../../ids.js';
import { ImageUrlSchema } from '../../image-url-schema.js';
import { labelTextSchema } from '../../label-text.js';
import type { InteractionStatus } from '../../interaction-status.js';
import {
  DEFAULT_CLAIM_SECONDS,
  MAX_CLAIM_FIELDS,
  MAX_CLAIM_SECONDS,
  MAX_LABEL_LENGTH,
  MAX_LOTTERY_WINNERS,
  MAX_POLL_SECONDS,
  MAX_QUESTION_LENGTH,
} from '../../limits.js';

/** Who may enter: anyone in the room, or only viewers who took part in (qualified in) another interaction of the room. */
export const LotteryEligibilitySchema = v.variant('type', [
  v.object({ type: v.literal('room') }),
  v.object({
    type: v.literal('participated'),
    /** Id of a poll (voted), a quiz (answered at least one question correctly), a lottery (entered), … of the same room. */
    interaction: InteractionIdSchema,
  }),
]);
export type LotteryEligibility = v.InferOutput<typeof LotteryEligibilitySchema>;

/** One field a winner fills in to claim (e.g. `{ id: 'contact', label: 'Phone or WeChat ID' }`). */
export const ClaimFieldSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,31}$/, 'field id must be 1-32 of a-z 0-9 _ and start with a letter')),
  label: labelTextSchema('field label', MAX_LABEL_LENGTH),
});
export type ClaimField = v.InferOutput<typeof ClaimFieldSchema>;

/**
 * What a winner is asked for, and for how long (from the draw) a prize can be claimed: 0–3 fields (default one
 * `contact` field) and 24 h; the same for every kind with prizes (a giveaway, a blind box).
 */
export const ClaimSpecSchema = v.optional(
  v.object({
    fields: v.optional(
      v.pipe(
        v.array(ClaimFieldSchema),
        v.maxLength(MAX_CLAIM_FIELDS),
        v.check((f) => new Set(f.map((x) => x.id)).size === f.length, 'field ids repeat'),
      ),
      [{ id: 'contact', label: 'Contact (phone, email or WeChat ID)' }],
    ),
    seconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_CLAIM_SECONDS)), DEFAULT_CLAIM_SECONDS),
  }),
  {},
);

/** What a host sends to launch a lottery. The seed is drawn and committed at launch. */
export const LotterySpecSchema = v.object({
  kind: v.literal('lottery'),
  prize: labelTextSchema('prize', MAX_QUESTION_LENGTH),
  image: v.optional(ImageUrlSchema),
  /** Number of prizes (winners of the first draw). */
  winners: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_LOTTERY_WINNERS)), 1),
  eligibility: v.optional(LotteryEligibilitySchema, { type: 'room' }),
  /** Entries close (and the draw happens) after this many seconds; absent: when the host closes it. */
  durationSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_POLL_SECONDS))),
  /** What a winner is asked for, and for how long (from the draw) a prize can be claimed. */
  claim: ClaimSpecSchema,
  /** Create as a draft instead of opening at once (default: open). The commitment exists from creation. */
  draft: v.optional(v.boolean(), false),
  /** Take part only as a viewer signed in by the integrator (an integrator-signed viewer token); anonymous viewers are refused `signed_viewer_required`. */
  signedOnly: v.optional(v.boolean()),
});
export type LotterySpecInput = v.InferInput<typeof LotterySpecSchema>;
export type LotterySpec = v.InferOutput<typeof LotterySpecSchema>;

/** One draw: the first at close, then one per redraw of expired unclaimed prizes. */
export interface LotteryDraw {
  /** 0 for the first draw, then 1, 2, … */
  round: number;
  /** Server time of the draw. */
  at: number;
  /** Entry ids (tickets) of this draw's winners, in draw order. */
  winners: string[];
  /** Until when (server time) these winners can claim. */
  claimBy: number;
  /** The expired, unclaimed winners this redraw replaces (rounds after 0). */
  replaces?: string[];
}

/** A winner's claim, as hosts see it (viewers never see the fields). */
export interface LotteryClaim {
  /** The winner's entry id. */
  entry: string;
  /** The display name the winner entered under (absent: entered without one). */
  name?: string;
  round: number;
  claimBy: number;
  /** Server time of the claim; absent while unclaimed. */
  claimedAt?: number;
  /** What the winner filled in, by field id (hosts only). */
  fields?: Record<string, string>;
}

/** A lottery as viewers and hosts see it. */
export interface LotteryView {
  id: string;
  kind: 'lottery';
  status: InteractionStatus;
  prize: string;
  image?: string;
  /** Number of prizes. */
  prizes: number;
  eligibility: LotteryEligibility;
  claim: { fields: ClaimField[]; seconds: number };
  durationSeconds?: number;
  createdAt: number;
  openedAt?: number;
  closesAt?: number;
  closedAt?: number;
  /** Number of entries. */
  entries: number;
  /** Hex SHA-256 of the seed, published at launch. */
  commitment: string;
  /** The seed (hex), revealed with the first draw. */
  seed?: string;
  /** Every draw so far. */
  draws?: LotteryDraw[];
  /** Every winner of every draw, in draw order (what a verifier recomputes). */
  winners?: string[];
  /**
   * Display names of the winners, by entry id (a key of `winners`): the name each winner entered under (`viewer-name`,
   * or the name of its signed viewer token). A winner who entered without a name has no key here (show its entry id).
   * Only winners are named; entries that did not win stay anonymous tickets, and viewer ids are never published.
   */
  winnerNames?: Record<string, string>;
  /** Winners who claimed their prize. */
  claimed?: string[];
  /** The frozen, sorted entry list the draw used: hosts only (viewers fetch it for verification, see `lotteryProofPath`). */
  entryList?: string[];
  /** Claims of every winner with what they filled in: hosts only. */
  claims?: LotteryClaim[];
}

/** What only one viewer sees of a lottery. */
export interface LotteryPersonal {
  kind: 'lottery';
  /** This viewer's entry id, its ticket (absent when not entered). */
  entry?: string;
  /** Won in one of the draws (also when the prize later went to a redraw: `claimBy` is then past). */
  won: boolean;
  /** Until when the prize can be claimed (winners). */
  claimBy?: number;
  /** When the prize was claimed. */
  claimedAt?: number;
}

/** Public path (no token) of a lottery's proof: `{ id, status, prizes, entries, commitment, seed, entryList, winners, draws }`. */
export function lotteryProofPath(room: string, interaction: string): string {
  return `/api/rooms/${encodeURIComponent(room)}/interactions/${encodeURIComponent(interaction)}/proof`;
}
