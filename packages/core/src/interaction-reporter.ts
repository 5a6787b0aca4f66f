import { assignVariant, type InteractionView, type TelemetryEvent } from '@oncue/protocol';

/** What the core and the widgets report: an event without the fields the reporter adds (id, seq, session, time, SDK version). */
export type InteractionReport = Pick<TelemetryEvent, 'type' | 'room' | 'interaction' | 'kind' | 'viewer' | 'variant' | 'code' | 'ms' | 'state'>;

/** Where reports go: the page's telemetry reporter (`@oncue/telemetry`) implements it. */
export interface InteractionReporter {
  report(report: InteractionReport): void;
  /** How often a widget reports the visible time of a widget still in view, ms. */
  readonly heartbeatMs: number;
  /**
   * Whether reports are kept now (false while consent is pending or denied); absent means they are.
   * A reporter that starts keeping them calls {@link interactionReporterChanged}.
   */
  readonly recording?: boolean;
}

let current: InteractionReporter | undefined;
const listeners = new Set<() => void>();

/** Sets (or with `undefined` removes) the page's reporter. Without one, reports go nowhere. */
export function setInteractionReporter(reporter: InteractionReporter | undefined): void {
  current = reporter;
  interactionReporterChanged();
}

/** Whether a report made now is kept: there is a reporter and it records (consent granted). */
export function isRecordingInteractions(): boolean {
  return current !== undefined && current.recording !== false;
}

/**
 * Calls `listener` whenever the page's reporter is set or removed, or starts or stops recording
 * (widgets on screen then report their impression: one made before consent was dropped). Returns the unsubscribe.
 */
export function onInteractionReporterChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Tells the widgets the reporter changed (a reporter calls it when consent is granted or revoked). */
export function interactionReporterChanged(): void {
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch {
      // a widget must not break the reporter
    }
  }
}

/** The page's reporter, if any. */
export function interactionReporter(): InteractionReporter | undefined {
  return current;
}

/** Hands a report to the page's reporter; whatever the reporter does wrong stays here (never reaches the caller). */
export function reportInteraction(report: InteractionReport): void {
  try {
    current?.report(report);
  } catch {
    // a reporter must not break the widgets
  }
}

/** The A/B variant `viewer` sees of an interaction, when it has variants (`variants` holds the alternatives to the original). */
export function variantOf(view: InteractionView | undefined, viewer: string | undefined): number | undefined {
  const alternatives = view && 'variants' in view ? view.variants?.length : undefined;
  if (!alternatives || !viewer || !view) return undefined;
  return assignVariant(view.id, viewer, alternatives + 1);
}
