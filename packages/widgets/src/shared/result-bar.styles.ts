import { css } from 'lit';

/**
 * The result line under an option (poll tallies, quiz answer shares): a track
 * with a bar scaled by `--share` (0–1) in `--bar-color`, mirrored right to left.
 */
export const resultBarStyles = css`
  .result-row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding-inline: 0.25rem;
  }
  .track {
    flex: 1;
    block-size: 0.5rem;
    overflow: hidden;
    border-radius: 999px;
    background: color-mix(in srgb, var(--text-color) 8%, transparent);
  }
  .bar {
    display: block;
    block-size: 100%;
    background: var(--bar-color);
    transform: scaleX(var(--share, 0));
    transform-origin: left;
    transition: transform 0.4s ease-out;
  }
  :host(:dir(rtl)) .bar {
    transform-origin: right;
  }
`;
