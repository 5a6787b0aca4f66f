import { css } from 'lit';

export const pollStyles = css`
  :host {
    --bar-color: var(--accent-color);
  }
  .question {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .options {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .check {
    color: var(--accent-color);
  }
  .row {
    display: grid;
    gap: 0.25rem;
  }
  .result {
    flex: none;
    font-size: 0.875em;
    font-weight: 400;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
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
  .connection:empty {
    display: none;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar {
      transition: none;
    }
  }
`;
