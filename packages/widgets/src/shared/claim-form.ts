import type { ClaimField } from '@oncue/protocol';
import { css, html, nothing, type TemplateResult } from 'lit';

/** What {@link claimForm} shows and whom it tells. */
export interface ClaimFormOptions {
  /** The fields the host asks winners for. */
  fields: readonly ClaimField[];
  /** What the winner typed so far, by field id. */
  values: Readonly<Record<string, string>>;
  /** Ids of the fields left empty at the last submit: each gets its message beside it (`aria-invalid`). */
  missing: readonly string[];
  busy: boolean;
  /** Localised words: the button, the message of an empty field, the sending notice. */
  labels: { submit: string; missing: string; sending: string };
  onInput(id: string, value: string): void;
  onSubmit(): void;
}

/**
 * A winner's claim form, the same for every kind with prizes (a giveaway, a blind box): one labelled field per
 * claim field, an empty one marked `aria-invalid` with its message right under it (`part="field-error"`,
 * referenced by `aria-describedby`), the claim button and the sending notice. Style it with {@link claimFormStyles}.
 */
export function claimForm(o: ClaimFormOptions): TemplateResult {
  return html`<form
    part="claim-form"
    class="claim-form"
    novalidate
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      o.onSubmit();
    }}
  >
    ${o.fields.map((field) => {
      const missing = o.missing.includes(field.id);
      return html`<label class="field-label" for="claim-${field.id}">${field.label}</label>
        <input
          part="field"
          class="field"
          id="claim-${field.id}"
          name=${field.id}
          maxlength="200"
          autocomplete="off"
          aria-invalid=${missing ? 'true' : 'false'}
          aria-describedby=${missing ? `claim-${field.id}-error` : nothing}
          .value=${o.values[field.id] ?? ''}
          @input=${(e: Event) => o.onInput(field.id, (e.target as HTMLInputElement).value)}
        />
        ${missing ? html`<p part="field-error" class="field-error" id="claim-${field.id}-error">${o.labels.missing}</p>` : nothing}`;
    })}
    <button part="claim" class="primary" type="submit" aria-disabled=${o.busy ? 'true' : 'false'}>${o.labels.submit}</button>
    ${o.busy ? html`<p part="pending" class="hint" role="status">${o.labels.sending}</p>` : nothing}
  </form>`;
}

/** The layout of {@link claimForm}. */
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
  .field[aria-invalid='true'] {
    border: 2px solid var(--danger-color);
  }
  .field-error {
    margin: 0;
    color: var(--danger-color);
    font-size: 0.875em;
  }
`;
