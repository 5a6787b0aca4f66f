import type { TelemetryEvent } from '@oncue/protocol';

/** What a sink made of one send. */
export type SendOutcome =
  /** Delivered (acknowledged): the events leave the queue for good. */
  | { ok: true }
  /** Worth trying again later (network error, 408, 429, 5xx); `afterMs` from `Retry-After`. */
  | { ok: false; retry: true; afterMs?: number }
  /** Refused for good (other 4xx): retrying would not help; the events are dropped. */
  | { ok: false; retry: false };

export interface SendOptions {
  /** The page is going away: the request must outlive it (`fetch` with `keepalive`, within the browser's budget). */
  unloading: boolean;
}

/** Where events go. A sink must not throw; the reporter catches anything it does throw and retries. */
export interface TelemetrySink {
  /** Stable name: the key of this sink's persisted queue (e.g. its URL). */
  readonly id: string;
  send(events: TelemetryEvent[], options: SendOptions): Promise<SendOutcome>;
}
