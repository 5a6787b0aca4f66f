import * as v from 'valibot';
import type { KindActions } from '../../kind-action.js';
import { ClaimPayloadSchema } from '../lottery/lottery-actions.js';
import { MAX_TEXT_GUESS } from './blindbox-guess-text.js';

/** The payload of a blind box's `guess`: the value (an option index, a whole number, or a text) and the viewer's entry ticket. */
export const GuessPayloadSchema = v.object({
  /** `choice`: an option index; `number`: a whole number; `text`: up to 40 characters (checked against the box by the server). */
  value: v.union(
    [v.number('value must be a number or a text'), v.pipe(v.string(), v.maxLength(MAX_TEXT_GUESS, `a guess has at most ${MAX_TEXT_GUESS} characters`))],
    'value must be a number or a text',
  ),
  /** This viewer's entry ticket (`lotteryEntryTicket(interaction, secret)`, 64 lowercase hex); absent: the server draws a random one. */
  ticket: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'ticket must be 64 lowercase hex characters'))),
});
export type GuessPayload = v.InferOutput<typeof GuessPayloadSchema>;

/**
 * A blind box's viewer actions: `guess` while it is open (once, or changed until it locks when the host allowed it);
 * `claim` a prize, winners only, once, after the reveal and within the claim window (the giveaway's claim payload).
 */
export const blindboxActions = {
  guess: { payload: GuessPayloadSchema, phase: 'open' },
  claim: { payload: ClaimPayloadSchema, phase: 'closed' },
} as const satisfies KindActions;
