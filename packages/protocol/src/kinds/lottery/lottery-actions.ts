import * as v from 'valibot';
import type { KindActions } from '../../kind-action.js';
import { MAX_CLAIM_FIELDS, MAX_CLAIM_VALUE_LENGTH } from '../../limits.js';

/** The payload of a lottery's `enter`. */
export const EnterPayloadSchema = v.object({
  /**
   * This viewer's entry ticket, `lotteryEntryTicket(interaction, secret)` with a secret only the client holds
   * (64 lowercase hex). It becomes the entry's id in the published list. Absent: the server draws a random one
   * (still unlinkable, but the viewer can then only learn it from the server).
   */
  ticket: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'ticket must be 64 lowercase hex characters'))),
});
export type EnterPayload = v.InferOutput<typeof EnterPayloadSchema>;

/** The payload of a lottery's `claim`. */
export const ClaimPayloadSchema = v.object({
  /** Values by field id: exactly the fields the lottery asks for. */
  fields: v.pipe(
    v.record(
      v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,31}$/)),
      v.pipe(v.string(), v.trim(), v.minLength(1, 'a claim field is empty'), v.maxLength(MAX_CLAIM_VALUE_LENGTH)),
    ),
    v.check((f) => Object.keys(f).length <= MAX_CLAIM_FIELDS, 'too many claim fields'),
  ),
});
export type ClaimPayload = v.InferOutput<typeof ClaimPayloadSchema>;

/**
 * A lottery's viewer actions: `enter` once per (eligible) viewer while it is open; `claim` a prize, winners only,
 * once, after the draw and within the claim window. Receipts carry the viewer's lottery state (`personal`).
 */
export const lotteryActions = {
  enter: { payload: EnterPayloadSchema, phase: 'open' },
  claim: { payload: ClaimPayloadSchema, phase: 'closed' },
} as const satisfies KindActions;
