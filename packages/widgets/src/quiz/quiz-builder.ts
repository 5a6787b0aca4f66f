import { OnCueQuizBuilder } from './quiz-builder.component.js';

export * from './quiz-builder.component.js';

OnCueQuizBuilder.define('oncue-quiz-builder');

declare global {
  interface HTMLElementTagNameMap {
    'oncue-quiz-builder': OnCueQuizBuilder;
  }
}
