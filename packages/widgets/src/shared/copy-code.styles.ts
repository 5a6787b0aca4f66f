import { css } from 'lit';

/** The layout of shared/copy-code.ts: the code in a dashed box, the copy button beside it. */
export const copyCodeStyles = css`
  .code-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .code {
    padding: 0.25rem 0.625rem;
    border: 2px dashed var(--accent-color);
    border-radius: calc(var(--border-radius) / 2);
    font-size: 1.125em;
    font-weight: 700;
    letter-spacing: 0.05em;
    user-select: all;
  }
  .copy {
    min-block-size: var(--tap-size);
    padding: 0.25rem 0.875rem;
    border: 1px solid var(--border-color);
    border-radius: calc(var(--border-radius) / 2);
    background: var(--surface-color);
    cursor: pointer;
  }
`;
