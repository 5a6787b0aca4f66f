import { WATCHED_METRICS, type AlertSeverity, type BucketMetrics, type TelemetryAlert, type WatchedMetric } from '@oncue/protocol';

/** Participation below this raises a warning. */
export const PARTICIPATION_WARNING = 0.4;
/** Participation below this raises a critical alert. */
export const PARTICIPATION_CRITICAL = 0.25;
/** Participation and deviation alerts need at least this many viewers in the bucket by default: a handful of viewers swings every rate. */
export const DEFAULT_ALERT_MIN_VIEWERS = 20;
/** A metric further than this (relative) from its rolling mean raises a warning. */
export const DEVIATION_THRESHOLD = 0.2;
/** The rolling mean is taken over this many previous buckets that have a value… */
export const ROLLING_BUCKETS = 5;
/** …and needs at least this many of them. */
export const ROLLING_MIN_BUCKETS = 3;

/** A watched metric's value in a bucket, or `null` when it has none. */
export function metricValue(bucket: BucketMetrics, metric: WatchedMetric): number | null {
  if (metric === 'submitted') return Object.values(bucket.submitted).reduce((a, b) => a + b, 0);
  return bucket[metric];
}

/** The participation level of a bucket: `ok`, or the severity it falls into. */
export function participationLevel(participation: number | null): AlertSeverity | 'ok' {
  if (participation === null) return 'ok';
  if (participation < PARTICIPATION_CRITICAL) return 'critical';
  if (participation < PARTICIPATION_WARNING) return 'warning';
  return 'ok';
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The alerts of one completed bucket, given the completed buckets before it
 * (oldest first) and the participation level of the previous one:
 * - participation below 40 % (warning) or 25 % (critical), raised when the level gets worse (not again every bucket it stays there);
 * - any watched metric more than 20 % away from its mean over the previous 5 buckets that have a value (at least 3 needed;
 *   buckets without any viewer are no data, not zeros);
 * - neither rule fires in a bucket with fewer than `minViewers` viewers (its participation level counts as `ok` then).
 */
export function evaluateBucket(
  room: string,
  bucket: BucketMetrics,
  history: readonly BucketMetrics[],
  previousLevel: AlertSeverity | 'ok',
  at: number,
  minViewers = DEFAULT_ALERT_MIN_VIEWERS,
): { alerts: TelemetryAlert[]; level: AlertSeverity | 'ok' } {
  const alerts: TelemetryAlert[] = [];
  if (bucket.viewers < minViewers) return { alerts, level: 'ok' };
  const level = participationLevel(bucket.participation);
  const rank = { ok: 0, warning: 1, critical: 2 } as const;
  if (level !== 'ok' && rank[level] > rank[previousLevel]) {
    const threshold = level === 'critical' ? PARTICIPATION_CRITICAL : PARTICIPATION_WARNING;
    alerts.push({
      id: `${room}:${bucket.start}:participation:participation`,
      room,
      rule: 'participation',
      severity: level,
      metric: 'participation',
      value: bucket.participation!,
      threshold,
      bucket: bucket.start,
      at,
      message: `participation ${percent(bucket.participation!)} is below ${percent(threshold)} (${bucket.participants} of ${bucket.shown} viewers)`,
    });
  }
  for (const metric of WATCHED_METRICS) {
    const value = metricValue(bucket, metric);
    if (value === null) continue;
    const previous = history
      .filter((b) => b.viewers > 0)
      .map((b) => metricValue(b, metric))
      .filter((x): x is number => x !== null)
      .slice(-ROLLING_BUCKETS);
    if (previous.length < ROLLING_MIN_BUCKETS) continue;
    const mean = previous.reduce((a, b) => a + b, 0) / previous.length;
    if (mean === 0) continue;
    const deviation = (value - mean) / mean;
    if (Math.abs(deviation) <= DEVIATION_THRESHOLD) continue;
    alerts.push({
      id: `${room}:${bucket.start}:deviation:${metric}`,
      room,
      rule: 'deviation',
      severity: 'warning',
      metric,
      value,
      mean,
      deviation,
      bucket: bucket.start,
      at,
      message: `${metric} ${round(value)} is ${deviation > 0 ? 'up' : 'down'} ${percent(Math.abs(deviation))} from its rolling mean ${round(mean)}`,
    });
  }
  return { alerts, level };
}

const round = (x: number) => String(Math.round(x * 100) / 100);
