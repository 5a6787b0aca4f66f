import { css } from 'lit';

/**
 * The card every viewer widget (poll, quiz, lottery, …) is drawn on: `.base` (padded,
 * rounded, on the surface colour), its `.status` line with a `.badge`
 * (`.badge-open`: a pill in the accent colour, its text in `--on-accent-color`) and a tabular `.countdown`,
 * and the `.connection` notice on its own surface (`--notice-surface-color`, `--on-notice-color`), which reads on
 * light and dark pages alike.
 */
export const cardStyles = css`
  :host {
    --notice-surface-color: var(--oncue-notice-surface, #161823);
    --on-notice-color: var(--oncue-on-notice, #fff);
  }
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
    align-items: center;
    gap: 0.25rem 0.75rem;
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .badge {
    font-weight: 600;
  }
  .badge-open {
    padding: 0.125em 0.625em;
    border-radius: 999px;
    background: var(--accent-color);
    color: var(--on-accent-color);
  }
  .countdown {
    font-variant-numeric: tabular-nums;
  }
  .connection {
    display: grid;
    background: var(--notice-surface-color);
    color: var(--on-notice-color);
    font-weight: 600;
  }
  .connection:empty {
    display: none;
  }
  .kept {
    font-weight: 400;
  }
`;
