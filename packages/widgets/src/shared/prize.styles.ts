import { css } from 'lit';

/**
 * What the kinds with prizes (a giveaway, a blind box) look like alike: their buttons, the outcome line, the list
 * of winners, the commitment and the verification result. Each kind adds its own styles after these.
 */
export const prizeStyles = css`
  :host {
    --success-color: var(--oncue-success, #0a7d3b);
  }
  .status {
    justify-content: space-between;
  }
  .primary,
  .secondary {
    min-block-size: var(--tap-size);
    padding: 0.5rem 1rem;
    border: 2px solid var(--accent-color);
    border-radius: var(--border-radius);
    cursor: pointer;
    touch-action: manipulation;
  }
  .primary {
    background: var(--accent-color);
    color: var(--on-accent-color);
    font-weight: 600;
  }
  .secondary {
    background: var(--surface-color);
    color: var(--accent-color);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: default;
  }
  .hint,
  .commitment,
  .verify-result {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .commitment {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  .live:empty,
  .verify-result:empty,
  .connection:empty {
    display: none;
  }
  .outcome {
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--border-radius) / 2);
    background: color-mix(in srgb, var(--text-color) 6%, transparent);
  }
  .outcome.won {
    border-inline-start: 4px solid var(--success-color);
    background: color-mix(in srgb, var(--success-color) 5%, var(--surface-color));
    color: var(--success-color);
  }
  .winners-title {
    margin: 0;
    font-weight: 600;
  }
  .winners {
    display: grid;
    gap: 0.25rem;
    margin: 0;
    padding-inline-start: 1.5rem;
    font-variant-numeric: tabular-nums;
  }
  .winner.mine {
    color: var(--success-color);
    font-weight: 600;
  }
  .verify-result.ok {
    color: var(--success-color);
  }
  .verify-result.bad {
    color: var(--danger-color);
  }
`;
