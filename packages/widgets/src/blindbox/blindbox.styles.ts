import { css } from 'lit';

export const blindboxStyles = css`
  :host {
    --success-color: var(--oncue-success, #0a7d3b);
    --bar-color: var(--oncue-bar, var(--accent-color));
  }
  .status {
    justify-content: space-between;
  }
  .box {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .box-image,
  .drawn-box {
    flex: none;
    inline-size: 4.5rem;
    block-size: 4.5rem;
    border-radius: calc(var(--border-radius) / 2);
    object-fit: cover;
  }
  .drawn-box {
    position: relative;
    display: grid;
    grid-template-rows: 30% 70%;
    gap: 2px;
  }
  .lid,
  .body {
    border-radius: 4px;
    background: var(--accent-color);
  }
  .body {
    background: linear-gradient(90deg, var(--accent-color) 42%, var(--on-accent-color) 42% 58%, var(--accent-color) 58%);
  }
  .opened .lid {
    transform: translateY(-35%) rotate(-14deg);
    transition: transform 0.5s ease-out;
  }
  .title {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .count,
  .hint,
  .commitment,
  .verify-result {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .count {
    font-variant-numeric: tabular-nums;
  }
  .commitment {
    font-family: ui-monospace, monospace;
    overflow-wrap: anywhere;
  }
  .option.answer {
    border-color: var(--success-color);
    font-weight: 600;
  }
  .check {
    color: var(--success-color);
  }
  .guess-form {
    display: grid;
    gap: 0.375rem;
  }
  .guess-row {
    display: flex;
    gap: 0.5rem;
  }
  .guess-row .field {
    flex: 1;
    min-inline-size: 0;
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
  .reveal {
    margin: 0;
    color: var(--accent-color);
    font-size: 3rem;
    font-weight: 700;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  .answer {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
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
  @media (prefers-reduced-motion: reduce) {
    .opened .lid {
      transition: none;
    }
  }
`;
