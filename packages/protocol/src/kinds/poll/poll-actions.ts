import * as v from 'valibot';
import type { KindActions } from '../../kind-action.js';
import { MAX_POLL_OPTIONS } from '../../limits.js';

/** The payload of a poll's `vote`: option indexes (one for a single-choice poll). */
export const VotePayloadSchema = v.object({
  choices: v.pipe(
    v.array(v.pipe(v.number(), v.integer('choices must be integers'))),
    v.minLength(1, 'choose at least one option'),
    v.maxLength(MAX_POLL_OPTIONS, 'too many choices'),
  ),
});
export type VotePayload = v.InferOutput<typeof VotePayloadSchema>;

/** What a poll shows a viewer back of its own vote (`RoomSnapshot.mine`, `ActReceipt.mine`): the chosen option indexes, ascending. */
export type PollMine = number[];

/** A poll's viewer actions: `vote`, while it is open. */
export const pollActions = {
  vote: { payload: VotePayloadSchema, phase: 'open' },
} as const satisfies KindActions;
