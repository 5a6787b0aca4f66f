import { css } from 'lit';

/**
 * The option button every choice widget (poll, quiz, …) shares: a full-width
 * tap target of at least `--tap-size`, pressed (`aria-pressed`) and locked
 * (`aria-disabled`: muted, no pointer) states, a hover border only where a
 * pointer can hover (no sticky hover on touch screens), with an optional
 * `.image`, a `.label` and `.tag`s ("Top choice", "Correct answer") inside.
 * Widgets add their own states on top.
 */
export const optionButtonStyles = css`
  .option {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    inline-size: 100%;
    min-block-size: var(--tap-size);
    padding: 0.5rem 0.875rem;
    overflow: hidden;
    border: 2px solid var(--border-color);
    border-radius: var(--border-radius);
    background: var(--surface-color);
    text-align: start;
    cursor: pointer;
    touch-action: manipulation;
    -webkit-tap-highlight-color: transparent;
  }
  @media (hover: hover) {
    .option:not([aria-disabled='true']):hover {
      border-color: color-mix(in srgb, var(--accent-color) 60%, var(--border-color));
    }
  }
  .option[aria-pressed='true'] {
    border-color: var(--accent-color);
    font-weight: 600;
  }
  .option[aria-disabled='true'] {
    cursor: default;
  }
  .option:where([aria-disabled='true']:not([aria-pressed='true'])) {
    border-style: dashed;
    background: color-mix(in srgb, var(--text-color) 3%, var(--surface-color));
    color: var(--muted-color);
  }
  .image {
    flex: none;
    inline-size: 3rem;
    block-size: 3rem;
    border-radius: calc(var(--border-radius) / 2);
    object-fit: cover;
  }
  .label {
    flex: 1;
  }
  .tag {
    padding: 0.125em 0.5em;
    border-radius: 999px;
    background: var(--tag-color, var(--accent-color));
    color: var(--on-accent-color);
    font-size: 0.75em;
    font-weight: 600;
  }
`;
