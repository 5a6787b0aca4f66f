import { css } from 'lit';

/** What the quiz adds to the shared card (`cardStyles`): the countdown bar, answers, reveal, leaderboard. */
export const quizStyles = css`
  :host {
    --success-color: var(--oncue-success, #0a7d3b);
    --bar-color: var(--accent-color);
  }
  .status {
    align-items: center;
    justify-content: space-between;
  }
  .countdown {
    display: grid;
    gap: 0.25rem;
    min-inline-size: 8rem;
    color: var(--text-color);
    font-weight: 600;
  }
  .countdown.urgent {
    color: var(--danger-color);
  }
  .clock-track {
    display: block;
    block-size: 0.25rem;
    overflow: hidden;
    border-radius: 999px;
    background: color-mix(in srgb, var(--text-color) 8%, transparent);
  }
  .clock-bar {
    display: block;
    block-size: 100%;
    background: currentColor;
    transform: scaleX(var(--left, 0));
    transform-origin: left;
    transition: transform 0.5s linear;
  }
  .question {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .board {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .option.correct {
    border-color: var(--success-color);
    background: color-mix(in srgb, var(--success-color) 10%, var(--surface-color));
    color: var(--text-color);
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .tag.ok {
    --tag-color: var(--success-color);
  }
  .tag.mine {
    outline: 1px solid currentColor;
    background: none;
    color: inherit;
  }
  .option.wrong {
    border-color: var(--danger-color);
  }
  .mark {
    color: var(--accent-color);
  }
  :host(:dir(rtl)) .clock-bar {
    transform-origin: right;
  }
  .hint,
  .rank-line {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .live:empty {
    display: none;
  }
  .result {
    display: grid;
    gap: 0.125rem;
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--border-radius) / 2);
    background: color-mix(in srgb, var(--text-color) 6%, transparent);
  }
  .result-line {
    font-weight: 600;
  }
  .result.right .result-line {
    color: var(--success-color);
  }
  .score {
    font-size: 0.875em;
  }
  .board-title {
    margin: 0;
    font-weight: 600;
  }
  .board-row {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    min-block-size: 2.25rem;
    padding: 0.25rem 0.75rem;
    border-radius: calc(var(--border-radius) / 2);
    background: color-mix(in srgb, var(--text-color) 4%, transparent);
    font-variant-numeric: tabular-nums;
  }
  .board-row.mine {
    outline: 2px solid var(--accent-color);
    font-weight: 600;
  }
  .rank {
    min-inline-size: 1.5rem;
    font-weight: 600;
  }
  .who {
    flex: 1;
  }
  .rank-line {
    color: var(--text-color);
    font-weight: 600;
  }
  .reveal {
    display: grid;
    gap: 0.375rem;
    padding: 0.75em;
    border-radius: calc(var(--border-radius) / 2);
    background: color-mix(in srgb, var(--text-color) 4%, transparent);
    font-size: 0.875em;
  }
  .reveal-title {
    margin: 0;
    font-weight: 600;
  }
  .reveal-list {
    row-gap: 0.375rem;
  }
  .reveal-label {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
  }
  .reveal-option.correct .reveal-label {
    color: var(--success-color);
    font-weight: 600;
  }
  @media (prefers-reduced-motion: reduce) {
    .clock-bar {
      transition: none;
    }
  }
`;
