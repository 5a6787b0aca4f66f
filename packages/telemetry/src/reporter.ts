import {
  defaultStorage,
  idempotencyKey,
  interactionReporterChanged,
  type InteractionReport,
  type InteractionReporter,
  type KeyValueStorage,
} from '@oncue/core';
import { TELEMETRY_SCHEMA_VERSION, type TelemetryEvent } from '@oncue/protocol';
import { SendChannel } from './send-channel.js';
import { TelemetryQueue } from './telemetry-queue.js';
import { TelemetrySession } from './telemetry-session.js';
import type { TelemetrySink } from './telemetry-sink.js';

/** SDK version stamped on every event. */
export const SDK_VERSION = '0.1.0';

/** `pending`: nothing is stored or sent (events are dropped) until `grantConsent()`. */
export type ConsentState = 'granted' | 'pending' | 'denied';

export interface ReporterOptions {
  sinks: TelemetrySink[];
  /** Default `pending`: consent first. Pass `granted` when the page has it already (or needs none). */
  consent?: ConsentState;
  /** Share of sessions whose events are kept, 0–1; default 1. */
  sampleRate?: number;
  /** Most events queued per sink (oldest dropped beyond it); default 500. */
  maxQueue?: number;
  /** Events per request, and the count that triggers a send; default 20. */
  batchSize?: number;
  /** Longest an event waits before a send, ms; default 5000. */
  flushIntervalMs?: number;
  /** How often a visible widget reports its visible time, ms; default 30000. */
  heartbeatMs?: number;
  /** First and longest retry delay, ms; default 1000 and 60000. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Where queues live; default `localStorage` (in-memory where it is blocked); `null`: memory only. */
  storage?: KeyValueStorage | null;
  /** Where the session id and sequence live; default `sessionStorage`; `null`: memory only. */
  sessionStorage?: KeyValueStorage | null;
  random?: () => number;
}

export interface Reporter extends InteractionReporter {
  readonly consent: ConsentState;
  /** Starts storing and sending (and sends what an earlier page with consent left queued). */
  grantConsent(): void;
  /** Stops, and purges everything stored. */
  revokeConsent(): void;
  /** Forgets every queued event and the session, in storage too. Consent stays as it is. */
  purge(): void;
  /** Sends what is queued now; resolves when the requests are answered. */
  flush(): Promise<void>;
  /** Changes timing options (the flush interval, heartbeat) of a running reporter. */
  configure(options: Pick<ReporterOptions, 'heartbeatMs' | 'flushIntervalMs' | 'batchSize'>): void;
  /** Stops timers and page listeners; queued events stay stored. */
  close(): void;
}

/**
 * A telemetry reporter: stamps reports into {@link TelemetryEvent}s (id,
 * session, sequence, time, SDK version), queues them per sink and sends them
 * in batches; flushes with `keepalive` when the page is hidden or left.
 * Consent first: with consent `pending` or `denied` nothing is stored or sent.
 * No method throws.
 */
export function createReporter(options: ReporterOptions): Reporter {
  const timing = {
    batchSize: options.batchSize ?? 20,
    flushIntervalMs: options.flushIntervalMs ?? 5000,
    retryMinMs: options.retryMinMs ?? 1000,
    retryMaxMs: options.retryMaxMs ?? 60_000,
  };
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const session = new TelemetrySession(
    options.sessionStorage === undefined ? sessionStore() : options.sessionStorage,
    options.sampleRate ?? 1,
    options.random ?? Math.random,
  );
  const channels = options.sinks.map(
    (sink) => new SendChannel(sink, new TelemetryQueue(storage, `oncue:telemetry:queue:${sink.id}`, options.maxQueue ?? 500), timing),
  );
  let consent: ConsentState = options.consent ?? 'pending';
  /** Stamped events not yet written to the queues: one write per task, not one per event, keeps the widgets' click path light. */
  let pending: TelemetryEvent[] = [];
  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  const persist = () => {
    clearTimeout(persistTimer);
    persistTimer = undefined;
    const events = pending;
    pending = [];
    if (!events.length) return;
    session.save();
    for (const channel of channels) channel.add(events);
  };
  let heartbeatMs = options.heartbeatMs ?? 30_000;
  let closed = false;

  const guard =
    <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch {
        return fallback;
      }
    };
  const flushAll = (unloading: boolean) => (persist(), Promise.all(channels.map((c) => c.flush(unloading).catch(() => {})))).then(() => {});
  const onHide = guard(() => {
    if (consent === 'granted' && !closed) void flushAll(true);
  }, undefined);
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide();
  };
  const purge = guard(() => {
    pending = [];
    for (const channel of channels) channel.queue.clear();
    session.clear();
  }, undefined);

  if (typeof addEventListener === 'function') {
    addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
  }
  if (consent === 'granted') void flushAll(false);

  return {
    get consent() {
      return consent;
    },
    get heartbeatMs() {
      return heartbeatMs;
    },
    get recording() {
      return consent === 'granted' && !closed;
    },
    report: guard((report: InteractionReport) => {
      if (consent !== 'granted' || closed) return;
      const stamp = session.next();
      if (!stamp) return;
      pending.push({ v: TELEMETRY_SCHEMA_VERSION, id: idempotencyKey(), ...stamp, at: Date.now(), sdk: SDK_VERSION, ...report });
      persistTimer ??= setTimeout(guard(persist, undefined), 0);
    }, undefined),
    grantConsent: guard(() => {
      if (consent === 'granted') return;
      consent = 'granted';
      void flushAll(false);
      // Widgets already on screen report their impression now (the one they saw before consent was dropped).
      interactionReporterChanged();
    }, undefined),
    revokeConsent: guard(() => {
      consent = 'denied';
      purge();
      interactionReporterChanged();
    }, undefined),
    purge,
    flush: guard(() => (consent === 'granted' ? flushAll(false) : Promise.resolve()), Promise.resolve()),
    configure: guard((changes: Pick<ReporterOptions, 'heartbeatMs' | 'flushIntervalMs' | 'batchSize'>) => {
      if (changes.heartbeatMs) heartbeatMs = changes.heartbeatMs;
      if (changes.flushIntervalMs) timing.flushIntervalMs = changes.flushIntervalMs;
      if (changes.batchSize) timing.batchSize = changes.batchSize;
    }, undefined),
    close: guard(() => {
      persist();
      closed = true;
      for (const channel of channels) channel.stop();
      if (typeof removeEventListener === 'function') {
        removeEventListener('pagehide', onHide);
        document.removeEventListener('visibilitychange', onVisibility);
      }
    }, undefined),
  };
}

function sessionStore(): KeyValueStorage | null {
  try {
    globalThis.sessionStorage?.getItem('oncue:probe');
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}
