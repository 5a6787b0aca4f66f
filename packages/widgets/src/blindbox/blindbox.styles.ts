import { css } from 'lit';

export const blindboxStyles = css`
  :host {
    --bar-color: var(--oncue-bar, var(--accent-color));
  }
  .box {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .box-image,
  .drawn-box {
    flex: none;
    inline-size: 4.5rem;
    block-size: 4.5rem;
    border-radius: calc(var(--border-radius) / 2);
    object-fit: cover;
  }
  .drawn-box {
    position: relative;
    display: grid;
    grid-template-rows: 30% 70%;
    gap: 2px;
  }
  .lid,
  .body {
    border-radius: 4px;
    background: var(--accent-color);
  }
  .body {
    background: linear-gradient(90deg, var(--accent-color) 42%, var(--on-accent-color) 42% 58%, var(--accent-color) 58%);
  }
  .opened .lid {
    transform: translateY(-35%) rotate(-14deg);
    transition: transform 0.5s ease-out;
  }
  .title {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .count {
    margin: 0;
    color: var(--muted-color);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  .option.answer {
    border-color: var(--success-color);
    font-weight: 600;
  }
  .check {
    color: var(--success-color);
  }
  .guess-form {
    display: grid;
    gap: 0.375rem;
  }
  .guess-row {
    display: flex;
    gap: 0.5rem;
  }
  .guess-row .field {
    flex: 1;
    min-inline-size: 0;
  }
  .reveal {
    margin: 0;
    color: var(--accent-color);
    font-size: 3rem;
    font-weight: 700;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
  .answer {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
  }
  @media (prefers-reduced-motion: reduce) {
    .opened .lid {
      transition: none;
    }
  }
`;
