import { retryDelay } from '@oncue/core';
import type { TelemetryEvent } from '@oncue/protocol';
import { KEEPALIVE_MAX_BYTES } from './keepalive-budget.js';
import type { TelemetryQueue } from './telemetry-queue.js';
import type { SendOutcome, TelemetrySink } from './telemetry-sink.js';

export interface ChannelOptions {
  batchSize: number;
  flushIntervalMs: number;
  retryMinMs: number;
  retryMaxMs: number;
}

/**
 * Delivers one sink's queue: a batch goes out when `batchSize` events wait or
 * `flushIntervalMs` after the first one; a failed send is retried after a
 * jittered exponential delay (or the server's `Retry-After`, if longer). An
 * event leaves the queue only once the sink acknowledged it (or refused it for
 * good), so nothing acknowledged is sent twice and nothing unacknowledged is lost.
 */
export class SendChannel {
  /** Ids of events in a request right now. */
  private readonly inFlight = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private stopped = false;

  constructor(
    readonly sink: TelemetrySink,
    readonly queue: TelemetryQueue,
    private readonly options: ChannelOptions,
  ) {}

  add(events: TelemetryEvent[]): void {
    this.queue.add(events);
    this.schedule();
  }

  /** Sends what is waiting now (batch after batch); with `unloading`, every batch at once with `keepalive`. */
  async flush(unloading = false): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.stopped || (this.retryTimer && !unloading)) return;
    if (unloading) {
      const sends: Promise<unknown>[] = [];
      for (let batch = this.nextBatch(); batch.length; batch = this.nextBatch()) sends.push(this.send(batch, true));
      await Promise.all(sends);
      return;
    }
    for (let batch = this.nextBatch(); batch.length; batch = this.nextBatch()) {
      if (!(await this.send(batch, false))) return;
    }
  }

  /** Stops timers; queued events stay (in storage) for the next page. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.retryTimer);
  }

  private schedule(): void {
    if (this.stopped || this.retryTimer) return;
    const waiting = this.queue.list().filter((e) => !this.inFlight.has(e.id)).length;
    if (waiting >= this.options.batchSize) void this.flush();
    else if (waiting && !this.flushTimer) this.flushTimer = setTimeout(() => void this.flush(), this.options.flushIntervalMs);
  }

  /** Up to `batchSize` queued events not in flight, small enough for one keepalive request. */
  private nextBatch(): TelemetryEvent[] {
    const batch: TelemetryEvent[] = [];
    let bytes = 32;
    for (const event of this.queue.list()) {
      if (this.inFlight.has(event.id)) continue;
      const size = JSON.stringify(event).length + 1;
      if (batch.length >= this.options.batchSize || (batch.length && bytes + size > KEEPALIVE_MAX_BYTES)) break;
      batch.push(event);
      bytes += size;
    }
    return batch;
  }

  /** One request; resolves `true` when the batch left the queue (delivered or dropped). */
  private async send(batch: TelemetryEvent[], unloading: boolean): Promise<boolean> {
    const ids = new Set(batch.map((e) => e.id));
    for (const id of ids) this.inFlight.add(id);
    let outcome: SendOutcome;
    try {
      outcome = await this.sink.send(batch, { unloading });
    } catch {
      outcome = { ok: false, retry: true };
    } finally {
      for (const id of ids) this.inFlight.delete(id);
    }
    if (outcome.ok || !outcome.retry) {
      this.queue.remove(ids);
      this.attempt = 0;
      return true;
    }
    if (!this.retryTimer && !this.stopped) {
      const delay = Math.max(retryDelay(this.attempt++, this.options.retryMinMs, this.options.retryMaxMs), outcome.afterMs ?? 0);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.flush();
      }, delay);
    }
    return false;
  }
}
