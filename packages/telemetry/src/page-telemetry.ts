import { setInteractionReporter } from '@oncue/core';
import { collectorSink } from './http-sink.js';
import { createReporter, type ConsentState, type Reporter, type ReporterOptions } from './reporter.js';

let current: Reporter | undefined;

/**
 * The page's telemetry (`OnCue.telemetry` in the script-tag bundle): one
 * reporter that every widget reports through. Every method is safe to call
 * before `start()` (it does nothing then) and never throws.
 */
export const telemetry = {
  /** Starts the page's reporter (replacing one started before) and routes every widget's reports to it. */
  start(options: ReporterOptions): Reporter {
    current?.close();
    current = createReporter(options);
    setInteractionReporter(current);
    return current;
  },
  /** The running reporter, if any. */
  get reporter(): Reporter | undefined {
    return current;
  },
  grantConsent: () => current?.grantConsent(),
  revokeConsent: () => current?.revokeConsent(),
  purge: () => current?.purge(),
  flush: () => current?.flush() ?? Promise.resolve(),
  configure: (options: Parameters<Reporter['configure']>[0]) => current?.configure(options),
  /** Stops the reporter; widgets report nowhere afterwards. */
  stop(): void {
    current?.close();
    current = undefined;
    setInteractionReporter(undefined);
  },
};

/**
 * Starts the page's reporter from the script tag's `data-` attributes, when it has `data-telemetry`:
 *
 * - `data-telemetry="https://live.example.com/api/telemetry"`: the collector URL (relative URLs are resolved against the page);
 * - `data-consent="granted"`: the page has consent already (default: pending until `OnCue.telemetry.grantConsent()`);
 * - `data-telemetry-sample="0.25"`: share of sessions reported;
 * - `data-telemetry-heartbeat="30000"`: how often a visible widget reports its visible time, ms.
 */
export function startFromScript(script: Element | null): Reporter | undefined {
  try {
    const data = (script as HTMLElement | null)?.dataset;
    if (!data?.telemetry) return undefined;
    const number = (value: string | undefined) => (value === undefined || value === '' || Number.isNaN(Number(value)) ? undefined : Number(value));
    return telemetry.start({
      sinks: [collectorSink(new URL(data.telemetry, document.baseURI).href)],
      consent: (['granted', 'pending', 'denied'] as const).includes(data.consent as ConsentState) ? (data.consent as ConsentState) : 'pending',
      sampleRate: number(data.telemetrySample),
      heartbeatMs: number(data.telemetryHeartbeat),
    });
  } catch {
    return undefined;
  }
}
