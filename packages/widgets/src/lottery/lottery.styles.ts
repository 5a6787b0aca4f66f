import { css } from 'lit';

export const lotteryStyles = css`
  :host {
    --success-color: var(--oncue-success, #0a7d3b);
  }
  .status {
    justify-content: space-between;
  }
  .prize {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .prize-image {
    flex: none;
    inline-size: 4rem;
    block-size: 4rem;
    border-radius: calc(var(--border-radius) / 2);
    object-fit: cover;
  }
  .prize-text {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .odds {
    margin: 0;
    color: var(--accent-color);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
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
  }
  .entered {
    color: var(--success-color);
    font-weight: 600;
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
  .winner.replaced .who {
    text-decoration: line-through;
  }
  .claimed {
    margin-inline-start: 0.5rem;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .draw-moment {
    display: flex;
    justify-content: center;
    gap: 0.375rem;
    padding-block: 0.5rem;
  }
  .ticket {
    inline-size: 2rem;
    block-size: 2.75rem;
    border: 2px dashed var(--accent-color);
    border-radius: 6px;
    animation: shuffle 0.45s ease-in-out infinite alternate;
  }
  .ticket:nth-child(2n) {
    animation-delay: -0.2s;
  }
  @keyframes shuffle {
    to {
      transform: translateY(-0.5rem) rotate(8deg);
    }
  }
  .verify-result.ok {
    color: var(--success-color);
  }
  .verify-result.bad {
    color: var(--danger-color);
  }
`;
