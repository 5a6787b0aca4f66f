import { css } from 'lit';

export const stageStyles = css`
  .base {
    display: grid;
    gap: 0.75rem;
  }
  .items {
    display: grid;
    gap: 0.75rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .empty {
    padding: 0.5rem;
    color: var(--muted-color);
    font-size: 0.875em;
    text-align: center;
  }
  .connection:empty {
    display: none;
  }
`;
