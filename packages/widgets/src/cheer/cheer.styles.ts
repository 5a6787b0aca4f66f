import { css } from 'lit';

/** The heart button, the running count and the hearts floating up from the button. */
export const cheerStyles = css`
  :host {
    --heart-color: var(--accent-color);
    --heart-size: 3.25rem;
    display: inline-block;
    inline-size: auto;
  }
  .base {
    position: relative;
    display: inline-grid;
    justify-items: center;
    gap: 0.25rem;
  }
  .button {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: max(var(--heart-size), var(--tap-size));
    block-size: max(var(--heart-size), var(--tap-size));
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--heart-color);
    color: var(--on-accent-color);
    cursor: pointer;
    touch-action: manipulation;
    user-select: none;
    -webkit-tap-highlight-color: transparent;
  }
  .button:active {
    transform: scale(0.92);
  }
  .button svg,
  .heart svg {
    inline-size: 55%;
    block-size: 55%;
    fill: currentColor;
  }
  .count {
    margin: 0;
    color: var(--text-color);
    font-size: 0.875em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .hearts {
    position: absolute;
    inset: auto 0 50% 0;
    block-size: 0;
    pointer-events: none;
  }
  .heart {
    position: absolute;
    inset-block-end: 0;
    inset-inline-start: calc(50% - 0.75rem);
    inline-size: 1.5rem;
    block-size: 1.5rem;
    color: var(--heart-color);
    animation: float 1s ease-out forwards;
  }
  .lane-0 {
    margin-inline-start: -1.25rem;
  }
  .lane-1 {
    margin-inline-start: -0.625rem;
  }
  .lane-3 {
    margin-inline-start: 0.625rem;
  }
  .lane-4 {
    margin-inline-start: 1.25rem;
  }
  .heart svg {
    inline-size: 100%;
    block-size: 100%;
  }
  @keyframes float {
    from {
      opacity: 1;
      transform: translateY(0) scale(0.6);
    }
    to {
      opacity: 0;
      transform: translateY(-6rem) scale(1.1);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .hearts {
      display: none;
    }
    .button:active {
      transform: none;
    }
  }
  .connection {
    position: absolute;
    inset-block-start: 100%;
    inline-size: max-content;
    max-inline-size: 16rem;
  }
`;
