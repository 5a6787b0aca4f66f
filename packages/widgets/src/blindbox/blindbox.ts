import { OnCueBlindbox } from './blindbox.component.js';

export * from './blindbox.component.js';

OnCueBlindbox.define('oncue-blindbox');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-blindbox': OnCueBlindbox;
  }
}
