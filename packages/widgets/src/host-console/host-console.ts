import { OnCueHostConsole } from './host-console.component.js';
import './lottery-panel.js';

export * from './host-console.component.js';

OnCueHostConsole.define('oncue-host-console');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-host-console': OnCueHostConsole;
  }
}
