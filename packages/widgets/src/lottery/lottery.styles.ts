import { css } from 'lit';

export const lotteryStyles = css`
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
  .entered {
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
`;
