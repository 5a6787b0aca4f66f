import type { ActReceipt, GoalSpecInput, GoalView, InteractionSpecInput, InteractionView, OnCueError, Result } from '@oncue/protocol';
import type { ReadableAtom } from 'nanostores';
import type { ConnectionState } from './connection-state.js';
import type { KeyValueStorage } from './key-value-storage.js';
import type { PendingAction } from './pending-action.js';
import type { RoomState } from './room-state.js';
import type { StepOptions } from './step-options.js';

/** A handle to a shared room connection (see `connect()`). */
export interface RoomConnection {
  readonly server: string;
  readonly room: string;
  readonly role: 'viewer' | 'host';
  /** Where this connection keeps its viewer token, its outbox and what kinds keep per viewer (a lottery's entry secret). */
  readonly storage: KeyValueStorage;
  readonly $connection: ReadableAtom<ConnectionState>;
  readonly $room: ReadableAtom<RoomState>;
  /** Viewer id from the server's `welcome`. */
  readonly $viewer: ReadableAtom<string | undefined>;
  /**
   * Why `$connection` is 'failed': the handshake's refusal (`unauthorized`, `bad_request`, `bad_viewer_token` for a
   * signed viewer token that does not verify, also reported with `console.warn`); undefined otherwise.
   */
  readonly $failure: ReadableAtom<OnCueError | undefined>;
  /** Actions written to the outbox and not yet acknowledged. */
  readonly $pending: ReadableAtom<PendingAction[]>;
  /**
   * Estimated current server time, ms since the epoch (`Date.now()` plus the
   * offset estimated from welcome/snapshots/updates), for countdowns:
   * `closesAt - conn.serverNow()` is the time left.
   */
  serverNow(): number;
  /**
   * A viewer action of any kind (`act`): `action` is one of the interaction's kind's actions (a poll's `vote`,
   * a quiz's `answer`, a lottery's `enter` and `claim`, …) and `payload` what it takes (JSON). Written to the
   * outbox before it is sent, so it survives reconnects and reloads; resolves with the server's answer: the
   * receipt (whose `mine` and `personal` are put in `$room`), or a typed error (`bad_request` for an action the
   * kind does not have or a payload its schema refuses, `not_open`, `already_taken_part`, …). Each kind's module
   * has convenience functions over it: `vote(conn, …)`, `answer(conn, …)`, `enter(conn, …)`, `claim(conn, …)`.
   */
  act(interaction: string, action: string, payload?: unknown): Promise<Result<ActReceipt>>;
  /** Host actions (role 'host'); resolve with the server's answer. */
  createInteraction(spec: InteractionSpecInput): Promise<Result<InteractionView>>;
  openInteraction(id: string): Promise<Result<InteractionView>>;
  closeInteraction(id: string): Promise<Result<InteractionView>>;
  /**
   * Steps an interaction that has steps (`host:next`). A quiz: closes the open question and opens the next
   * (`reveal: true`: only closes it and reveals the answer); during a reveal, opens the next; after the last
   * question, closes the quiz; a drawn lottery: redraws expired unclaimed prizes. Pass `from` (the question the host sees) so that a step the quiz already took
   * by itself is refused with `not_current` instead of skipping a question. Sent with an idempotency key:
   * a resend after a lost answer is carried out once.
   */
  nextStep(id: string, options?: StepOptions): Promise<Result<InteractionView>>;
  /**
   * Sets a room goal (`host:goal`, docs/milestones.md): what counts, the target, an optional deadline and what
   * reaching it does. Sent with an idempotency key, so a resend after a lost answer sets one goal. Resolves with
   * the goal as hosts see it, or a typed error (`bad_request` for a target of 0 or a past deadline).
   */
  createGoal(goal: GoalSpecInput): Promise<Result<GoalView>>;
  /** Cancels an active goal (`host:goal-cancel`): its action will not fire (`unknown_goal` for a goal not in the room). */
  cancelGoal(goal: string): Promise<Result<GoalView>>;
  /** Ask the server for a full snapshot now. */
  resync(): Promise<void>;
  /** Release this handle; the socket closes when the last handle is released. */
  release(): void;
}
