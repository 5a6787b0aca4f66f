import type { AnswerReceipt, InteractionSpecInput, InteractionView, LotteryReceipt, OnCueError, Result, VoteReceipt } from '@oncue/protocol';
import type { ReadableAtom } from 'nanostores';
import type { ConnectionState } from './connection-state.js';
import type { PendingAction } from './pending-action.js';
import type { RoomState } from './room-state.js';
import type { StepOptions } from './step-options.js';

/** A handle to a shared room connection (see `connect()`). */
export interface RoomConnection {
  readonly server: string;
  readonly room: string;
  readonly role: 'viewer' | 'host';
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
  /** Votes; resolves with the server's answer (typed error or receipt). Survives reconnects and reloads via the outbox. */
  vote(interaction: string, choices: number[]): Promise<Result<VoteReceipt>>;
  /**
   * Answers question `question` of a quiz with option `choice`; resolves with the server's answer (a receipt,
   * or a typed error such as `too_late` / `not_current`). Goes through the same outbox as votes. Correctness and
   * score arrive later in `$room.personal` once the question closes.
   */
  answer(interaction: string, question: number, choice: number): Promise<Result<AnswerReceipt>>;
  /**
   * Enters a lottery (once per viewer, while it is open); resolves with the server's answer: a receipt carrying this
   * viewer's lottery state (`personal`, also put in `$room.personal`; `$room.mine[id]` becomes `[]`), or a typed error
   * (`not_eligible`, `already_voted`, `not_open`). Same outbox as `vote`.
   */
  enter(interaction: string): Promise<Result<LotteryReceipt>>;
  /**
   * This viewer's entry ticket for a lottery: hex SHA-256 of `<lottery id>:<secret>`, with a 32-byte secret this
   * client drew for this server and viewer and keeps in its storage (never sent). `enter` sends it; it is the
   * viewer's id in the published entry list, so a page can find its own entry without trusting the server's
   * word. `undefined` before the viewer is known, or where WebCrypto is missing (plain http off localhost).
   */
  entryTicket(interaction: string): Promise<string | undefined>;
  /**
   * Claims a lottery prize with the fields the lottery asks for (winners only, once, within the claim window); same
   * outbox as `vote`. Errors: `not_winner`, `already_claimed`, `claim_expired`, `bad_request` (fields).
   */
  claim(interaction: string, fields: Record<string, string>): Promise<Result<LotteryReceipt>>;
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
  /** Ask the server for a full snapshot now. */
  resync(): Promise<void>;
  /** Release this handle; the socket closes when the last handle is released. */
  release(): void;
}
