import { interactionReporterChanged, type InteractionReport, type InteractionReporter } from '@oncue/core';
import type { ConsentState, telemetry } from '@oncue/telemetry';

/** How many widget reports {@link PendingTelemetry} keeps at most while the reporter loads; later ones are dropped. */
export const PENDING_REPORTS_MAX = 200;

/** A call the page made on `OnCue.telemetry` before the reporter arrived, replayed on it. */
export type TelemetryCall = (page: typeof telemetry) => unknown;

/**
 * The page's reporter while the real one (the telemetry chunk) is on its way. It keeps, in the order they
 * happened, the page's calls (`grantConsent()`, `configure(…)`, …) and up to {@link PENDING_REPORTS_MAX} of the
 * widgets' reports, and records exactly when the real reporter would (consent granted), so the widgets behave as
 * they will with it. {@link replay} hands everything to the real reporter once it runs.
 * Installed only when telemetry is going to start: with telemetry off the widgets report to nothing and nothing is kept.
 */
export class PendingTelemetry implements InteractionReporter {
  private log: Array<{ report: InteractionReport } | { call: TelemetryCall }> = [];
  private reports = 0;

  constructor(
    private consent: ConsentState,
    public heartbeatMs: number,
  ) {}

  get recording(): boolean {
    return this.consent === 'granted';
  }

  report(report: InteractionReport): void {
    if (!this.recording || this.reports >= PENDING_REPORTS_MAX) return;
    this.reports++;
    this.log.push({ report });
  }

  /** Keeps a call of the page for the reporter; consent changes show at once (the widgets on screen report once granted). */
  call(call: TelemetryCall, consent?: ConsentState): void {
    this.log.push({ call });
    if (consent && consent !== this.consent) {
      this.consent = consent;
      interactionReporterChanged();
    }
  }

  /** Replays everything kept, oldest first, on the page's telemetry and its reporter (once started); keeps nothing afterwards. */
  replay(page: typeof telemetry): void {
    const log = this.log.splice(0);
    this.reports = 0;
    for (const entry of log) {
      try {
        if ('call' in entry) entry.call(page);
        else page.reporter?.report(entry.report);
      } catch {
        // a call that fails on the reporter fails as it would have on it: silently
      }
    }
  }
}
