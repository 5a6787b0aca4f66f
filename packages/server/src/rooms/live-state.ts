import type { Result, ViewerId } from '@oncue/protocol';
import type { AnyKindHandler } from '../kinds/interaction-kind.js';
import type { IdempotencyRecord, InteractionRecord, StoreWrite } from '../store/store.js';
import type { Timers } from '../timers.js';
import type { IdempotencyLimits } from './idempotency-cache.js';

/** One viewer's entry in an interaction and when the server accepted it. */
export interface LiveEntry {
  value: unknown;
  at: number;
}

/** An interaction while the server runs: its record, its kind, every viewer's entry and the tally of them. */
export interface LiveInteraction {
  readonly record: InteractionRecord;
  readonly handler: AnyKindHandler;
  /** One entry per viewer. */
  readonly entries: ReadonlyMap<ViewerId, LiveEntry>;
  /** The kind's aggregate of `entries` (`handler.count` keeps it). */
  readonly tally: unknown;
}

/** What the {@link RoomService} asks of a {@link LiveState} it creates. */
export interface LiveStateHooks {
  /** The domain clock (ms since the epoch). */
  now: () => number;
  timers: Timers;
  /** Runs when a deadline armed with {@link LiveState.arm} is due: exactly once per arming, on one process. */
  onDue: (deadline: string) => void;
  idempotencyLimits?: Partial<IdempotencyLimits>;
}

/**
 * Everything the {@link RoomService} keeps of its rooms between two actions: interactions, entries,
 * tallies, room versions, exactly-once records and deadlines. The service decides (through each
 * kind's handler) and persists (through the `Store`); the live state holds what it decided. The
 * default, {@link MemoryLiveState}, keeps it in this process's memory, rebuilt from the store on start.
 *
 * This is the seam for running one room on several processes (a shared implementation, e.g. on
 * Redis). What an implementation must guarantee is written in docs/server.md ("Live state"):
 * - `setEntry` is one atomic step with its tally delta (no reader sees one without the other), and two
 *   processes never both replace the same previous entry (compare-and-set on the previous entry);
 * - `runOnce` runs an action at most once per (scope, key) across processes, and answers repeats with
 *   the first success for as long as the retention window;
 * - `nextVersion` is strictly increasing per room across processes and restarts;
 * - a deadline armed with `arm` fires exactly once, also when the process that armed it dies.
 */
export interface LiveState {
  /* ---------------------------------------------------------- interactions */

  /** The interaction with this id, in any room. */
  interaction(id: string): LiveInteraction | undefined;
  /** Whether a room has at least one interaction (asked on every action: no list is made). */
  hasRoom(room: string): boolean;
  /** A room's interactions in creation order; undefined while the room has none. */
  interactionsOf(room: string): readonly LiveInteraction[] | undefined;
  /** Every interaction of every room. */
  all(): Iterable<LiveInteraction>;
  /** Every room with at least one interaction. */
  rooms(): Iterable<string>;
  /** Creates a room with no interactions (a host set a goal there first); nothing when it exists. */
  openRoom(room: string): void;
  /** Adds an interaction with no entries (its room is created with it). */
  add(record: InteractionRecord, handler: AnyKindHandler): LiveInteraction;
  /** Removes an interaction (a create whose write failed); a room left empty goes too, keeping its version as a floor. */
  remove(id: string): void;
  /** Replaces an interaction's record (a status change, a step). */
  setRecord(id: string, record: InteractionRecord): void;

  /* --------------------------------------------------- entries and tallies */

  /** Replaces (or with `undefined` removes) a viewer's entry and applies the difference to the tally, in one step. */
  setEntry(id: string, viewer: ViewerId, entry: LiveEntry | undefined): void;

  /* --------------------------------------------------------------- versions */

  /** The version of a room's last broadcast (0 for an unknown room). */
  version(room: string): number;
  /** Takes the next version of a room for a broadcast. */
  nextVersion(room: string): number;
  /** The persisted versions found at start: a room's versions continue above them. */
  setVersionFloor(room: string, version: number): void;

  /* ------------------------------------------------------------ exactly once */

  /** Runs `action` at most once per (scope, key); repeats share its outcome, or answer its stored success. */
  runOnce<T>(scope: string, key: string, action: () => Promise<Result<T>>): Promise<Result<T>>;
  /** The store write that keeps a success for repeats; written with the action's own effect. */
  recordOnce(scope: string, key: string, value: unknown, at: number): StoreWrite;
  /** Brings back the successes a previous run stored (those made after `since`). */
  loadOnce(records: readonly IdempotencyRecord[], since: number): void;
  /** Forgets successes made before `cutoff`; answers how many. */
  forgetOnceBefore(cutoff: number): number;

  /* -------------------------------------------------------------- deadlines */

  /** Arms `deadline` for `at` (replacing an earlier arming), or with `undefined` disarms it. */
  arm(deadline: string, at: number | undefined): void;
  /** Disarms every deadline (the service is stopping). */
  disarmAll(): void;
}
