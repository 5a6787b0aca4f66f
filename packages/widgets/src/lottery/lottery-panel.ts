import { OnCueLotteryPanel } from './lottery-panel.component.js';

export * from './lottery-panel.component.js';

OnCueLotteryPanel.define('oncue-lottery-panel');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-lottery-panel': OnCueLotteryPanel;
  }
}
