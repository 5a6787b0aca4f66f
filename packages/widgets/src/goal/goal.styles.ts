import { css } from 'lit';

/** The goal card: title, the bar, the numbers and countdown, the reached moment. */
export const goalStyles = css`
  :host {
    --bar-color: var(--accent-color);
    --track-color: color-mix(in srgb, var(--text-color) 12%, transparent);
  }
  .base.none {
    padding: 0;
    background: none;
  }
  .title {
    margin: 0;
    font-weight: 600;
  }
  .track {
    block-size: 0.75rem;
    border-radius: 999px;
    background: var(--track-color);
    overflow: hidden;
  }
  .fill {
    block-size: 100%;
    inline-size: calc(var(--share, 0) * 100%);
    border-radius: inherit;
    background: var(--bar-color);
    transition: inline-size 0.4s ease-out;
  }
  .numbers {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.25rem 0.75rem;
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  .moment {
    display: grid;
    gap: 0.375rem;
    margin: 0;
  }
  .moment strong {
    color: var(--accent-color);
    font-size: 1.125em;
  }
  .reached .moment {
    animation: pop 0.5s ease-out;
  }
  @keyframes pop {
    from {
      transform: scale(0.8);
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
    .reached .moment {
      animation: none;
    }
  }
  .hint {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
`;
