import { describe, expect, it } from 'vitest';
import type { TelemetryEvent } from '@oncue/protocol';
import type { TelemetryRecord } from '../store/store.js';
import { telemetryEvent } from '../../test/telemetry-event.js';
import { computeRoomMetrics, median, METRICS_BUCKETS, RoomMetricsAggregate, ViewerBudget } from './telemetry-metrics.js';

const MIN = 60_000;
const T0 = 100 * MIN; // a bucket boundary
const rec = (fields: Partial<TelemetryEvent>, receivedAt = fields.at ?? 0): TelemetryRecord => ({ event: telemetryEvent(fields), receivedAt });

describe('computeRoomMetrics', () => {
  it('counts viewers present, participation, submissions by kind, acceptance and rejections per minute', () => {
    const records = [
      // minute 0: three viewers see poll-1; two vote, one is refused once then accepted; b and c also use a quiz.
      rec({ type: 'impression', viewer: 'a', at: T0 + 1000 }),
      rec({ type: 'impression', viewer: 'b', at: T0 + 2000 }),
      rec({ type: 'impression', viewer: 'c', at: T0 + 3000 }),
      rec({ type: 'submit', viewer: 'a', at: T0 + 4000 }),
      rec({ type: 'accepted', viewer: 'a', at: T0 + 4100 }),
      rec({ type: 'submit', viewer: 'b', at: T0 + 5000 }),
      rec({ type: 'rejected', viewer: 'b', code: 'rate_limited', at: T0 + 5100 }),
      rec({ type: 'submit', viewer: 'b', at: T0 + 6000 }),
      rec({ type: 'accepted', viewer: 'b', at: T0 + 6100 }),
      rec({ type: 'submit', viewer: 'c', kind: 'quiz', interaction: 'quiz-1', at: T0 + 7000 }),
      rec({ type: 'connection', viewer: 'd', interaction: undefined, kind: undefined, state: 'reconnecting', at: T0 + 8000 }),
      // minute 1: a and c still watch poll-1 (dwell); a took part before, c never did.
      rec({ type: 'dwell', viewer: 'a', ms: 30_000, at: T0 + MIN + 1000 }),
      rec({ type: 'dwell', viewer: 'c', ms: 10_000, at: T0 + MIN + 2000 }),
    ];
    const metrics = computeRoomMetrics('r', records, T0 + MIN + 30_000, MIN);
    expect(metrics.buckets).toHaveLength(METRICS_BUCKETS);
    const [m0, m1] = metrics.buckets.slice(-2);
    expect(m0).toMatchObject({
      start: T0,
      viewers: 4,
      shown: 3,
      participants: 2,
      submitted: { poll: 3, quiz: 1 },
      accepted: 2,
      rejected: 1,
      rejections: { rate_limited: 1 },
      connectionProblems: 1,
    });
    expect(m0!.participation).toBeCloseTo(2 / 3);
    expect(m0!.acceptance).toBeCloseTo(2 / 3);
    expect(m1).toMatchObject({ start: T0 + MIN, viewers: 2, shown: 2, participants: 1, participation: 0.5, acceptance: null, submitted: {} });
    expect(metrics.buckets[0]).toMatchObject({ viewers: 0, participation: null });
  });

  it('gives the median dwell per widget over each viewer’s total, and per-variant results', () => {
    const records = [
      rec({ type: 'impression', viewer: 'a', variant: 0, at: T0 }),
      rec({ type: 'impression', viewer: 'b', variant: 1, at: T0 }),
      rec({ type: 'impression', viewer: 'c', variant: 1, at: T0 }),
      rec({ type: 'dwell', viewer: 'a', variant: 0, ms: 1000, at: T0 + 1 }),
      rec({ type: 'dwell', viewer: 'a', variant: 0, ms: 5000, at: T0 + 2 }),
      rec({ type: 'dwell', viewer: 'b', variant: 1, ms: 2000, at: T0 + 3 }),
      rec({ type: 'dwell', viewer: 'c', variant: 1, ms: 9000, at: T0 + 4 }),
      rec({ type: 'accepted', viewer: 'b', variant: 1, at: T0 + 5 }),
    ];
    const [widget] = computeRoomMetrics('r', records, T0 + 10, MIN).widgets;
    expect(widget).toMatchObject({ interaction: 'poll-1', kind: 'poll', impressions: 3, viewers: 3, participants: 1, medianDwellMs: 6000 });
    expect(widget!.variants).toEqual([
      { variant: 0, viewers: 1, participants: 0, rate: 0 },
      { variant: 1, viewers: 2, participants: 1, rate: 0.5 },
    ]);
  });

  it('counts an event at its client time but never after it arrived, and leaves out what is older than the window', () => {
    const records = [rec({ viewer: 'future', at: T0 + 10 * MIN }, T0 + 5), rec({ viewer: 'old', at: T0 - METRICS_BUCKETS * MIN }, T0)];
    const { buckets } = computeRoomMetrics('r', records, T0 + 30_000, MIN);
    expect(buckets.at(-1)).toMatchObject({ start: T0, viewers: 1 });
    expect(buckets.reduce((n, b) => n + b.viewers, 0)).toBe(1);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([])).toBe(null);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('holds no event: the aggregate gives the same metrics as the records, and drops buckets that leave the window', () => {
    const records = Array.from({ length: 600 }, (_, i) =>
      rec({ type: i % 3 ? 'dwell' : 'impression', viewer: `v${i % 4}`, ms: 100, at: T0 + (i % 120) * 1000 }),
    );
    const aggregate = new RoomMetricsAggregate(MIN);
    for (const r of records) aggregate.add(r);
    expect(aggregate.metrics('r', T0 + 2 * MIN)).toEqual(computeRoomMetrics('r', records, T0 + 2 * MIN, MIN));
    expect(aggregate.events).toBe(600);
    aggregate.prune(T0 + MIN);
    expect(aggregate.events).toBe(300);
    aggregate.prune(T0 + 2 * MIN);
    expect(aggregate.isEmpty()).toBe(true);
  });

  it('tracks at most the viewer budget shared by all rooms, still counting every event, and frees it as buckets leave', () => {
    const budget = new ViewerBudget(3);
    const a = new RoomMetricsAggregate(MIN, budget);
    const b = new RoomMetricsAggregate(MIN, budget);
    for (let i = 0; i < 5; i++) a.add(rec({ type: 'submit', viewer: `a${i}`, at: T0 + i }));
    b.add(rec({ type: 'submit', viewer: 'b0', at: T0 }));
    expect(a.metrics('a', T0 + 10).buckets.at(-1)).toMatchObject({ viewers: 3, submitted: { poll: 5 } });
    expect(b.metrics('b', T0 + 10).buckets.at(-1)).toMatchObject({ viewers: 0, submitted: { poll: 1 } });
    expect(budget.takeUntracked()).toBe(3);
    a.prune(T0 + MIN);
    b.add(rec({ type: 'submit', viewer: 'b1', at: T0 + MIN }));
    expect(b.metrics('b', T0 + MIN + 10).buckets.at(-1)).toMatchObject({ viewers: 1 });
    expect(budget.used).toBe(1);
  });
});
