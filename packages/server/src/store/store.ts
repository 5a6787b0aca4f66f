import type { InteractionStatus, TelemetryAlert, TelemetryEvent } from '@oncue/protocol';

/**
 * Durable storage of the server, as plain JSON-able records.
 *
 * Promise-based and free of any database specifics so that other backends
 * (Redis, Postgres, …) can implement it; {@link SqliteStore} is the default.
 * The server keeps its working state in memory: it reads everything once with
 * {@link Store.load} at start and afterwards only writes.
 */
export interface Store {
  /** Everything the server needs to rebuild its state. Called once, before any write. */
  load(): Promise<StoreSnapshot>;
  /**
   * Persists `writes` atomically (all or none) and resolves once they are
   * durable. Writes are upserts keyed as documented on each record.
   * Implementations are expected to group concurrent calls into one commit.
   */
  apply(writes: readonly StoreWrite[]): Promise<void>;
  /** Resolves when every write applied so far is durable. */
  flush(): Promise<void>;
  /**
   * Stores `value` under the meta `key` unless a value is stored there already, and resolves with the stored value
   * once it is durable: the first writer wins, also between processes sharing one backend (a secret made at first
   * start must be the same for all of them).
   */
  claimMeta(key: string, value: string): Promise<string>;
  /**
   * Stores telemetry events durably, skipping any whose `id` is already stored
   * (a reporter may send an event again); resolves with the events that were new.
   */
  appendTelemetry(events: readonly TelemetryEvent[], receivedAt: number): Promise<TelemetryRecord[]>;
  /** A room's telemetry events in arrival order, those received at or after `since` (default: all). */
  readTelemetry(room: string, since?: number): Promise<TelemetryRecord[]>;
  /** Deletes the telemetry events received before `receivedAt`, and the alerts raised before it (retention); resolves with how many events. */
  forgetTelemetryBefore(receivedAt: number): Promise<number>;
  /** Stores telemetry alerts, skipping any whose `id` is already stored; resolves with the ones that were new. */
  appendAlerts(alerts: readonly TelemetryAlert[]): Promise<TelemetryAlert[]>;
  /** A room's `limit` most recent alerts, oldest first. */
  readAlerts(room: string, limit: number): Promise<TelemetryAlert[]>;
  /** Flushes, then releases the backend. The store is unusable afterwards. */
  close(): Promise<void>;
}

export interface StoreSnapshot {
  /** In creation order. */
  interactions: InteractionRecord[];
  participations: ParticipationRecord[];
  idempotency: IdempotencyRecord[];
  rooms: RoomRecord[];
  meta: Record<string, string>;
  /** Room- and channel-level records of the milestones (cheer counts, goals, progress, rewards), in write order. */
  docs: DocRecord[];
}

export type StoreWrite =
  | { type: 'interaction'; record: InteractionRecord }
  | { type: 'participation'; record: ParticipationRecord }
  | { type: 'idempotency'; record: IdempotencyRecord }
  /** Drop the idempotency records made before `before` (they have expired). */
  | { type: 'forget-idempotency'; before: number }
  | { type: 'room'; record: RoomRecord }
  | { type: 'meta'; key: string; value: string }
  | { type: 'doc'; record: DocRecord };

/** One interaction of any kind. Keyed by `id` (ids are unique across rooms). */
export interface InteractionRecord {
  id: string;
  room: string;
  kind: string;
  status: InteractionStatus;
  createdAt: number;
  openedAt?: number;
  /** Auto-close deadline, set when it opens with a duration. */
  closesAt?: number;
  closedAt?: number;
  /** Auto-close after this many seconds from opening. */
  durationSeconds?: number;
  /** Only viewers signed in by the integrator may take part (spec `signedOnly`). */
  signedOnly?: true;
  /** Kind-specific settings (for a poll: question, options, …). */
  config: unknown;
  /** Kind-specific progress of an interaction with steps (a quiz: its questions' times). */
  state?: unknown;
}

/** One viewer's current entry in one interaction (for a poll: their choices). Keyed by `(interaction, viewer)`. */
export interface ParticipationRecord {
  interaction: string;
  viewer: string;
  /** Kind-specific value. */
  value: unknown;
  at: number;
}

/**
 * The stored answer of an action made with an idempotency key.
 * Keyed by `(scope, key)`; scope is `viewer:<id>` or `host:<room>`.
 */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  /** The action's successful result, as it was answered. */
  result: unknown;
  at: number;
  /**
   * In a write only (never loaded): `result` as JSON when the writer has made it already (it is
   * `JSON.stringify(result)`), for a store to write instead of serialising `result` again.
   */
  json?: string;
}

/** Per-room bookkeeping. Keyed by `room`. */
export interface RoomRecord {
  room: string;
  /** Last broadcast version (a floor for the next run; see `RoomService`). */
  version: number;
}

/**
 * A JSON document of a room-level feature (milestones: a room's cheer count, a goal, a viewer's channel progress,
 * an issued reward, a channel's settings). Keyed by `(collection, id)`; a later write replaces the value.
 */
export interface DocRecord {
  /** `cheers`, `goal`, `progress`, `reward`, `channel`, … (docs/milestones.md). */
  collection: string;
  id: string;
  value: unknown;
}

/** A stored telemetry event and when the collector received it (server time). Keyed by `event.id`. */
export interface TelemetryRecord {
  event: TelemetryEvent;
  receivedAt: number;
}

export function emptySnapshot(): StoreSnapshot {
  return { interactions: [], participations: [], idempotency: [], rooms: [], meta: {}, docs: [] };
}
