import { css } from 'lit';

/** What the quiz form adds to the console's form styles: each question's box, the "Correct" radio in each option row. */
export const quizBuilderStyles = css`
  .form {
    display: grid;
    gap: 0.75rem;
  }
  .question-set {
    padding: 0.75rem;
    border: 1px solid var(--border-color);
    border-radius: var(--border-radius);
  }
  .question-set > legend {
    padding-inline: 0.25rem;
  }
  .option-row.quiz-option {
    grid-template-columns: auto 1fr var(--tap-size);
  }
  .correct-choice {
    gap: 0.375rem;
    font-size: 0.875em;
  }
  .quiz-option .correct {
    accent-color: var(--success-color, #0a7d3b);
  }
  .quiz-option .image,
  .quiz-option .counter {
    grid-column: 2;
  }
  .quiz-option .image {
    grid-row: 2;
  }
  .quiz-option .remove {
    grid-row: 1;
    grid-column: 3;
  }
  @media (min-width: 40rem) {
    .option-row.quiz-option {
      grid-template-columns: auto 2fr 1fr var(--tap-size);
    }
    .quiz-option .image {
      grid-row: 1;
      grid-column: 3;
    }
    .quiz-option .remove {
      grid-column: 4;
    }
  }
  .question-foot,
  .template-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .template-row .field {
    flex: 1 1 12rem;
    inline-size: auto;
  }
`;
