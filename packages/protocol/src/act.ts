import * as v from 'valibot';
import { IdempotencyKeySchema, InteractionIdSchema, type InteractionId } from './ids.js';
import type { PersonalState } from './interaction.js';

/** An action name: a short identifier (`vote`, `answer`, `enter`, `claim`, …), 1-32 of a-z 0-9 _ - starting with a letter. */
export const ActionNameSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'action must be 1-32 of a-z 0-9 _ - and start with a letter'));

/**
 * The one viewer action event, `act`, for every kind: which interaction, which of its kind's actions, the
 * action's payload (any JSON here; the server validates it with the schema the kind declares for the action,
 * see {@link KindActions}) and the idempotency key. The whole message is held to `MAX_PAYLOAD_BYTES`.
 */
export const ActRequestSchema = v.object({
  interaction: InteractionIdSchema,
  action: ActionNameSchema,
  /** What the kind's action takes (a poll's `vote`: `{ choices }`); absent is `{}`. */
  payload: v.optional(v.unknown()),
  key: IdempotencyKeySchema,
});
export type ActRequest = v.InferOutput<typeof ActRequestSchema>;
export type ActRequestInput = v.InferInput<typeof ActRequestSchema>;

/**
 * The answer to an accepted `act`, the same shape for every kind. A client updates its stores from it
 * without knowing the kind: `mine` (when present) replaces `RoomSnapshot.mine[interaction]`, `personal` (when
 * present) replaces `RoomSnapshot.personal[interaction]`.
 */
export interface ActReceipt<Mine = unknown> {
  interaction: InteractionId;
  action: string;
  /** Server time the action was accepted. */
  at: number;
  /** What the viewer sees back of its own entry, for kinds that show one (a poll: its choices; a quiz: the choice per question). */
  mine?: Mine;
  /** The viewer's own state of the interaction after the action, for kinds that have one (a lottery: its entry, win, claim). */
  personal?: PersonalState;
}
