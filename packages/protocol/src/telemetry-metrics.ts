import type { ErrorCode } from './error-code.js';

/*
 * What the collector's metrics endpoint (`GET /api/rooms/:room/metrics`) answers,
 * and what its alert webhook sends. Computed by the reference server; read by the dashboard.
 */

/** One bucket (a minute by default) of one room. */
export interface BucketMetrics {
  /** Start of the bucket, ms since the epoch (server time). */
  start: number;
  /** Distinct viewers with any event in the bucket. */
  viewers: number;
  /** Distinct viewers shown an interaction in the bucket (impression or dwell). */
  shown: number;
  /** Of those, the viewers whose action on one of the interactions they were shown was accepted (at any time up to the bucket's end). */
  participants: number;
  /** `participants / shown`; `null` when nobody was shown an interaction. */
  participation: number | null;
  /** Actions sent, by interaction kind. */
  submitted: Record<string, number>;
  accepted: number;
  rejected: number;
  /** `accepted / (accepted + rejected)`; `null` without answers. */
  acceptance: number | null;
  /** Rejections by error code. */
  rejections: Partial<Record<ErrorCode, number>>;
  /** `connection` events (lost, failed). */
  connectionProblems: number;
}

/** One variant of an A/B-tested interaction. */
export interface VariantMetrics {
  variant: number;
  /** Viewers shown this variant. */
  viewers: number;
  /** Of those, viewers whose action was accepted. */
  participants: number;
  /** `participants / viewers`, or `null`. */
  rate: number | null;
}

/** One interaction (widget) over the whole window. */
export interface WidgetMetrics {
  interaction: string;
  kind: string;
  impressions: number;
  /** Distinct viewers shown it. */
  viewers: number;
  participants: number;
  /** Median over viewers of each viewer's total visible time, ms; `null` before any dwell event. */
  medianDwellMs: number | null;
  /** Per A/B variant, when events carry one. */
  variants: VariantMetrics[];
}

export interface RoomMetrics {
  room: string;
  bucketMs: number;
  /** The last {@link METRICS_BUCKETS} buckets, oldest first; the last one is still filling. */
  buckets: BucketMetrics[];
  widgets: WidgetMetrics[];
  /** Events stored for the room in the window. */
  events: number;
}

/** Metrics a deviation alert watches. */
export const WATCHED_METRICS = ['viewers', 'participation', 'submitted', 'acceptance'] as const;
export type AlertSeverity = 'warning' | 'critical';
export type WatchedMetric = (typeof WATCHED_METRICS)[number];

export interface TelemetryAlert {
  /** `room:bucket start:rule:metric`: the same alert is never raised twice. */
  id: string;
  room: string;
  rule: 'participation' | 'deviation';
  severity: AlertSeverity;
  metric: WatchedMetric;
  value: number;
  /** `participation`: the threshold crossed. */
  threshold?: number;
  /** `deviation`: the rolling mean and the relative deviation from it. */
  mean?: number;
  deviation?: number;
  /** The bucket the alert is about. */
  bucket: number;
  /** Server time it was raised. */
  at: number;
  /** English, for people. */
  message: string;
}

/**
 * One rule's alerts grouped while it keeps firing: the fields of its latest occurrence, how many
 * occurrences there were and since when. A group stays `active` while its rule fires again (or, for
 * participation, stays below its threshold) within a few buckets (5 on the reference server); then it
 * is `resolved`, and a later occurrence starts a new group.
 */
export interface AlertGroup extends TelemetryAlert {
  /** `rule:metric`: what is grouped (one group at a time per key is active). */
  key: string;
  /** Occurrences in the group. */
  count: number;
  /** Start of the bucket of the first occurrence, ms since the epoch (server time). */
  since: number;
  /** Start of the last bucket the rule fired in (or, for participation, was still below its threshold). */
  lastSeen: number;
  status: 'active' | 'resolved';
}

/** Metrics of a room with its alerts grouped per rule: active groups first (newest first), then resolved ones (latest first). */
export interface RoomDashboard extends RoomMetrics {
  alerts: AlertGroup[];
  serverTime: number;
}
