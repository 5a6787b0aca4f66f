import { TELEMETRY_SCHEMA_VERSION, type TelemetryBatch, type TelemetryEvent } from '@oncue/protocol';
import { reserveKeepalive } from './keepalive-budget.js';
import { parseRetryAfter } from './retry-after.js';
import type { TelemetrySink } from './telemetry-sink.js';

export interface HttpSinkOptions {
  url: string;
  /** Extra request headers (an API key, say). Any header but a CORS-safelisted one makes the browser send a preflight first. */
  headers?: Record<string, string>;
  /** Turns the batch into the body your endpoint expects (default: `{ v, events }`). */
  transform?: (batch: TelemetryBatch) => unknown;
  /** Default `application/json`. */
  contentType?: string;
}

/** HTTP statuses worth retrying: timeout, too many requests, server errors. */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * POSTs batches as JSON to any endpoint. 2xx: delivered; 408, 429, 5xx and
 * network errors: retried (honouring `Retry-After`); any other status: dropped.
 * While the page unloads the request uses `keepalive` when it fits the budget.
 */
export function httpSink(options: HttpSinkOptions): TelemetrySink {
  return {
    id: options.url,
    async send(events: TelemetryEvent[], { unloading }) {
      let release: (() => void) | undefined;
      try {
        const batch: TelemetryBatch = { v: TELEMETRY_SCHEMA_VERSION, events };
        const body = JSON.stringify(options.transform ? options.transform(batch) : batch);
        if (unloading) release = reserveKeepalive(new TextEncoder().encode(body).length);
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': options.contentType ?? 'application/json', ...options.headers },
          body,
          keepalive: !!release,
          credentials: 'omit',
        });
        if (response.ok) return { ok: true };
        if (isRetryable(response.status)) return { ok: false, retry: true, afterMs: parseRetryAfter(response.headers.get('retry-after')) };
        return { ok: false, retry: false };
      } catch {
        return { ok: false, retry: true };
      } finally {
        release?.();
      }
    },
  };
}

/**
 * The reference server's collector (`POST <server>/api/telemetry`). Sent as
 * `text/plain`, a CORS-safelisted type: no preflight, so a keepalive request
 * made while the page unloads is one request, not two.
 */
export function collectorSink(url: string): TelemetrySink {
  return httpSink({ url, contentType: 'text/plain;charset=UTF-8' });
}
