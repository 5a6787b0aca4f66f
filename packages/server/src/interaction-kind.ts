import type { InteractionSpec, InteractionView, Result, VoteRequest } from '@oncue/protocol';
import type { InteractionRecord } from './store.js';

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

export interface ViewContext<Config, Tally> {
  record: InteractionRecord;
  config: Config;
  tally: Tally;
  /** Distinct viewers with an entry. */
  voters: number;
  audience: Audience;
}

/**
 * Everything the server needs to know about one kind of interaction. The
 * generic parts — lifecycle (draft → open → closed, auto-close), storage,
 * idempotency, one entry per viewer, broadcast — live in `RoomService`; a
 * kind only decides what an entry is, whether one is acceptable, how entries
 * add up, and what clients see. A new kind (quiz, lottery, …) is one more
 * handler in the registry plus its spec schema in the protocol.
 *
 * Type parameters: `Spec` the validated create spec, `Config` what is stored
 * of it, `Entry` one viewer's entry (JSON), `Tally` the in-memory aggregate
 * of all entries (rebuilt from the entries on start).
 */
export interface InteractionKindHandler<Spec extends InteractionSpec = InteractionSpec, Config = unknown, Entry = unknown, Tally = unknown> {
  readonly kind: Spec['kind'];
  configure(spec: Spec): Configured<Config>;
  emptyTally(config: Config): Tally;
  /** Updates `tally` in place: takes out `previous` (if any), adds `next` (if any). */
  count(tally: Tally, previous: Entry | undefined, next: Entry | undefined): void;
  /**
   * Decides a viewer's action against the settings and what that viewer
   * already has: the entry to keep, or a refusal (`option_out_of_range`, `already_voted`, …).
   */
  participate(config: Config, previous: Entry | undefined, request: Pick<VoteRequest, 'choices'>): Result<Entry>;
  /** The choices shown back to the viewer (`RoomSnapshot.mine`, `VoteReceipt.choices`). */
  mine(entry: Entry): number[];
  /** What clients see of the interaction. */
  view(context: ViewContext<Config, Tally>): InteractionView;
  /** The REST representation of a (host) view: richer, for people reading JSON. */
  restView(view: InteractionView): Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKindHandler = InteractionKindHandler<any, any, any, any>;

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
