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
  .items[hidden] {
    display: none;
  }
  .empty {
    padding: 0.5rem;
    color: var(--muted-color);
    font-size: 0.875em;
    text-align: center;
  }
  .load-error {
    margin: 0;
    padding: 0.75rem;
    border: 1px dashed var(--border-color, rgb(22 24 35 / 0.16));
    border-radius: 12px;
    color: var(--muted-color);
    font-size: 0.875em;
    text-align: center;
  }
  .connection:empty {
    display: none;
  }
  .toggle {
    justify-self: end;
    min-block-size: var(--tap-size);
    padding: 0.5rem 1rem;
    border: 1px solid var(--border-color, rgb(22 24 35 / 0.16));
    border-radius: 999px;
    background: var(--surface-color, #fff);
    color: var(--text-color, #161823);
    font: inherit;
    cursor: pointer;
  }
  .toggle.pill {
    border-color: var(--accent-color);
    background: var(--accent-color);
    color: var(--on-accent-color, #fff);
    font-weight: 600;
  }
`;
