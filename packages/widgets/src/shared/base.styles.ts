import { css } from 'lit';

/**
 * Tokens every OnCue element shares: each is a `:host` custom property that
 * defaults to a global `--oncue-*` token, so a page themes all widgets at
 * once (`:root { --oncue-accent: teal }`) or one element at a time.
 */
export const baseStyles = css`
  :host {
    --accent-color: var(--oncue-accent, #e0003c);
    --on-accent-color: var(--oncue-on-accent, #fff);
    --surface-color: var(--oncue-surface, #fff);
    --text-color: var(--oncue-text, #161823);
    --muted-color: var(--oncue-muted, #6b6f7b);
    --danger-color: var(--oncue-danger, #c4002b);
    --border-color: var(--oncue-border, rgb(22 24 35 / 0.5));
    --border-radius: var(--oncue-radius, 12px);
    --font-family: var(--oncue-font, system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif);
    --tap-size: var(--oncue-tap-size, 44px);

    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    color: var(--text-color);
    font-family: var(--font-family);
    font-size: 1rem;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .notice {
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--border-radius) / 2);
    background: color-mix(in srgb, var(--text-color) 8%, transparent);
    font-size: 0.875em;
  }
  .error {
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--border-radius) / 2);
    background: color-mix(in srgb, var(--danger-color) 10%, transparent);
    color: var(--danger-color);
    font-size: 0.9375em;
  }
  button {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--accent-color);
    outline-offset: 2px;
  }
`;
