import { LitElement } from 'lit';
import type { OnCueEventMap } from './events.js';
import { WidgetTelemetry, type ShownInteraction } from './widget-telemetry.js';

/**
 * Base of every OnCue element: typed events, safe registration, and impression
 * and dwell telemetry for whatever interaction {@link shownInteraction} names.
 */
export class OnCueElement extends LitElement {
  constructor() {
    super();
    new WidgetTelemetry(this, () => this.shownInteraction());
  }

  /** The interaction this element shows now, for telemetry; interaction widgets override it. */
  protected shownInteraction(): ShownInteraction | undefined {
    return undefined;
  }

  /**
   * Registers the class under `tag` unless the tag is already taken — a page
   * that loads the script twice (or two versions) keeps the first definition
   * instead of throwing.
   */
  static define(tag: string): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  /** Dispatches an OnCue event that bubbles out of shadow roots. */
  emit<K extends keyof OnCueEventMap>(name: K, detail: OnCueEventMap[K]): CustomEvent<OnCueEventMap[K]> {
    const event = new CustomEvent(name, { detail, bubbles: true, composed: true });
    this.dispatchEvent(event);
    return event;
  }
}
