import { OnCueStage } from './stage.component.js';

export * from './stage.component.js';
export * from './interaction-widgets.js';

OnCueStage.define('oncue-stage');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-stage': OnCueStage;
  }
}
