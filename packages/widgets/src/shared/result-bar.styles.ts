import { css } from 'lit';

/**
 * Result lists (poll tallies, quiz answer shares) whose bars compare: a `.results` list is a three-column grid
 * (track, count, percentage) that each row (`li`) and its `.result-row` share through subgrid, so every track has
 * the same width whatever the label or the numbers, and counts and percentages line up in tabular columns. The bar
 * is scaled by `--share` (0–1) in `--bar-color`, mirrored right to left, and glides to a new value (no motion under
 * `prefers-reduced-motion`). Anything else in a row (the option button, a label) spans the whole row.
 */
export const resultBarStyles = css`
  .results {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    gap: 0.5rem 0.625rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .results > li,
  .result-row {
    display: grid;
    grid-column: 1 / -1;
    grid-template-columns: minmax(0, 1fr) auto auto;
    grid-template-columns: subgrid;
    align-items: center;
    row-gap: 0.25rem;
  }
  .results > li > :not(.result-row) {
    grid-column: 1 / -1;
  }
  .track {
    block-size: 0.5rem;
    margin-inline-start: 0.25rem;
    overflow: hidden;
    border-radius: 999px;
    background: color-mix(in srgb, var(--text-color) 10%, transparent);
  }
  .bar {
    display: block;
    block-size: 100%;
    background: var(--bar-color);
    transform: scaleX(var(--share, 0));
    transform-origin: left;
    transition: transform 0.4s ease-out;
  }
  :host(:dir(rtl)) .bar {
    transform-origin: right;
  }
  .result {
    display: contents;
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .count,
  .percent {
    text-align: end;
  }
  .percent {
    min-inline-size: 4ch;
    margin-inline-end: 0.25rem;
    font-weight: 600;
  }
  @media (prefers-reduced-motion: reduce) {
    .bar {
      transition: none;
    }
  }
`;
