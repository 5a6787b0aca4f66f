import { css } from 'lit';

/** The look of {@link fieldFeedback}: the error under its field in the danger colour, the counter small and to the end. */
export const fieldFeedbackStyles = css`
  .field-error {
    margin: 0;
    color: var(--danger-color);
    font-size: 0.875em;
  }
  .field-count {
    justify-self: end;
    color: var(--muted-color, inherit);
    font-size: 0.8125em;
  }
  .over {
    color: var(--danger-color);
  }
  [aria-invalid='true'] {
    border-color: var(--danger-color);
  }
`;
