import type { RoomConnection } from '@oncue/core';
import { property } from 'lit/decorators.js';
import { OnCueElement } from '../shared/oncue-element.js';

/**
 * Base of a kind's host elements (its form, its panel): the host `connection` the console lends, and a
 * `focus()` that moves to the element's first field, so the console can hand the keyboard over after sign-in.
 */
export class HostFormElement extends OnCueElement {
  /** A host connection (from `connect({ server, room, hostToken })`); not released by the element. */
  @property({ attribute: false }) connection?: RoomConnection;

  /** Focuses the first field of the element (the host element itself is not focusable). */
  override focus(options?: FocusOptions): void {
    this.renderRoot?.querySelector<HTMLElement>('textarea, input, select')?.focus(options);
  }
}
