import * as v from 'valibot';
import { withFastCheck } from '../../fast-check.js';
import type { KindActions } from '../../kind-action.js';
import { MAX_POLL_OPTIONS } from '../../limits.js';

const votePayloadObject = v.object({
  choices: v.pipe(
    v.array(v.pipe(v.number(), v.integer('choices must be integers'))),
    v.minLength(1, 'choose at least one option'),
    v.maxLength(MAX_POLL_OPTIONS, 'too many choices'),
  ),
});

/** The payload of a poll's `vote`: option indexes (one for a single-choice poll). */
export const VotePayloadSchema = /* @__PURE__ */ withFastCheck(votePayloadObject, checkVotePayload);
export type VotePayload = v.InferOutput<typeof votePayloadObject>;

/** {@link VotePayloadSchema}'s fast check: 1 to {@link MAX_POLL_OPTIONS} whole numbers, copied into a new array as valibot does. */
function checkVotePayload(input: unknown): VotePayload | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const { choices } = input as { choices?: unknown };
  if (!Array.isArray(choices) || choices.length < 1 || choices.length > MAX_POLL_OPTIONS) return undefined;
  const copy: number[] = [];
  for (let i = 0; i < choices.length; i++) {
    const choice: unknown = choices[i];
    if (typeof choice !== 'number' || !Number.isInteger(choice)) return undefined;
    copy.push(choice);
  }
  return { choices: copy };
}

/** What a poll shows a viewer back of its own vote (`RoomSnapshot.mine`, `ActReceipt.mine`): the chosen option indexes, ascending. */
export type PollMine = number[];

/** A poll's viewer actions: `vote`, while it is open. */
export const pollActions = {
  vote: { payload: VotePayloadSchema, phase: 'open' },
} as const satisfies KindActions;
