import { css } from 'lit';

export const stageStyles = css`
  :host {
    --chip-background: var(--oncue-chip-background, rgb(16 17 24 / 0.86));
    --chip-color: var(--oncue-chip-color, #fff);
    --overlay-z-index: var(--oncue-overlay-z-index, 10);
  }
  .base,
  .items {
    display: grid;
    gap: 0.5rem;
  }
  .overlay {
    position: fixed;
    z-index: var(--overlay-z-index);
    max-block-size: 70vh;
    overflow: auto;
    gap: 0.375rem;
    padding: 0.25rem 0.5rem max(0.5rem, env(safe-area-inset-bottom));
    --oncue-tap-size: 40px;
    pointer-events: none;
  }
  .overlay > * {
    pointer-events: auto;
  }
  /* A compact card over the video: the widget's own card, tighter, options two by two where they fit. */
  .overlay .item > *::part(base) {
    padding: 0.625rem 0.75rem 0.75rem;
    gap: 0.375rem;
  }
  .overlay .item > *::part(options) {
    grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
    gap: 0.375rem;
  }
  /* Each option with its result line in one cell of those two columns (a card's common result track spans its
     column), the count left out: every track of the card keeps one width, so the bars still compare. */
  .overlay .item > *::part(option-row) {
    grid-column: auto;
    grid-template-columns: minmax(0, 1fr) auto auto;
  }
  .overlay .item > *::part(option-count) {
    display: none;
  }
  .items[hidden],
  .overlay .empty,
  .connection:empty {
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
    border: 1px dashed var(--border-color);
    border-radius: 12px;
    background: var(--surface-color);
    color: var(--muted-color);
    font-size: 0.875em;
    text-align: center;
  }
  .bar,
  .tabs {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
  }
  .chip {
    margin: 0;
    padding: 0.375rem 0.875rem;
    border: 0;
    border-radius: 999px;
    background: var(--chip-background);
    color: var(--chip-color);
    font-size: 0.875em;
  }
  button.chip {
    min-block-size: var(--tap-size);
    cursor: pointer;
  }
  .connection {
    justify-self: center;
  }
  .time {
    font-variant-numeric: tabular-nums;
  }
  .fresh {
    padding: 0 0.4em;
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 700;
  }
  .toggle {
    margin-inline-start: auto;
  }
  .chip.handle {
    justify-self: center;
    min-block-size: 0;
    block-size: 1.5rem;
    inline-size: 4rem;
    margin: 0;
    padding: 0;
    touch-action: none;
  }
  .handle::before {
    content: '';
    display: block;
    block-size: 4px;
    margin: 0 0.5rem;
    border-radius: 2px;
    background: var(--chip-color);
  }
  .fresh,
  .tab[aria-selected='true'],
  .pill {
    background: var(--accent-color);
    color: var(--on-accent-color);
    font-weight: 600;
  }
`;
