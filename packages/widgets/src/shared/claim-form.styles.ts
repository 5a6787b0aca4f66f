import { css } from 'lit';

/** The layout of shared/claim-form.ts (its feedback under each field is `fieldFeedbackStyles`). */
export const claimFormStyles = css`
  .claim-form {
    display: grid;
    gap: 0.375rem;
  }
  .field-label {
    font-size: 0.875em;
    font-weight: 600;
  }
  .field {
    min-block-size: var(--tap-size);
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--border-color);
    border-radius: calc(var(--border-radius) / 2);
    background: var(--surface-color);
    color: var(--text-color);
    font: inherit;
  }
`;
