/**
 * Where OnCue keeps its records in Redis (the layout is documented in redis-store.ts).
 *
 * Every key of one channel carries the channel as a Redis Cluster hash tag (`oncue:{<channel>}:…`), so one script
 * that touches a channel's keys touches one slot; all telemetry and alerts share the tag `{telemetry}`. Names are
 * URI-encoded inside keys: `{`, `}`, `:` and control characters can never break a tag or a key apart.
 */

/** The default key prefix. */
export const DEFAULT_REDIS_PREFIX = 'oncue';

/** The keys of one channel: its lease, its epoch counter and its records. */
export interface ChannelKeys {
  /** String: the lease holder's token `<processId>/<epoch>` (with a TTL). */
  lease: string;
  /** Counter: the epoch of the latest lease taken. */
  epoch: string;
  /** Hash: interaction id → InteractionRecord JSON. */
  interactions: string;
  /** List: interaction ids in first-write order. */
  interactionOrder: string;
  /** Hash: JSON `[interaction, viewer]` → ParticipationRecord JSON. */
  participations: string;
  /** Hash: JSON `[scope, key]` → IdempotencyRecord JSON. */
  idempotency: string;
  /** Sorted set: JSON `[scope, key]` scored by the record's `at` (to forget expired ones). */
  idempotencyAt: string;
  /** Hash: room id → version. */
  rooms: string;
  /** Hash: JSON `[collection, id]` → DocRecord value JSON. */
  docs: string;
  /** List: JSON `[collection, id]` in first-write order. */
  docOrder: string;
}

/** The keys of telemetry events and alerts (one hash tag: telemetry scripts touch one slot). */
export interface TelemetryKeys {
  /** Counter: arrival sequence of events and alerts. */
  seq: string;
  /** Hash: event id → `{ event, receivedAt }` JSON (the dedupe set, too). */
  events: string;
  /** Sorted set: `<room events key>\0<event id>` scored by `receivedAt` (retention). */
  eventsByTime: string;
  /** Sorted set of one room's event ids scored by arrival sequence. */
  roomEvents(room: string): string;
  /** Hash: alert id → TelemetryAlert JSON. */
  alerts: string;
  /** Sorted set: `<room alerts key>\0<member>` scored by the alert's `at` (retention). */
  alertsByTime: string;
  /** Sorted set of one room's alerts, members `<16-digit sequence>:<alert id>`, scored by `at`. */
  roomAlerts(room: string): string;
}

/** Checks a key prefix: letters, digits and `_ . : -` only (a `{` would break the hash tags). */
export function checkPrefix(prefix: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) throw new Error(`invalid Redis key prefix "${prefix}": use 1-64 of A-Z a-z 0-9 _ . : -`);
  return prefix;
}

/** A name made safe to stand inside a key and a hash tag. */
export function keyPart(name: string): string {
  return encodeURIComponent(name);
}

export function channelKeys(prefix: string, channel: string): ChannelKeys {
  const base = `${prefix}:{${keyPart(channel)}}`;
  return {
    lease: `${base}:lease`,
    epoch: `${base}:epoch`,
    interactions: `${base}:interactions`,
    interactionOrder: `${base}:interaction-order`,
    participations: `${base}:participations`,
    idempotency: `${base}:idempotency`,
    idempotencyAt: `${base}:idempotency-at`,
    rooms: `${base}:rooms`,
    docs: `${base}:docs`,
    docOrder: `${base}:doc-order`,
  };
}

export function telemetryKeys(prefix: string): TelemetryKeys {
  const base = `${prefix}:{telemetry}`;
  return {
    seq: `${base}:seq`,
    events: `${base}:events`,
    eventsByTime: `${base}:events-by-time`,
    roomEvents: (room) => `${base}:room-events:${keyPart(room)}`,
    alerts: `${base}:alerts`,
    alertsByTime: `${base}:alerts-by-time`,
    roomAlerts: (room) => `${base}:room-alerts:${keyPart(room)}`,
  };
}

/** Hash: meta key → value (records of no channel: the viewer token secret, the badge signing key). */
export function metaKey(prefix: string): string {
  return `${prefix}:meta`;
}
