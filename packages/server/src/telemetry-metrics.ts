import type { BucketMetrics, RoomMetrics, TelemetryEvent, VariantMetrics, WidgetMetrics } from '@oncue/protocol';
import type { TelemetryRecord } from './store.js';

/** Length of one metrics bucket by default: one minute. */
export const DEFAULT_METRICS_BUCKET_MS = 60_000;
/** How many buckets the metrics show, newest last. */
export const METRICS_BUCKETS = 30;

/** The time an event is counted at: the client's time, never later than its arrival (a skewed clock cannot push it into the future). */
export function eventTime(record: TelemetryRecord): number {
  return Math.min(record.event.at, record.receivedAt);
}

const who = (e: TelemetryEvent): string => e.viewer ?? `session:${e.session}`;
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * Per-bucket and per-widget metrics of one room from its telemetry records
 * (a pure function: the clock comes in as `now`).
 */
export function computeRoomMetrics(room: string, records: readonly TelemetryRecord[], now: number, bucketMs = DEFAULT_METRICS_BUCKET_MS): RoomMetrics {
  const lastStart = Math.floor(now / bucketMs) * bucketMs;
  const firstStart = lastStart - (METRICS_BUCKETS - 1) * bucketMs;
  const sorted = [...records].sort((a, b) => eventTime(a) - eventTime(b));
  /** When each viewer's action on each interaction was first accepted. */
  const acceptedAt = new Map<string, number>();
  for (const r of sorted) {
    const e = r.event;
    const key = `${who(e)}\u0000${e.interaction}`;
    if (e.type === 'accepted' && e.interaction && !acceptedAt.has(key)) acceptedAt.set(key, eventTime(r));
  }
  const buckets = Array.from({ length: METRICS_BUCKETS }, (_, i) => bucketFor(firstStart + i * bucketMs));
  const present = buckets.map(() => new Set<string>());
  const shownPairs = buckets.map(() => new Map<string, Set<string>>());
  for (const r of sorted) {
    const t = eventTime(r);
    if (t < firstStart || t >= lastStart + bucketMs) continue;
    const i = Math.floor((t - firstStart) / bucketMs);
    const b = buckets[i]!;
    const e = r.event;
    const viewer = who(e);
    present[i]!.add(viewer);
    if ((e.type === 'impression' || e.type === 'dwell') && e.interaction) {
      const seen = shownPairs[i]!.get(viewer) ?? new Set<string>();
      seen.add(e.interaction);
      shownPairs[i]!.set(viewer, seen);
    }
    if (e.type === 'submit') b.submitted[e.kind ?? 'unknown'] = (b.submitted[e.kind ?? 'unknown'] ?? 0) + 1;
    else if (e.type === 'accepted') b.accepted++;
    else if (e.type === 'rejected') {
      b.rejected++;
      if (e.code) b.rejections[e.code] = (b.rejections[e.code] ?? 0) + 1;
    } else if (e.type === 'connection' && e.state !== 'restored') b.connectionProblems++;
  }
  buckets.forEach((b, i) => {
    const end = b.start + bucketMs;
    b.viewers = present[i]!.size;
    b.shown = shownPairs[i]!.size;
    for (const [viewer, interactions] of shownPairs[i]!) {
      if ([...interactions].some((id) => (acceptedAt.get(`${viewer}\u0000${id}`) ?? Infinity) < end)) b.participants++;
    }
    b.participation = ratio(b.participants, b.shown);
    b.acceptance = ratio(b.accepted, b.accepted + b.rejected);
  });
  return { room, bucketMs, buckets, widgets: widgetMetrics(sorted, acceptedAt), events: records.length };
}

function bucketFor(start: number): BucketMetrics {
  return {
    start,
    viewers: 0,
    shown: 0,
    participants: 0,
    participation: null,
    submitted: {},
    accepted: 0,
    rejected: 0,
    acceptance: null,
    rejections: {},
    connectionProblems: 0,
  };
}

function widgetMetrics(sorted: readonly TelemetryRecord[], acceptedAt: ReadonlyMap<string, number>): WidgetMetrics[] {
  interface Acc {
    kind: string;
    impressions: number;
    dwell: Map<string, number>;
    viewers: Set<string>;
    variantOf: Map<string, number>;
  }
  const widgets = new Map<string, Acc>();
  for (const { event: e } of sorted) {
    if (!e.interaction) continue;
    let acc = widgets.get(e.interaction);
    if (!acc) widgets.set(e.interaction, (acc = { kind: e.kind ?? 'unknown', impressions: 0, dwell: new Map(), viewers: new Set(), variantOf: new Map() }));
    const viewer = who(e);
    if (e.type === 'impression') acc.impressions++;
    if (e.type === 'impression' || e.type === 'dwell') acc.viewers.add(viewer);
    if (e.type === 'dwell') acc.dwell.set(viewer, (acc.dwell.get(viewer) ?? 0) + (e.ms ?? 0));
    if (e.variant !== undefined && !acc.variantOf.has(viewer)) acc.variantOf.set(viewer, e.variant);
  }
  return [...widgets].map(([interaction, acc]) => {
    const took = (viewer: string) => acceptedAt.has(`${viewer}\u0000${interaction}`);
    const byVariant = new Map<number, VariantMetrics>();
    for (const [viewer, variant] of acc.variantOf) {
      const m = byVariant.get(variant) ?? { variant, viewers: 0, participants: 0, rate: null };
      m.viewers++;
      if (took(viewer)) m.participants++;
      m.rate = ratio(m.participants, m.viewers);
      byVariant.set(variant, m);
    }
    return {
      interaction,
      kind: acc.kind,
      impressions: acc.impressions,
      viewers: acc.viewers.size,
      participants: [...acc.viewers].filter(took).length,
      medianDwellMs: median([...acc.dwell.values()]),
      variants: [...byVariant.values()].sort((a, b) => a.variant - b.variant),
    };
  });
}

/** The median of `values` (the mean of the middle two for an even count); `null` when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
