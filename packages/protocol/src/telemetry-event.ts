import * as v from 'valibot';
import { ERROR_CODES, type ErrorCode } from './error-code.js';
import { MAX_VARIANTS } from './ab-variant.js';
import type { InteractionId, RoomId, ViewerId } from './ids.js';

/**
 * Version of the telemetry event schema. Every event carries it as `v`; a
 * collector refuses versions it does not know. Raise it for any change a
 * collector must know about (a removed field, a new meaning), not for a new
 * optional field.
 */
export const TELEMETRY_SCHEMA_VERSION = 1;

/**
 * What viewers do, as event types:
 * - `impression`: a widget became visible (at least half of it, page visible), once per element and interaction;
 * - `open`: the viewer expanded or opened a widget (kinds with a collapsed state);
 * - `submit`: an action (vote, answer…) was sent;
 * - `accepted` / `rejected`: the server's answer to it (`code` on a rejection);
 * - `dwell`: visible time (`ms`) of a widget since the last dwell event of it (sent when it stops being visible, and every heartbeat while it is);
 * - `reward`: a reward (prize, badge) was claimed;
 * - `connection`: the connection was lost (`state: 'reconnecting'`), refused for good (`'failed'`, `code`) or came back (`'restored'`).
 */
export const TELEMETRY_EVENT_TYPES = ['impression', 'open', 'submit', 'accepted', 'rejected', 'dwell', 'reward', 'connection'] as const;
export type TelemetryEventType = (typeof TELEMETRY_EVENT_TYPES)[number];
export const CONNECTION_PROBLEM_STATES = ['reconnecting', 'failed', 'restored'] as const;
export type ConnectionProblemState = (typeof CONNECTION_PROBLEM_STATES)[number];

/** One event as it travels from a reporter to a sink. Only what the metrics need is collected: no URL, user agent or IP. */
export interface TelemetryEvent {
  /** Schema version ({@link TELEMETRY_SCHEMA_VERSION}). */
  v: number;
  /** Unique event id (a random UUID); a backend de-duplicates by it. */
  id: string;
  /** Per session, starting at 1, increasing by one per event. */
  seq: number;
  type: TelemetryEventType;
  room: RoomId;
  /** Absent for connection events. */
  interaction?: InteractionId;
  /** Interaction kind (`poll`, `quiz`, …). */
  kind?: string;
  /** The viewer id from the server's welcome, once known. */
  viewer?: ViewerId;
  /** Random per page session (kept across reloads of the tab). */
  session: string;
  /** Client time, ms since the epoch. */
  at: number;
  /** SDK version that made the event. */
  sdk: string;
  /** A/B variant index shown to this viewer ({@link assignVariant}), when the interaction has variants. */
  variant?: number;
  /** `rejected`: the error code; `connection` `'failed'`: why. */
  code?: ErrorCode;
  /** `dwell`: visible milliseconds. */
  ms?: number;
  /** `connection`: what happened. */
  state?: ConnectionProblemState;
}

/** What a reporter POSTs to a collector. */
export interface TelemetryBatch {
  v: number;
  events: TelemetryEvent[];
}

/** Most events in one batch a collector accepts. */
export const MAX_TELEMETRY_BATCH_EVENTS = 200;

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 _ -'));
const EventId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'event id must be 8-64 of A-Z a-z 0-9 _ -'));

export const TelemetryEventSchema = v.object({
  v: v.literal(TELEMETRY_SCHEMA_VERSION, `unknown schema version; this collector knows ${TELEMETRY_SCHEMA_VERSION}`),
  id: EventId,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  type: v.picklist(TELEMETRY_EVENT_TYPES),
  room: Id,
  interaction: v.optional(Id),
  kind: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/, 'invalid kind'))),
  viewer: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
  session: Id,
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sdk: v.pipe(v.string(), v.maxLength(32)),
  variant: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_VARIANTS - 1))),
  code: v.optional(v.picklist(ERROR_CODES)),
  ms: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60 * 60 * 1000))),
  state: v.optional(v.picklist(CONNECTION_PROBLEM_STATES)),
});

export const TelemetryBatchSchema = v.object({
  v: v.literal(TELEMETRY_SCHEMA_VERSION, `unknown schema version; this collector knows ${TELEMETRY_SCHEMA_VERSION}`),
  events: v.pipe(
    v.array(TelemetryEventSchema),
    v.minLength(1, 'a batch needs at least one event'),
    v.maxLength(MAX_TELEMETRY_BATCH_EVENTS, `at most ${MAX_TELEMETRY_BATCH_EVENTS} events per batch`),
  ),
});
