import { LitElement } from 'lit';
import type { OnCueEventMap } from './events.js';

/** Base of every OnCue element: typed events and safe registration. */
export class OnCueElement extends LitElement {
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
