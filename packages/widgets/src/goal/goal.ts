import { OnCueGoal } from './goal.component.js';

export * from './goal.component.js';

OnCueGoal.define('oncue-goal');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-goal': OnCueGoal;
  }
}
