import { OnCueStage } from './stage.component.js';
// The stage shows polls: make sure <oncue-poll> is defined.
import '../poll/poll.js';

export * from './stage.component.js';
export * from './interaction-widgets.js';

OnCueStage.define('oncue-stage');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-stage': OnCueStage;
  }
}
