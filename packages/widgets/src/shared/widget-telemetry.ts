import { interactionReporter, isRecordingInteractions, onInteractionReporterChange, reportInteraction, type InteractionReport } from '@oncue/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a widget shows, for impression and dwell reports. */
export type ShownInteraction = Required<Pick<InteractionReport, 'room' | 'interaction' | 'kind'>> & Pick<InteractionReport, 'viewer' | 'variant'>;

/** Share of the widget that must be on screen for it to count as seen. */
const VISIBLE_RATIO = 0.5;

/**
 * Reports what a viewer sees of a widget: one `impression` when it first
 * becomes visible (half of it on screen, page visible), and `dwell` events
 * with the visible time, sent when it stops being visible (scrolled away, tab
 * hidden, page left, removed) and every heartbeat while it stays visible.
 * Uses IntersectionObserver and the Page Visibility API; reports go to the
 * page's reporter through the core (nothing happens without one). An
 * impression made while nothing records (no reporter yet, consent pending)
 * does not count: the widget reports it when the page's reporter starts
 * recording, if it is still on screen then.
 */
export class WidgetTelemetry implements ReactiveController {
  private shown: ShownInteraction | undefined;
  private impressed = false;
  private intersecting = false;
  /** When the current visible stretch (or its last heartbeat) began. */
  private since: number | undefined;
  private observer: IntersectionObserver | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private stopListening: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly target: () => ShownInteraction | undefined,
  ) {
    host.addController(this);
  }

  /** Starts watching once the element shows an interaction (elements that never do cost nothing). */
  private watch(): void {
    if (this.observer || typeof IntersectionObserver !== 'function') return;
    this.observer = new IntersectionObserver(
      (entries) => {
        this.intersecting = entries.at(-1)!.intersectionRatio >= VISIBLE_RATIO;
        this.evaluate();
      },
      { threshold: [0, VISIBLE_RATIO, 1] },
    );
    this.observer.observe(this.host);
    this.stopListening = onInteractionReporterChange(this.onReporterChange);
    document.addEventListener('visibilitychange', this.evaluate);
    addEventListener('pagehide', this.onPageHide);
  }

  hostUpdated(): void {
    const next = this.target();
    if (next) this.watch();
    if (next?.interaction !== this.shown?.interaction || next?.room !== this.shown?.room) {
      this.endStretch();
      this.impressed = false;
    }
    this.shown = next;
    this.evaluate();
  }

  hostDisconnected(): void {
    this.endStretch();
    this.observer?.disconnect();
    this.observer = undefined;
    this.intersecting = false;
    this.stopListening?.();
    this.stopListening = undefined;
    document.removeEventListener('visibilitychange', this.evaluate);
    removeEventListener('pagehide', this.onPageHide);
  }

  private readonly onPageHide = (): void => this.endStretch();

  /** A reporter came, went, or started or stopped recording: restart the visible stretch under it (impression, heartbeat). */
  private readonly onReporterChange = (): void => {
    this.endStretch();
    this.evaluate();
  };

  private readonly evaluate = (): void => {
    const visible = !!this.shown && this.intersecting && document.visibilityState === 'visible';
    if (!visible) return this.endStretch();
    if (this.since !== undefined) return;
    this.since = Date.now();
    if (!this.impressed && isRecordingInteractions()) {
      this.impressed = true;
      this.report('impression');
    }
    const every = interactionReporter()?.heartbeatMs;
    if (every) this.heartbeat = setInterval(() => this.reportDwell(), every);
  };

  /** Reports the visible time so far and stops counting. */
  private endStretch(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.reportDwell();
    this.since = undefined;
  }

  private reportDwell(): void {
    if (this.since === undefined) return;
    const now = Date.now();
    const ms = now - this.since;
    this.since = now;
    if (ms > 0) this.report('dwell', ms);
  }

  private report(type: 'impression' | 'dwell', ms?: number): void {
    if (this.shown) reportInteraction({ ...this.shown, type, ms });
  }
}
