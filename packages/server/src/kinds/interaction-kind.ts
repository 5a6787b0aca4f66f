import type * as v from 'valibot';
import type { ActionPhase, ActReceipt, InteractionSpec, InteractionView, KindActions, PersonalState, Result, ViewerId } from '@oncue/protocol';
import type { InteractionRecord } from '../store/store.js';

/** Who a view is made for: viewers may not see everything (hidden results); hosts do. */
export type Audience = 'viewer' | 'host';

/** What a kind keeps from a validated create spec. */
export interface Configured<Config> {
  /** Kind-specific settings, stored as JSON in the interaction record. */
  config: Config;
  /** Auto-close after this many seconds from opening. */
  durationSeconds?: number;
  /** Create without opening. */
  draft: boolean;
}

export interface ViewContext<Config, Tally, Entry = unknown> {
  record: InteractionRecord;
  config: Config;
  tally: Tally;
  /** Distinct viewers with an entry (a poll shows it as `voters`). */
  participants: number;
  audience: Audience;
  /** Every viewer's entry and when it was accepted (kinds that rank viewers need them). The server always passes it. */
  entries?: ReadonlyMap<ViewerId, { value: Entry; at: number }>;
}

export type { ActionPhase };

/** Every viewer's entry in one interaction and when it was accepted. */
export type EntryMap<Entry = unknown> = ReadonlyMap<ViewerId, { value: Entry; at: number }>;

/** What the server knows about an action besides its payload. */
export interface ParticipationContext {
  record: InteractionRecord;
  /** Who acts. The server always passes it (and `qualifiedIn`). */
  viewer?: ViewerId;
  /** The action (`vote`, `answer`, `enter`, `claim`, …): one of the kind's {@link InteractionKindHandler.actions}. */
  action: string;
  /**
   * Whether this viewer took part in another interaction of the same room, as
   * that interaction's kind defines it ({@link InteractionKindHandler.qualified}):
   * false for an unknown interaction or no entry.
   */
  qualifiedIn?(interaction: string): boolean;
  /** Server time the action was received. */
  now: number;
  /**
   * The link time credited to this viewer, ms: the smallest round trip
   * measured on its connection (0 when not measured), capped by the server at
   * `MAX_LINK_DELAY_CREDIT_MS`. Kinds that time answers credit it to the
   * viewer (a quiz: in its answer time and as a grace window after a deadline).
   */
  linkDelayMs: number;
  /**
   * How long after a deadline this viewer's actions still in flight are taken,
   * ms: its largest recent round trip, capped like `linkDelayMs` (default: `linkDelayMs`).
   */
  lateGraceMs?: number;
  /** The display name the viewer connected with, if any (self-declared). Kinds that rank viewers keep it with the entry. */
  viewerName?: string;
  /** Every viewer's entry in this interaction (a lottery refuses a ticket another entry has). The server always passes it. */
  entries?: EntryMap;
}

/**
 * Why a step is taken:
 * - `next`: a host moves on (ends the current step and starts the next one);
 * - `end`: a host ends the current step only (a quiz: reveals the answer; the next step follows after the pause);
 * - `due`: the current step's own deadline ({@link InteractionKindHandler.stepDeadline}) has passed;
 * - `cancel`: a host calls the interaction off before its outcome (only kinds with {@link InteractionKindHandler.cancellable}).
 */
export type StepMode = 'next' | 'end' | 'due' | 'cancel';

export interface StepRequest {
  mode: StepMode;
  /** The step the requester saw as current; a kind refuses with `not_current` when it has moved on since. */
  from?: number;
}

/** The outcome of a step ({@link InteractionKindHandler.advance}). */
export interface Stepped {
  /** The record after the step (kind progress in `state`). */
  record: InteractionRecord;
  /** The step was the last one: the server closes the interaction. */
  finished: boolean;
}

/** What an accepted action answers besides `{ interaction, action, at }` (see {@link InteractionKindHandler.receipt}). */
export type ReceiptExtras = Pick<ActReceipt, 'mine' | 'personal'>;

/**
 * Everything the server needs to know about one kind of interaction. The
 * generic parts — lifecycle (draft → open → closed, auto-close), storage,
 * idempotency, one entry per viewer, the `act` path, broadcast — live in `RoomService`; a
 * kind only decides what an entry is, whether one is acceptable, how entries
 * add up, and what clients see. A new kind is one more handler in the server's
 * kind list (`kinds/index.ts`) plus its protocol module (docs/adding-a-kind.md).
 *
 * Type parameters: `Spec` the validated create spec, `Config` what is stored
 * of it, `Entry` one viewer's entry (JSON), `Tally` the in-memory aggregate
 * of all entries (rebuilt from the entries on start), `Payload` the validated
 * payload of its actions (what the action's schema in {@link actions} outputs).
 */
export interface InteractionKindHandler<
  Spec extends { kind: string; signedOnly?: boolean | undefined } = InteractionSpec,
  Config = unknown,
  Entry = unknown,
  Tally = unknown,
  Payload = unknown,
> {
  readonly kind: Spec['kind'];
  /**
   * The create spec's schema, from the kind's protocol module (e.g. `PollSpecSchema`): the server validates
   * what a host sends with it (`host:create`, `POST …/interactions`) before {@link configure}.
   */
  readonly spec: v.GenericSchema<unknown, Spec>;
  /**
   * Every viewer action of this kind, from its protocol module (e.g. `pollActions`): the payload schema the
   * server validates an `act` with (a mismatch answers `bad_request` naming the field) and when the action is
   * accepted. Each accepted action goes through {@link participate} (with `context.action`) and replaces the
   * viewer's one entry.
   */
  readonly actions: KindActions;
  configure(spec: Spec): Configured<Config>;
  /**
   * Other interactions of the same room a configuration refers to (a lottery for those who took part in a
   * poll), each with the spec field that names it: the server refuses to create it (`bad_request`) when one
   * of them does not exist.
   */
  references?(config: Config): { field: string; interaction: string }[];
  emptyTally(config: Config): Tally;
  /** Updates `tally` in place: takes out `previous` (if any), adds `next` (if any). */
  count(tally: Tally, previous: Entry | undefined, next: Entry | undefined): void;
  /**
   * Decides a viewer's action (its validated payload; `context.action` says which) against the settings, the
   * server context and what that viewer already has: the entry to keep, or a refusal (`option_out_of_range`,
   * `already_taken_part`, …).
   */
  participate(config: Config, previous: Entry | undefined, payload: Payload, context: ParticipationContext): Result<Entry>;
  /**
   * Whether a viewer's entry counts as having taken part, for the eligibility
   * of other interactions (a lottery for those who took part in this one).
   * Default: any entry (a poll: voted).
   */
  qualified?(config: Config, entry: Entry): boolean;
  /**
   * What the viewer sees back of its own entry (`RoomSnapshot.mine`, `ActReceipt.mine`): a poll its choices, a
   * quiz its choice per question. Kinds without one (a lottery shows `personal` instead) leave it out.
   */
  mine?(entry: Entry): unknown;
  /**
   * What the receipt of an accepted action carries besides `{ interaction, action, at }` (default: `mine` of the
   * new entry, when the kind has {@link mine}). Only what the viewer may see now.
   */
  receipt?(entry: Entry, context: { record: InteractionRecord; action: string; at: number }): ReceiptExtras;
  /** What clients see of the interaction. */
  view(context: ViewContext<Config, Tally, Entry>): InteractionView;
  /** What only one viewer may see (own results), or nothing. Sent in snapshots and after each step. */
  personal?(context: ViewContext<Config, Tally, Entry>, viewer: ViewerId): PersonalState | undefined;

  /* Steps (optional): kinds made of several timed steps, like a quiz's questions. */

  /**
   * Called with the record right after every status change (open, close), with
   * the entries: the kind sets its progress (a lottery draws at close). May be
   * async; the server stores the status change only with its result.
   */
  onTransition?(record: InteractionRecord, now: number, entries?: EntryMap<Entry>): InteractionRecord | Promise<InteractionRecord>;
  /** The host may call an interaction of this kind off before its outcome (`host:next` with `cancel`, `POST …/cancel`): {@link advance} gets the `cancel` mode. */
  readonly cancellable?: boolean;
  /** When the current step ends by itself (server time), while open; the server arms it, also after a restart. */
  stepDeadline?(record: InteractionRecord): number | undefined;
  /**
   * Takes one step (see {@link StepMode}), by host request or at {@link stepDeadline}; gets the
   * entries (a lottery redraws expired unclaimed prizes). May be async. Answers the same `record`
   * object when there is nothing to do (an `end` of a step already ended).
   */
  advance?(record: InteractionRecord, now: number, request: StepRequest, entries?: EntryMap<Entry>): Result<Stepped> | Promise<Result<Stepped>>;
  /** The REST representation of a (host) view: richer, for people reading JSON. */
  restView(view: InteractionView): Record<string, unknown>;
  /** What anyone may read without a token (`GET …/:id/proof`; a lottery: its draw proof), from the host view. */
  publicView?(view: InteractionView): Record<string, unknown>;
  /** Files a host can download (`GET …/:id/<name>`, e.g. `claims.csv`), rendered from the host view. */
  readonly exports?: Readonly<Record<string, { contentType: string; render(view: InteractionView): string }>>;
}

/** A handler of any kind (the registry holds handlers whose type parameters differ). */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds kinds of every type; each handler checks its own values.
export type AnyKindHandler = InteractionKindHandler<any, any, any, any, any>;

/** Handlers by `kind`. */
export class KindRegistry {
  private readonly handlers = new Map<string, AnyKindHandler>();

  constructor(handlers: readonly AnyKindHandler[] = []) {
    for (const handler of handlers) this.register(handler);
  }

  register(handler: AnyKindHandler): this {
    if (this.handlers.has(handler.kind)) throw new Error(`interaction kind ${handler.kind} is already registered`);
    this.handlers.set(handler.kind, handler);
    return this;
  }

  get(kind: string): AnyKindHandler | undefined {
    return this.handlers.get(kind);
  }

  has(kind: unknown): boolean {
    return typeof kind === 'string' && this.handlers.has(kind);
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }
}
