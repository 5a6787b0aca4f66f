import type { TelemetryEvent } from '@oncue/protocol';
import type { TelemetrySink } from './telemetry-sink.js';

/**
 * A sink that hands each batch to a function of the page (to forward events
 * to its own analytics). Resolving (or returning) means delivered; throwing or
 * rejecting means try again later. `name` keys its queue (default `callback`).
 */
export function callbackSink(callback: (events: TelemetryEvent[]) => void | Promise<void>, name = 'callback'): TelemetrySink {
  return {
    id: `callback:${name}`,
    async send(events) {
      try {
        await callback(events);
        return { ok: true };
      } catch {
        return { ok: false, retry: true };
      }
    },
  };
}
