import type { RoomState } from '@oncue/core';
import type { RoomFixture } from './fixture-connection.js';

/** One cell of the gallery: a widget in one named state. */
export interface GalleryState {
  /** The state's name, shown as the cell's heading ("open", "voted", "closed", …). */
  name: string;
  /** The room the widget sees. */
  fixture: RoomFixture;
  /** Attributes of the element besides `lang` (`interaction`, `goal`, …). */
  attributes?: Record<string, string>;
  /** What a person does once it is shown (tap an option to see a refusal): run after the first render. */
  play?: (element: HTMLElement) => void | Promise<void>;
}

/** One widget of the gallery: its tag and its states. */
export interface GalleryWidget {
  /** The element's tag, e.g. `oncue-poll`. */
  tag: string;
  /** What the section is called. */
  title: string;
  states: GalleryState[];
}

/** The fixtures' clock: every time in them is relative to when the page loaded, and their rooms' clocks stand still there (see `RoomFixture.now`). */
export const NOW = Date.now();

/** A synced room holding `state` (the rest empty). */
export function room(state: Partial<RoomState>): RoomState {
  return { version: 1, interactions: [], mine: {}, personal: {}, synced: true, ...state };
}

/** Clicks the first element matching `selector` in `element`'s shadow root, once it is there. */
export async function tap(element: HTMLElement, selector: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const target = element.shadowRoot?.querySelector<HTMLElement>(selector);
    if (target) return target.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${element.localName}: nothing matches ${selector}`);
}
