import { css } from 'lit';

export const hostConsoleStyles = css`
  .base,
  .column {
    display: grid;
    gap: 1rem;
    align-content: start;
    min-inline-size: 0;
  }
  .console-head,
  .links,
  .label-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.25rem 1rem;
  }
  .room {
    margin: 0;
    font-size: 1.25em;
  }
  .room-label {
    color: var(--muted-color);
    font-size: 0.75em;
    font-weight: 400;
  }
  .links a {
    display: inline-flex;
    align-items: center;
    min-block-size: var(--tap-size);
    color: inherit;
    font-weight: 600;
  }
  .confirmation {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
  }
  .confirmation:empty {
    display: none;
  }
  .confirmation a {
    color: inherit;
    font-weight: 600;
  }
  .console {
    container: console / inline-size;
  }
  @container console (min-width: 56rem) {
    .columns {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 1rem;
      align-items: start;
    }
  }
  .counter {
    margin-inline-start: auto;
    color: var(--muted-color);
    font-size: 0.8125em;
    font-variant-numeric: tabular-nums;
  }
  .counter.over {
    color: var(--danger-color);
    font-weight: 600;
  }
  .option-row .counter {
    grid-column: 1;
    justify-self: end;
  }
  .option-row .field-error {
    grid-column: 1 / -1;
  }
  .form-foot {
    position: sticky;
    inset-block-end: 0;
    z-index: 1;
    display: grid;
    gap: 0.5rem;
    padding-block: 0.5rem;
    background: var(--surface-color);
    box-shadow: 0 -1px 0 var(--border-color);
  }
  .field[aria-invalid='true'] {
    border-color: var(--danger-color);
    outline-color: var(--danger-color);
  }
  .panel {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border: 1px solid var(--border-color);
    border-radius: var(--border-radius);
    background: var(--surface-color);
  }
  .heading {
    margin: 0;
    font-size: 1.125em;
  }
  .field-label,
  legend {
    font-weight: 600;
    font-size: 0.9375em;
  }
  .group {
    display: grid;
    gap: 0.5rem;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .group.inner legend {
    font-weight: 400;
    margin-block-end: 0.25rem;
  }
  .field {
    inline-size: 100%;
    min-block-size: var(--tap-size);
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--border-color);
    border-radius: calc(var(--border-radius) / 2);
    background: var(--surface-color);
    color: inherit;
    font: inherit;
  }
  textarea.field {
    resize: vertical;
  }
  .number {
    inline-size: 8rem;
  }
  .option-rows {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .option-row {
    display: grid;
    grid-template-columns: 1fr var(--tap-size);
    gap: 0.25rem 0.5rem;
  }
  .option-row .image {
    grid-row: 2;
    font-size: 0.875em;
  }
  .option-row .remove {
    grid-row: 1;
    grid-column: 2;
    padding: 0;
  }
  @media (min-width: 40rem) {
    .option-row {
      grid-template-columns: 2fr 1fr var(--tap-size);
    }
    .option-row .image {
      grid-row: 1;
      grid-column: 2;
    }
    .option-row .remove {
      grid-column: 3;
    }
  }
  .check,
  .inline {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: var(--tap-size);
  }
  .check input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    accent-color: var(--accent-color);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .button {
    min-block-size: var(--tap-size);
    min-inline-size: var(--tap-size);
    padding: 0.5rem 1rem;
    border: 1px solid var(--border-color);
    border-radius: var(--border-radius);
    background: var(--surface-color);
    cursor: pointer;
  }
  .button.primary {
    border-color: var(--accent-color);
    background: var(--accent-color);
    color: var(--on-accent-color);
    font-weight: 600;
  }
  .button:disabled {
    opacity: 0.4;
    background: transparent;
    cursor: not-allowed;
  }
  @media (hover: hover) {
    .button:not(:disabled):hover {
      border-color: currentColor;
    }
    .button.primary:not(:disabled):hover {
      border-color: var(--accent-color);
      filter: brightness(0.92);
    }
  }
  .hint {
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .list {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .item {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--border-color);
    border-radius: var(--border-radius);
  }
  .item-head,
  .item-foot {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .item-head {
    justify-content: flex-start;
  }
  .item-question {
    font-weight: 600;
  }
  .badge {
    padding: 0.125em 0.5em;
    border-radius: 999px;
    background: color-mix(in srgb, var(--text-color) 10%, transparent);
    font-size: 0.8125em;
    font-weight: 600;
  }
  .badge-open {
    background: var(--accent-color);
    color: var(--on-accent-color);
  }
  .tally {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tally-row {
    position: relative;
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.25rem 0.5rem;
    overflow: hidden;
    border-radius: calc(var(--border-radius) / 2);
  }
  .tally-label,
  .tally-count {
    position: relative;
  }
  .tally-count {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .bar {
    position: absolute;
    inset: 0;
    background: color-mix(in srgb, var(--accent-color) 18%, transparent);
    transform: scaleX(var(--share, 0));
    transform-origin: left;
    transition: transform 0.4s ease-out;
  }
  :host(:dir(rtl)) .bar {
    transform-origin: right;
  }
  .kind-options {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.25rem;
  }
  .item-prompt {
    margin: 0;
  }
  .tally-row.correct {
    font-weight: 600;
    outline: 2px solid var(--success-color, #0a7d3b);
    outline-offset: -2px;
  }
  .quiz-summary {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding-inline-start: 1.5rem;
  }
  .board {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .board-row {
    display: grid;
    grid-template-columns: 2.5rem 1fr auto;
    gap: 0.5rem;
    font-variant-numeric: tabular-nums;
  }
  .connection:empty,
  .sign-in .hint:empty {
    display: none;
  }
  .sign-in {
    max-inline-size: 32rem;
  }
  .sign-in .hint {
    margin: 0;
  }
  .sign-in-row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .sign-in-row .field {
    flex: 1 1 12rem;
    inline-size: auto;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar {
      transition: none;
    }
  }
`;
