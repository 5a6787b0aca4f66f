import type { BucketMetrics, RoomMetrics, TelemetryEvent, VariantMetrics, WidgetMetrics } from '@oncue/protocol';
import type { TelemetryRecord } from '../store/store.js';

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
const pairKey = (viewer: string, interaction: string) => `${viewer}\u0000${interaction}`;

/** What one widget's events of one bucket add up to. */
interface WidgetSlot {
  kind: string;
  /** Time of the event the kind came from (the earliest wins). */
  kindAt: number;
  impressions: number;
  dwell: Map<string, number>;
  viewers: Set<string>;
  variantOf: Map<string, { variant: number; at: number }>;
}

/** What one bucket's events add up to: counts, and the viewers they came from (no event is kept). */
interface Slot {
  start: number;
  events: number;
  present: Set<string>;
  /** Viewer → interactions shown to them. */
  shown: Map<string, Set<string>>;
  submitted: Record<string, number>;
  accepted: number;
  rejected: number;
  rejections: Record<string, number>;
  connectionProblems: number;
  /** Viewer + interaction → earliest accepted action in this bucket. */
  acceptedAt: Map<string, number>;
  widgets: Map<string, WidgetSlot>;
}

/**
 * A budget of viewer entries shared by the aggregates of every room: one entry per viewer per
 * bucket. Once it is spent, further events still count (submissions, acceptance, rejections…)
 * but new viewers are not tracked until old buckets leave the window, so the collector's memory
 * stays bounded whatever is sent to it.
 */
export class ViewerBudget {
  used = 0;
  /** How many viewer entries were left untracked since the last {@link takeUntracked}. */
  private untracked = 0;

  constructor(readonly max = DEFAULT_MAX_TRACKED_VIEWERS) {}

  take(): boolean {
    if (this.used >= this.max) {
      this.untracked++;
      return false;
    }
    this.used++;
    return true;
  }

  release(count: number): void {
    this.used = Math.max(0, this.used - count);
  }

  /** Answers and resets the count of viewers left untracked (for a log line). */
  takeUntracked(): number {
    const n = this.untracked;
    this.untracked = 0;
    return n;
  }
}

/** Viewer entries (viewer × bucket) held by all rooms together by default: about 150 MB at most. */
export const DEFAULT_MAX_TRACKED_VIEWERS = 250_000;

/**
 * A room's telemetry aggregated as it arrives, one slot per bucket: memory grows with the distinct
 * viewers and widgets of a bucket, not with the events (a viewer's heartbeats of one minute cost
 * one entry). Events may arrive late or out of order; each is added to the bucket of its
 * {@link eventTime}. Slots older than the window are dropped with {@link prune}.
 */
export class RoomMetricsAggregate {
  private readonly slots = new Map<number, Slot>();

  constructor(
    private readonly bucketMs = DEFAULT_METRICS_BUCKET_MS,
    private readonly budget = new ViewerBudget(Infinity),
  ) {}

  /** Events held (in the slots not pruned yet). */
  get events(): number {
    let n = 0;
    for (const slot of this.slots.values()) n += slot.events;
    return n;
  }

  add(record: TelemetryRecord): void {
    const t = eventTime(record);
    const start = Math.floor(t / this.bucketMs) * this.bucketMs;
    let slot = this.slots.get(start);
    if (!slot) this.slots.set(start, (slot = emptySlot(start)));
    const e = record.event;
    const viewer = who(e);
    slot.events++;
    if (e.type === 'submit') slot.submitted[e.kind ?? 'unknown'] = (slot.submitted[e.kind ?? 'unknown'] ?? 0) + 1;
    else if (e.type === 'accepted') slot.accepted++;
    else if (e.type === 'rejected') {
      slot.rejected++;
      if (e.code) slot.rejections[e.code] = (slot.rejections[e.code] ?? 0) + 1;
    } else if (e.type === 'connection' && e.state !== 'restored') slot.connectionProblems++;
    // Per-viewer state only for viewers the budget lets this bucket track.
    if (!slot.present.has(viewer)) {
      if (!this.budget.take()) return;
      slot.present.add(viewer);
    }
    if ((e.type === 'impression' || e.type === 'dwell') && e.interaction) {
      let seen = slot.shown.get(viewer);
      if (!seen) slot.shown.set(viewer, (seen = new Set()));
      seen.add(e.interaction);
    }
    if (e.type === 'accepted' && e.interaction) {
      const key = pairKey(viewer, e.interaction);
      if (!(slot.acceptedAt.get(key)! <= t)) slot.acceptedAt.set(key, t);
    }
    if (!e.interaction) return;
    let widget = slot.widgets.get(e.interaction);
    if (!widget)
      slot.widgets.set(
        e.interaction,
        (widget = { kind: e.kind ?? 'unknown', kindAt: t, impressions: 0, dwell: new Map(), viewers: new Set(), variantOf: new Map() }),
      );
    else if (t < widget.kindAt) Object.assign(widget, { kind: e.kind ?? 'unknown', kindAt: t });
    if (e.type === 'impression') widget.impressions++;
    if (e.type === 'impression' || e.type === 'dwell') widget.viewers.add(viewer);
    if (e.type === 'dwell') widget.dwell.set(viewer, (widget.dwell.get(viewer) ?? 0) + (e.ms ?? 0));
    if (e.variant !== undefined && !((widget.variantOf.get(viewer)?.at ?? Infinity) <= t)) widget.variantOf.set(viewer, { variant: e.variant, at: t });
  }

  /** Drops the buckets that ended before `oldest`. */
  prune(oldest: number): void {
    for (const [start, slot] of this.slots) {
      if (start + this.bucketMs > oldest) continue;
      this.budget.release(slot.present.size);
      this.slots.delete(start);
    }
  }

  isEmpty(): boolean {
    return this.slots.size === 0;
  }

  /** Per-bucket metrics of the last {@link METRICS_BUCKETS} buckets up to `now`, and per-widget metrics over everything held. */
  metrics(room: string, now: number): RoomMetrics {
    const bucketMs = this.bucketMs;
    const lastStart = Math.floor(now / bucketMs) * bucketMs;
    const firstStart = lastStart - (METRICS_BUCKETS - 1) * bucketMs;
    const slots = [...this.slots.values()].sort((a, b) => a.start - b.start);
    /** When each viewer's action on each interaction was first accepted. */
    const acceptedAt = new Map<string, number>();
    for (const slot of slots) for (const [key, t] of slot.acceptedAt) if (!(acceptedAt.get(key)! <= t)) acceptedAt.set(key, t);
    const buckets = Array.from({ length: METRICS_BUCKETS }, (_, i): BucketMetrics => {
      const start = firstStart + i * bucketMs;
      const slot = this.slots.get(start);
      const end = start + bucketMs;
      let participants = 0;
      for (const [viewer, interactions] of slot?.shown ?? []) {
        if ([...interactions].some((id) => (acceptedAt.get(pairKey(viewer, id)) ?? Infinity) < end)) participants++;
      }
      const shown = slot?.shown.size ?? 0;
      const accepted = slot?.accepted ?? 0;
      const rejected = slot?.rejected ?? 0;
      return {
        start,
        viewers: slot?.present.size ?? 0,
        shown,
        participants,
        participation: ratio(participants, shown),
        submitted: { ...slot?.submitted },
        accepted,
        rejected,
        acceptance: ratio(accepted, accepted + rejected),
        rejections: { ...slot?.rejections },
        connectionProblems: slot?.connectionProblems ?? 0,
      };
    });
    return { room, bucketMs, buckets, widgets: widgetMetrics(slots, acceptedAt), events: this.events };
  }
}

function emptySlot(start: number): Slot {
  return {
    start,
    events: 0,
    present: new Set(),
    shown: new Map(),
    submitted: {},
    accepted: 0,
    rejected: 0,
    rejections: {},
    connectionProblems: 0,
    acceptedAt: new Map(),
    widgets: new Map(),
  };
}

/**
 * Per-bucket and per-widget metrics of one room from its telemetry records
 * (a pure function: the clock comes in as `now`).
 */
export function computeRoomMetrics(room: string, records: readonly TelemetryRecord[], now: number, bucketMs = DEFAULT_METRICS_BUCKET_MS): RoomMetrics {
  const aggregate = new RoomMetricsAggregate(bucketMs);
  for (const record of records) aggregate.add(record);
  return aggregate.metrics(room, now);
}

function widgetMetrics(slots: readonly Slot[], acceptedAt: ReadonlyMap<string, number>): WidgetMetrics[] {
  const widgets = new Map<string, WidgetSlot>();
  for (const slot of slots) {
    for (const [interaction, w] of slot.widgets) {
      let acc = widgets.get(interaction);
      if (!acc)
        widgets.set(interaction, (acc = { kind: w.kind, kindAt: w.kindAt, impressions: 0, dwell: new Map(), viewers: new Set(), variantOf: new Map() }));
      else if (w.kindAt < acc.kindAt) Object.assign(acc, { kind: w.kind, kindAt: w.kindAt });
      acc.impressions += w.impressions;
      for (const viewer of w.viewers) acc.viewers.add(viewer);
      for (const [viewer, ms] of w.dwell) acc.dwell.set(viewer, (acc.dwell.get(viewer) ?? 0) + ms);
      for (const [viewer, v] of w.variantOf) if (!((acc.variantOf.get(viewer)?.at ?? Infinity) <= v.at)) acc.variantOf.set(viewer, v);
    }
  }
  return [...widgets]
    .sort(([, a], [, b]) => a.kindAt - b.kindAt)
    .map(([interaction, acc]) => {
      const took = (viewer: string) => acceptedAt.has(pairKey(viewer, interaction));
      const byVariant = new Map<number, VariantMetrics>();
      for (const [viewer, { variant }] of acc.variantOf) {
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
