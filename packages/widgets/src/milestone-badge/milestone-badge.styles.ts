import { css } from 'lit';

/** The badge, the way to the next, the unlock moment and the rewards. */
export const milestoneBadgeStyles = css`
  :host {
    --badge-color: var(--oncue-badge-color, #c8902a);
    --badge-size: 3.5rem;
  }
  .current {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .badge-art,
  .badge-drawn {
    flex: none;
    inline-size: var(--badge-size);
    block-size: var(--badge-size);
    border-radius: 50%;
    object-fit: cover;
  }
  .badge-drawn {
    display: grid;
    place-items: center;
    background: radial-gradient(circle at 35% 30%, color-mix(in srgb, var(--badge-color) 55%, #fff), var(--badge-color));
    color: #fff;
    box-shadow: inset 0 0 0 3px color-mix(in srgb, var(--badge-color) 70%, #000);
  }
  .badge-drawn svg {
    inline-size: 55%;
    block-size: 55%;
    fill: currentColor;
  }
  .badge-drawn.none {
    background: var(--track-color, color-mix(in srgb, var(--text-color) 12%, transparent));
    box-shadow: none;
    color: var(--muted-color);
  }
  .names {
    display: grid;
    gap: 0.125rem;
  }
  .label,
  .next,
  .hint {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
  }
  .name {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
  }
  .moment {
    margin: 0;
    padding: 0.5em 0.75em;
    border-inline-start: 4px solid var(--badge-color);
    border-radius: calc(var(--border-radius) / 2);
    background: color-mix(in srgb, var(--badge-color) 12%, var(--surface-color));
    font-weight: 600;
    animation: unlock 0.6s ease-out;
  }
  @keyframes unlock {
    from {
      transform: scale(0.85);
      opacity: 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .moment {
      animation: none;
    }
  }
  .rewards-title {
    margin: 0;
    font-weight: 600;
  }
  .rewards {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .reward {
    display: grid;
    gap: 0.375rem;
  }
  .reward-name {
    font-weight: 600;
  }
  .status:empty,
  .moment:empty {
    display: none;
  }
`;
