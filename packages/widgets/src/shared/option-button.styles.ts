import { css } from 'lit';

/**
 * The option button every choice widget (poll, quiz, …) shares: a full-width
 * tap target of at least `--tap-size`, pressed (`aria-pressed`) and locked
 * (`aria-disabled`) states, with an optional `.image` and a `.label` inside.
 * Widgets add their own states on top.
 */
export const optionButtonStyles = css`
  .option {
    display: flex;
    align-items: center;
    gap: 0.75rem;
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
  .option:not([aria-disabled='true']):hover {
    border-color: color-mix(in srgb, var(--accent-color) 60%, var(--border-color));
  }
  .option[aria-pressed='true'] {
    border-color: var(--accent-color);
    font-weight: 600;
  }
  .option[aria-disabled='true'] {
    cursor: default;
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
`;
