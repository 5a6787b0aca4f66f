import { css } from 'lit';

/** What the poll form adds to the host console's form styles: the field a validation message concerns stands out. */
export const pollFormStyles = css`
  .field[aria-invalid='true'] {
    border-color: var(--danger-color);
    outline-color: var(--danger-color);
  }
`;
