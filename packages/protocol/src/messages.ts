import * as v from 'valibot';
import { IdempotencyKeySchema, InteractionIdSchema, RoomIdSchema } from './ids.js';
import type { InteractionId, ViewerId } from './ids.js';
import { InteractionSpecSchema } from './interaction.js';
import type { InteractionView, PersonalState } from './interaction.js';
import type { ActReceipt, ActRequestInput } from './act.js';
import { MAX_DISPLAY_NAME_LENGTH } from './limits.js';
import type { Result } from './result.js';
import { GoalSpecSchema, type GoalView, type RoomMilestones } from './milestones/goal.js';
import type { ViewerProgress } from './milestones/viewer-progress.js';

/* ---------------------------------------------------------------- handshake */

/**
 * A viewer's display name for leaderboards (e.g. the nickname on the stream platform):
 * 1-32 characters after trimming, no control or format characters.
 */
export const DisplayNameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'name is empty'),
  v.maxLength(MAX_DISPLAY_NAME_LENGTH, `name is longer than ${MAX_DISPLAY_NAME_LENGTH} characters`),
  v.regex(/^[^\p{Cc}\p{Cf}]*$/u, 'name has control or format characters'),
);

/** Sent as socket.io `auth` when connecting. One connection serves one room. */
export const HandshakeSchema = v.object({
  room: RoomIdSchema,
  /** The token a previous `welcome` gave this viewer (or one an integrator's backend signed). */
  viewerToken: v.optional(v.pipe(v.string(), v.maxLength(512))),
  /** Host token: unlocks the `host:*` events. */
  hostToken: v.optional(v.pipe(v.string(), v.maxLength(512))),
  /**
   * Display name for leaderboards ({@link DisplayNameSchema}). Self-declared: a name signed into the
   * viewer token by the integrator's backend takes its place (see the server's viewer identity).
   */
  name: v.optional(DisplayNameSchema),
});
export type Handshake = v.InferInput<typeof HandshakeSchema>;

/* ------------------------------------------------------- client → server */

export const SyncRequestSchema = v.object({
  /** Last room version the client applied; 0 or absent for none. */
  since: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type SyncRequest = v.InferOutput<typeof SyncRequestSchema>;

export const HostCreateRequestSchema = v.object({
  spec: InteractionSpecSchema,
  /** Idempotency key: a retried create does not make a second interaction. */
  key: IdempotencyKeySchema,
});
export type HostCreateRequest = v.InferOutput<typeof HostCreateRequestSchema>;

export const HostTransitionRequestSchema = v.object({
  interaction: InteractionIdSchema,
});
export type HostTransitionRequest = v.InferOutput<typeof HostTransitionRequestSchema>;

/** `host:next`: moves an interaction with steps (a quiz) on by one step. */
export const HostStepRequestSchema = v.object({
  interaction: InteractionIdSchema,
  /**
   * The step the host saw as current (a quiz: the question index). If the
   * interaction has moved on since (its deadline, another host), the request
   * is refused with `not_current` instead of skipping a step.
   */
  from: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-1))),
  /**
   * Only end the current step and show its result (a quiz: close the open
   * question and reveal its answer); the next step follows after the pause
   * or at the next `host:next`. Without it: end the current step and start the next.
   */
  reveal: v.optional(v.boolean(), false),
  /**
   * Call the interaction off before its outcome instead (a blind box before its reveal: nobody wins, the answer
   * stays secret). Kinds that cannot be called off refuse it with `bad_request`.
   */
  cancel: v.optional(v.boolean(), false),
  /** Idempotency key: a resent request is answered with the first outcome, not carried out again. */
  key: v.optional(IdempotencyKeySchema),
});
export type HostStepRequest = v.InferOutput<typeof HostStepRequestSchema>;
export type HostStepRequestInput = v.InferInput<typeof HostStepRequestSchema>;

/** `host:goal`: sets a room goal (the same body as REST `POST /api/rooms/:room/goals`). */
export const HostGoalRequestSchema = v.object({
  goal: GoalSpecSchema,
  /** Idempotency key: a retried request does not set a second goal. */
  key: IdempotencyKeySchema,
});
export type HostGoalRequestInput = v.InferInput<typeof HostGoalRequestSchema>;

/** `host:goal-cancel`: cancels an active goal (its action will not fire). */
export const HostGoalCancelRequestSchema = v.object({
  goal: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid goal id')),
});
export type HostGoalCancelRequest = v.InferOutput<typeof HostGoalCancelRequestSchema>;

/* ------------------------------------------------------- server → client */

export interface Welcome {
  viewer: ViewerId;
  /** Keep it (the core stores it) and send it back on every connection. */
  viewerToken: string;
  role: 'viewer' | 'host';
  /** Server clock, ms since the epoch, for countdowns. */
  serverTime: number;
}

/** Full room state, sent on connect and answered to `sync`. */
export interface RoomSnapshot {
  room: string;
  /** Monotonic per room; every update carries the next one. */
  version: number;
  /** In creation order. */
  interactions: InteractionView[];
  /**
   * What this viewer sees back of its own entry, by interaction id, for kinds that show one (a poll: the chosen
   * option indexes, `PollMine`; a quiz: the choice per question, -1 when not answered, `QuizMine`). The same
   * value an `act` receipt carries as `mine`. Kinds without one (a lottery) put the viewer's state in `personal`.
   */
  mine: Record<InteractionId, unknown>;
  /** What only this viewer may see, by interaction id (a quiz: own results of closed questions, own rank). */
  personal?: Record<InteractionId, PersonalState>;
  /** The room's cheer count and goals (absent while the room has neither). */
  milestones?: RoomMilestones;
  /** This viewer's progress, badges and rewards in the room's channel (viewers only; absent before a valid interaction). */
  progress?: ViewerProgress;
  serverTime: number;
}

/** Sent to one viewer when their own state of an interaction changes (a quiz question closed). */
export interface PersonalUpdate {
  interaction: InteractionId;
  personal: PersonalState;
  serverTime: number;
}

/** Round-trip probe: the client acks at once; the server measures the link delay from it. */
export interface ClockProbe {
  serverTime: number;
}

/**
 * Coalesced change: the full current view of each interaction that changed
 * since `version - 1`. A client that last applied `version - 1` applies it;
 * one that sees a gap asks for a snapshot with `sync`.
 */
export interface RoomUpdate {
  room: string;
  version: number;
  interactions: InteractionView[];
  /** The room's cheer count and goals, when they changed since `version - 1`. */
  milestones?: RoomMilestones;
  serverTime: number;
}

/**
 * The answer to one `act` sent without a socket.io ack callback: its idempotency key and its result.
 * `key` is the request's key as sent; `null` when the request carried no readable one (a malformed
 * request, refused with `bad_request`, that no client can match to an action).
 */
export interface ActAnswer {
  key: string | null;
  result: Result<ActReceipt>;
}

/* ------------------------------------------------------ socket.io typing */

type Ack<T> = (result: Result<T>) => void;

/** Events a client emits; every one carries an ack with a {@link Result}. */
export interface ClientToServerEvents {
  /**
   * Every viewer action of every kind (a poll's `vote`, a quiz's `answer`, a lottery's `enter` and `claim`, …):
   * the interaction's kind declares the action's payload schema and when it is accepted (`KindActions`).
   * At most once per viewer and key. Sent without an ack callback (what the core sends), it is answered in
   * the socket's next `acked` event, with the other actions of that socket settled in the same event-loop
   * turn; with one (older clients), through it. Without a callback it may also carry an array of up to 50
   * requests (several actions of one client turn in one frame), each answered in `acked` as if sent alone.
   */
  act: (req: ActRequestInput | ActRequestInput[], ack?: Ack<ActReceipt>) => void;
  sync: (req: SyncRequest, ack: Ack<RoomSnapshot>) => void;
  'host:create': (req: HostCreateRequest, ack: Ack<InteractionView>) => void;
  'host:open': (req: HostTransitionRequest, ack: Ack<InteractionView>) => void;
  'host:close': (req: HostTransitionRequest, ack: Ack<InteractionView>) => void;
  /**
   * Steps an interaction that has steps. A quiz: closes the open question and opens the next
   * (with `reveal`: only closes it, revealing the answer); during a reveal, opens the next;
   * after the last question, closes the quiz. A drawn lottery: redraws expired unclaimed prizes.
   */
  'host:next': (req: HostStepRequestInput, ack: Ack<InteractionView>) => void;
  /** Sets a room goal (docs/milestones.md); answers the goal as hosts see it. */
  'host:goal': (req: HostGoalRequestInput, ack: Ack<GoalView>) => void;
  'host:goal-cancel': (req: HostGoalCancelRequest, ack: Ack<GoalView>) => void;
}

export interface ServerToClientEvents {
  welcome: (welcome: Welcome) => void;
  snapshot: (snapshot: RoomSnapshot) => void;
  update: (update: RoomUpdate) => void;
  personal: (update: PersonalUpdate) => void;
  /** This viewer's progress in the channel changed (a valid interaction, a badge, a reward, a claim). */
  progress: (progress: ViewerProgress) => void;
  /**
   * The answers to this socket's `act`s sent without an ack callback, each by its key: every one settled in
   * the same event-loop turn, in one frame (one WebSocket frame for many actions instead of one per action).
   */
  acked: (answers: ActAnswer[]) => void;
  /** Answer the ack at once: the server measures the round trip of this connection (fair quiz timing). */
  clock: (probe: ClockProbe, ack: () => void) => void;
}

/** Name of every client→server event, for validation tables. */
export type ClientEventName = keyof ClientToServerEvents;
