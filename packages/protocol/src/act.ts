import * as v from 'valibot';
import { withFastCheck } from './fast-check.js';
import { IdempotencyKeySchema, InteractionIdSchema, type InteractionId } from './ids.js';
import type { PersonalState } from './interaction.js';

/** An action name: a short identifier (`vote`, `answer`, `enter`, `claim`, …), 1-32 of a-z 0-9 _ - starting with a letter. */
export const ActionNameSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'action must be 1-32 of a-z 0-9 _ - and start with a letter'));

const actRequestObject = v.object({
  interaction: InteractionIdSchema,
  action: ActionNameSchema,
  /** What the kind's action takes (a poll's `vote`: `{ choices }`); absent is `{}`. */
  payload: v.optional(v.unknown()),
  key: IdempotencyKeySchema,
});

/**
 * The one viewer action event, `act`, for every kind: which interaction, which of its kind's actions, the
 * action's payload (any JSON here; the server validates it with the schema the kind declares for the action,
 * see {@link KindActions}) and the idempotency key. The whole message is held to `MAX_PAYLOAD_BYTES`.
 */
export const ActRequestSchema = /* @__PURE__ */ withFastCheck(actRequestObject, checkActRequest);
export type ActRequest = v.InferOutput<typeof actRequestObject>;
export type ActRequestInput = v.InferInput<typeof actRequestObject>;

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

/** The patterns of the envelope's fields, read from their schemas (one description of each). */
const INTERACTION_ID = InteractionIdSchema.pipe[1].requirement;
const ACTION_NAME = ActionNameSchema.pipe[1].requirement;
const IDEMPOTENCY_KEY = IdempotencyKeySchema.pipe[1].requirement;

/** {@link ActRequestSchema}'s fast check: a well-formed envelope, its output as valibot makes it (fields in schema order, `payload` only when present). */
function checkActRequest(input: unknown): ActRequest | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const request = input as Record<string, unknown>;
  const { interaction, action, key } = request;
  if (typeof interaction !== 'string' || !INTERACTION_ID.test(interaction)) return undefined;
  if (typeof action !== 'string' || !ACTION_NAME.test(action)) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) return undefined;
  return 'payload' in request ? { interaction, action, payload: request.payload, key } : { interaction, action, key };
}
