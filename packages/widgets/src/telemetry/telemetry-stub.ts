import { interactionReporter, setInteractionReporter } from '@oncue/core';
import type { ConsentState, Reporter, ReporterOptions, telemetry as pageTelemetry } from '@oncue/telemetry';
import { PendingTelemetry, type TelemetryCall } from './pending-telemetry.js';

/** What {@link loadTelemetry} resolves to: `@oncue/telemetry` (`createReporter`, `httpSink`, `callbackSink`, `collectorSink`, `telemetry`, …). */
export type TelemetryModule = typeof import('./telemetry.js');

/** The reporter's own default (reporter.ts), for the widgets' heartbeat while it loads. */
const DEFAULT_HEARTBEAT_MS = 30_000;

let loading: Promise<TelemetryModule> | undefined;
let loaded: TelemetryModule | undefined;
/** Set from the moment telemetry is going to start until its chunk runs (or it is stopped first). */
let pending: PendingTelemetry | undefined;

/**
 * Loads the telemetry reporter (its chunk, the first time) and resolves to `@oncue/telemetry`:
 * `const { createReporter, httpSink } = await OnCue.loadTelemetry()`. A failed load is tried again on the next call.
 */
export function loadTelemetry(): Promise<TelemetryModule> {
  return (loading ??= import('./telemetry.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}

/** Installs `wait` as the page's reporter until the chunk runs `start`, then replays on the real one what `wait` kept. */
function startWhenLoaded(wait: PendingTelemetry, start: (module: TelemetryModule) => unknown): void {
  pending = wait;
  setInteractionReporter(wait);
  const drop = (): void => {
    if (pending !== wait) return;
    pending = undefined;
    if (interactionReporter() === wait) setInteractionReporter(undefined);
  };
  loadTelemetry().then((module) => {
    if (pending !== wait) return; // stopped (or started anew) meanwhile
    pending = undefined;
    start(module);
    if (interactionReporter() === wait) setInteractionReporter(undefined); // it did not start
    wait.replay(module.telemetry);
  }, drop);
}

const consentOf = (value: string | undefined): ConsentState => (value === 'granted' || value === 'denied' ? value : 'pending');

/**
 * Starts the page's telemetry from the script tag's `data-telemetry` (see `startFromScript` in `@oncue/telemetry`
 * for the attributes): fetches the telemetry chunk at once and, until it runs, keeps what the widgets report and
 * what the page calls on {@link telemetry}. Without `data-telemetry` it does nothing and nothing is fetched.
 */
export function startTelemetryFromScript(script: Element | null): void {
  const data = (script as HTMLElement | null)?.dataset;
  if (!data?.telemetry) return;
  const heartbeat = Number(data.telemetryHeartbeat);
  startWhenLoaded(new PendingTelemetry(consentOf(data.consent), heartbeat > 0 ? heartbeat : DEFAULT_HEARTBEAT_MS), (module) => module.startFromScript(script));
}

/** Runs `call` on the page's telemetry now when it runs, keeps it for the reporter when one is on its way, else does nothing (no reporter). */
function forward(call: TelemetryCall, consent?: ConsentState): void {
  if (pending) pending.call(call, consent);
  else if (loaded) call(loaded.telemetry);
}

/**
 * `OnCue.telemetry` in the script-tag SDK: the page's telemetry (`telemetry` of `@oncue/telemetry`) with the
 * reporter loaded on demand. Calls made before the reporter arrives (`grantConsent()`, `configure(…)`, …, in the
 * next inline script) are kept and replayed on it, in order; without telemetry (no `data-telemetry`, no `start`)
 * they do nothing, as they do without a reporter. Never throws.
 */
export const telemetry = {
  /**
   * Starts the page's reporter (replacing one started before). Returns it when the reporter is loaded already
   * (after `await OnCue.loadTelemetry()`, where the sinks come from); otherwise loads it, starts it then, and
   * returns `undefined`.
   */
  start(options: ReporterOptions): Reporter | undefined {
    if (pending) pending.call((page) => page.start(options), options.consent ?? 'pending');
    else if (loaded) return loaded.telemetry.start(options);
    else
      startWhenLoaded(new PendingTelemetry(options.consent ?? 'pending', options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS), (module) =>
        module.telemetry.start(options),
      );
    return undefined;
  },
  /** The running reporter; `undefined` while it loads. */
  get reporter(): Reporter | undefined {
    return pending ? undefined : loaded?.telemetry.reporter;
  },
  grantConsent: (): void => forward((page) => page.grantConsent(), 'granted'),
  revokeConsent: (): void => forward((page) => page.revokeConsent(), 'denied'),
  purge: (): void => forward((page) => page.purge()),
  /** Resolves once what the reporter holds is sent (after it loaded, when it is on its way). */
  flush(): Promise<void> {
    if (pending)
      return loadTelemetry().then(
        (module) => module.telemetry.flush(),
        () => undefined,
      );
    return loaded ? loaded.telemetry.flush() : Promise.resolve();
  },
  configure(options: Parameters<typeof pageTelemetry.configure>[0]): void {
    if (pending && options.heartbeatMs) pending.heartbeatMs = options.heartbeatMs;
    forward((page) => page.configure(options));
  },
  /** Stops the reporter (or the one on its way: it then never starts); widgets report nowhere afterwards. */
  stop(): void {
    if (pending) {
      pending = undefined;
      setInteractionReporter(undefined);
    } else loaded?.telemetry.stop();
  },
};
