import { OnCueQuiz } from './quiz.component.js';

export * from './quiz.component.js';

OnCueQuiz.define('oncue-quiz');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-quiz': OnCueQuiz;
  }
}
