import { css } from 'lit';

/**
 * The card every viewer widget (poll, quiz, lottery, …) is drawn on: `.base` (padded,
 * rounded, on the surface colour) and its `.status` line with a `.badge`
 * (`.badge-open` in the accent colour) and a tabular `.countdown`.
 */
export const cardStyles = css`
  .base {
    display: grid;
    gap: 0.75rem;
    padding: 1rem;
    border-radius: var(--border-radius);
    background: var(--surface-color);
  }
  .status {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .badge {
    font-weight: 600;
  }
  .badge-open {
    color: var(--accent-color);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
`;
