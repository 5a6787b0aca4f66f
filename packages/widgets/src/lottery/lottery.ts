import { OnCueLottery } from './lottery.component.js';

export * from './lottery.component.js';

OnCueLottery.define('oncue-lottery');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-lottery': OnCueLottery;
  }
}
