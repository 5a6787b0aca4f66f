import { OnCueGoalPanel } from './goal-panel.component.js';

export * from './goal-panel.component.js';

OnCueGoalPanel.define('oncue-goal-panel');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-goal-panel': OnCueGoalPanel;
  }
}
