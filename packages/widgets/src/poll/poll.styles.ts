import { css } from 'lit';

/** What the poll adds to the shared card, option buttons and result list: the question, the winners, the submit button. */
export const pollStyles = css`
  :host {
    --bar-color: var(--accent-color);
  }
  .question {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .check {
    color: var(--accent-color);
  }
  .option.winner {
    border-color: var(--accent-color);
    background: color-mix(in srgb, var(--accent-color) 8%, var(--surface-color));
    color: var(--text-color);
  }
  .row:has(.winner) .result {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .submit {
    min-block-size: var(--tap-size);
    padding: 0.5rem 1rem;
    border: 0;
    border-radius: var(--border-radius);
    background: var(--accent-color);
    color: var(--on-accent-color);
    font-weight: 600;
    cursor: pointer;
    touch-action: manipulation;
  }
  .submit[aria-disabled='true'] {
    opacity: 0.5;
    cursor: default;
  }
`;
