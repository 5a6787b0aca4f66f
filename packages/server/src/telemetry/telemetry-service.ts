import type { AlertSeverity, RoomDashboard, TelemetryAlert, TelemetryEvent } from '@oncue/protocol';
import { postAlert } from './alert-webhook.js';
import type { Logger } from '../logger.js';
import type { Store, TelemetryRecord } from '../store/store.js';
import { alertKey, AlertGroups } from './alert-groups.js';
import { DEFAULT_ALERT_MIN_VIEWERS, evaluateBucket } from './telemetry-alerts.js';
import { DEFAULT_METRICS_BUCKET_MS, METRICS_BUCKETS, RoomMetricsAggregate, ViewerBudget } from './telemetry-metrics.js';
import { realTimers, type Timers } from '../timers.js';

export interface TelemetryServiceOptions {
  store: Store;
  now: () => number;
  logger: Logger;
  timers?: Timers;
  /** Metrics bucket length, ms; default one minute. */
  bucketMs?: number;
  /** Alerts are POSTed here as JSON (see `AlertWebhookPayload`). */
  alertWebhook?: string;
  /** How long stored events are kept, ms; default {@link DEFAULT_TELEMETRY_RETENTION_MS}. Older ones are deleted about hourly. */
  retentionMs?: number;
  /** Viewer entries (viewer × bucket) the metrics of all rooms hold together; default `DEFAULT_MAX_TRACKED_VIEWERS`. */
  maxTrackedViewers?: number;
  /** Participation and deviation alerts fire only for buckets with at least this many viewers; default {@link DEFAULT_ALERT_MIN_VIEWERS}. */
  alertMinViewers?: number;
}

/** Stored telemetry events are kept 30 days by default. */
export const DEFAULT_TELEMETRY_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** How often expired events are deleted. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

interface RoomTelemetry {
  /** The metrics window's events, aggregated (no event is held). */
  aggregate: RoomMetricsAggregate;
  /** Start of the last bucket evaluated for alerts. */
  evaluated: number;
  level: AlertSeverity | 'ok';
  /** Raised alerts grouped per rule, for the dashboard. */
  alerts: AlertGroups;
}

/** Stored alerts read back to rebuild a room's groups. */
const ALERTS_READ = 500;

/** Lets the event loop run what waits (viewer messages, acks) between two pieces of collector work. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The collector's working side: stores events (de-duplicated by id by the
 * store), aggregates each active room's recent events in memory for its metrics
 * (counts and viewers per bucket, not the events: memory does not grow with
 * the event rate), and evaluates the alert rules once per completed bucket, a
 * little after it ends (late batches get a grace of a fifth of a bucket, at
 * most 5 s). Work on several rooms yields to the event loop between rooms, so
 * live viewers are never kept waiting behind a whole batch or a whole sweep.
 */
export class TelemetryService {
  private readonly rooms = new Map<string, Promise<RoomTelemetry>>();
  private readonly timers: Timers;
  private readonly bucketMs: number;
  private timer: unknown;
  private stopped = false;
  private readonly webhooks = new Set<Promise<unknown>>();
  private pruneTimer: unknown;
  private readonly viewerBudget: ViewerBudget;

  constructor(private readonly options: TelemetryServiceOptions) {
    this.timers = options.timers ?? realTimers;
    this.bucketMs = options.bucketMs ?? DEFAULT_METRICS_BUCKET_MS;
    this.viewerBudget = new ViewerBudget(options.maxTrackedViewers);
  }

  /** Starts the alert clock and the retention (expired events are deleted now and about hourly). */
  start(): void {
    this.schedule();
    this.prune();
  }

  /** Deletes the events stored longer than the retention; resolves with how many. */
  async forgetExpired(): Promise<number> {
    const cutoff = this.options.now() - (this.options.retentionMs ?? DEFAULT_TELEMETRY_RETENTION_MS);
    return this.options.store.forgetTelemetryBefore(cutoff);
  }

  /** Stops the alert clock and waits for webhooks in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clearTimeout(this.timer);
    this.timers.clearTimeout(this.pruneTimer);
    await Promise.allSettled([...this.webhooks]);
  }

  /** Stores a validated batch; answers how many events were new and how many were already stored. */
  async ingest(events: readonly TelemetryEvent[]): Promise<{ stored: number; duplicates: number }> {
    const receivedAt = this.options.now();
    const byRoom = new Map<string, TelemetryEvent[]>();
    for (const event of events) byRoom.set(event.room, [...(byRoom.get(event.room) ?? []), event]);
    let stored = 0;
    let first = true;
    for (const [room, list] of byRoom) {
      if (!first) await yieldToLoop();
      first = false;
      const state = await this.room(room);
      const added = await this.options.store.appendTelemetry(list, receivedAt);
      for (const record of added) state.aggregate.add(record);
      stored += added.length;
      this.trim(state);
    }
    return { stored, duplicates: events.length - stored };
  }

  /** The room's metrics over the last buckets and its alerts. */
  async dashboard(room: string): Promise<RoomDashboard> {
    const state = await this.room(room);
    const now = this.options.now();
    this.trim(state);
    return { ...state.aggregate.metrics(room, now), alerts: state.alerts.list(now), serverTime: now };
  }

  /** Every stored event of a room (for export), in arrival order. */
  records(room: string): Promise<TelemetryRecord[]> {
    return this.options.store.readTelemetry(room);
  }

  /** Evaluates the alert rules of every active room's last completed bucket (the clock calls it). */
  async evaluate(): Promise<TelemetryAlert[]> {
    const now = this.options.now();
    const raised: TelemetryAlert[] = [];
    for (const [room, loading] of [...this.rooms]) {
      await yieldToLoop();
      const state = await loading.catch(() => undefined);
      if (!state) continue;
      this.trim(state);
      if (state.aggregate.isEmpty() && state.alerts.lastSeen() < now - this.windowMs()) {
        this.rooms.delete(room); // nothing left to show: read again from the store if asked
        continue;
      }
      const { buckets } = state.aggregate.metrics(room, now);
      const completed = buckets.at(-2)!;
      const active = buckets.slice(-3, -1).some((b) => b.viewers > 0);
      if (!active || completed.start <= state.evaluated) continue;
      state.evaluated = completed.start;
      const { alerts, level } = evaluateBucket(
        room,
        completed,
        buckets.slice(0, -2),
        state.level,
        now,
        this.options.alertMinViewers ?? DEFAULT_ALERT_MIN_VIEWERS,
      );
      state.level = level;
      // Stored first: an alert raised again after a restart (same id) is neither shown twice nor sent twice.
      const fresh = alerts.length ? await this.options.store.appendAlerts(alerts) : [];
      for (const alert of fresh) state.alerts.add(alert);
      // Participation staying below its threshold raises nothing new, but keeps its group active.
      if (level !== 'ok') state.alerts.hold(alertKey({ rule: 'participation', metric: 'participation' }), completed.start);
      raised.push(...fresh);
    }
    const url = this.options.alertWebhook;
    if (url) {
      for (const alert of raised) {
        const sending = postAlert(url, alert, this.options.logger).finally(() => this.webhooks.delete(sending));
        this.webhooks.add(sending);
      }
    }
    for (const alert of raised) this.options.logger.warn(`alert (${alert.severity}) in ${alert.room}: ${alert.message}`);
    const untracked = this.viewerBudget.takeUntracked();
    if (untracked > 0)
      this.options.logger.warn(
        `telemetry metrics are full (${this.viewerBudget.max} viewer entries): ${untracked} viewers were counted without per-viewer metrics`,
      );
    return raised;
  }

  private prune(): void {
    if (this.stopped) return;
    this.forgetExpired().catch((err: unknown) => this.options.logger.error('deleting expired telemetry failed', err));
    this.pruneTimer = this.timers.setTimeout(() => this.prune(), PRUNE_EVERY_MS);
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.options.now();
    const grace = this.grace();
    const next = Math.floor((now - grace) / this.bucketMs) * this.bucketMs + this.bucketMs + grace;
    this.timer = this.timers.setTimeout(
      () => {
        this.schedule();
        this.evaluate().catch((err: unknown) => this.options.logger.error('telemetry alert evaluation failed', err));
      },
      Math.max(1, next - now),
    );
  }

  private room(room: string): Promise<RoomTelemetry> {
    let state = this.rooms.get(room);
    if (!state) {
      const since = this.options.now() - this.windowMs();
      state = Promise.all([this.options.store.readTelemetry(room, since), this.options.store.readAlerts(room, ALERTS_READ)]).then(([records, alerts]) => {
        const groups = new AlertGroups(this.bucketMs, this.grace(), this.windowMs());
        for (const alert of alerts) groups.add(alert);
        return {
          aggregate: this.aggregateOf(records),
          // Buckets already judged before a restart are not judged again.
          evaluated: Math.max(-Infinity, ...alerts.map((a) => a.bucket)),
          level: 'ok' as const,
          alerts: groups,
        };
      });
      state.catch(() => this.rooms.delete(room));
      this.rooms.set(room, state);
    }
    return state;
  }

  /** Buckets older than the metrics window (plus a bucket) leave memory; their events stay stored. */
  private trim(state: RoomTelemetry): void {
    state.aggregate.prune(this.options.now() - this.windowMs());
  }

  private aggregateOf(records: readonly TelemetryRecord[]): RoomMetricsAggregate {
    const aggregate = new RoomMetricsAggregate(this.bucketMs, this.viewerBudget);
    for (const record of records) aggregate.add(record);
    return aggregate;
  }

  /** How long after a bucket ends its alerts are evaluated (late batches still count). */
  private grace(): number {
    return Math.min(5000, this.bucketMs / 5);
  }

  private windowMs(): number {
    return (METRICS_BUCKETS + 1) * this.bucketMs;
  }
}
