import { OnCueCheer } from './cheer.component.js';

export * from './cheer.component.js';

OnCueCheer.define('oncue-cheer');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-cheer': OnCueCheer;
  }
}
