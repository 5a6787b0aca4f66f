import { OnCueStage } from './stage.component.js';
// The stage shows polls and quizzes: make sure <oncue-poll> and <oncue-quiz> are defined.
import '../poll/poll.js';
import '../quiz/quiz.js';

export * from './stage.component.js';
export * from './interaction-widgets.js';

OnCueStage.define('oncue-stage');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-stage': OnCueStage;
  }
}
