import type { ClaimField } from '@oncue/protocol';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { fieldAria, fieldFeedback } from './field-feedback.js';

/** The longest value of a claim field (the server's limit, repeated so viewer chunks do not load the validation library). */
export const MAX_CLAIM_VALUE = 200;

/** What {@link claimForm} shows and whom it tells. */
export interface ClaimFormOptions {
  /** The fields the host asks winners for. */
  fields: readonly ClaimField[];
  /** What the winner typed so far, by field id. */
  values: Readonly<Record<string, string>>;
  /** The message of each field found wrong at the last submit, by field id ('' or absent: none). */
  errors: Readonly<Record<string, string>>;
  busy: boolean;
  /** Localised words: the button and the sending notice. */
  labels: { submit: string; sending: string };
  onInput(id: string, value: string): void;
  onSubmit(): void;
}

/**
 * A winner's claim form, the same for every kind with prizes (a giveaway, a blind box): one labelled field per
 * claim field, each with its feedback under it by the forms' one convention (shared/field-feedback.ts: the error,
 * `aria-invalid`, and a counter once the value passes half of {@link MAX_CLAIM_VALUE}), the claim button and the
 * sending notice. Style it with `claimFormStyles` and `fieldFeedbackStyles`; {@link ClaimDraft} binds it to a widget.
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
      const id = `claim-${field.id}`;
      const value = o.values[field.id] ?? '';
      const error = o.errors[field.id];
      // The counter shows once the value nears the limit (a phone number is far from it).
      const counted = value.length > MAX_CLAIM_VALUE / 2;
      const aria = fieldAria(id, error, counted);
      return html`<label class="field-label" for=${id}>${field.label}</label>
        <input
          part="field"
          class="field"
          id=${id}
          name=${field.id}
          autocomplete="off"
          aria-invalid=${aria.invalid}
          aria-describedby=${aria.describedBy}
          .value=${value}
          @input=${(e: Event) => o.onInput(field.id, (e.target as HTMLInputElement).value)}
        />
        ${fieldFeedback(id, error, value.length, counted ? MAX_CLAIM_VALUE : undefined)}`;
    })}
    <button part="claim" class="primary" type="submit" aria-disabled=${o.busy ? 'true' : 'false'}>${o.labels.submit}</button>
    ${o.busy ? html`<p part="pending" class="hint" role="status">${o.labels.sending}</p>` : nothing}
  </form>`;
}

/**
 * The trimmed values of a claim and the message of each wrong field (empty, or over {@link MAX_CLAIM_VALUE}); `first`
 * is the id of the first wrong field's input (to focus), absent when all is well.
 */
function claimFieldErrors(
  fields: readonly ClaimField[],
  values: Readonly<Record<string, string>>,
  messages: { missing: string; tooLong: string },
): { values: Record<string, string>; errors: Record<string, string>; first?: string } {
  const trimmed = Object.fromEntries(fields.map((f) => [f.id, (values[f.id] ?? '').trim()]));
  const errors = Object.fromEntries(
    Object.entries(trimmed).map(([id, value]) => [id, !value ? messages.missing : value.length > MAX_CLAIM_VALUE ? messages.tooLong : '']),
  );
  const wrong = Object.keys(errors).find((id) => errors[id]);
  return wrong ? { values: trimmed, errors, first: `claim-${wrong}` } : { values: trimmed, errors };
}

/**
 * A winner's claim in a viewer widget (a giveaway, a blind box): what is typed and the mistakes found at the last
 * submit, the form bound to them ({@link claimForm}), and the check before the claim is sent. The widget sends it,
 * and calls {@link reset} once the server accepted it (or another interaction is shown).
 */
export class ClaimDraft {
  private values: Record<string, string> = {};
  private errors: Record<string, string> = {};

  /** `host` re-renders as the draft changes. */
  constructor(private readonly host: ReactiveControllerHost & HTMLElement & { readonly renderRoot: ParentNode }) {}

  /** Forgets what was typed and the mistakes. */
  reset(): void {
    this.values = {};
    this.errors = {};
    this.host.requestUpdate();
  }

  /** The claim form for `fields`, bound to this draft; `onSubmit` runs on the claim button. */
  form(fields: readonly ClaimField[], busy: boolean, labels: ClaimFormOptions['labels'], onSubmit: () => void): TemplateResult {
    return claimForm({
      fields,
      values: this.values,
      errors: this.errors,
      busy,
      labels,
      onInput: (id, value) => {
        this.values = { ...this.values, [id]: value };
        if (this.errors[id]) this.errors = { ...this.errors, [id]: '' };
        this.host.requestUpdate();
      },
      onSubmit,
    });
  }

  /**
   * The trimmed values to send, or nothing: then each wrong field (empty, or over {@link MAX_CLAIM_VALUE}) shows
   * its message and the first one has the focus.
   */
  check(fields: readonly ClaimField[], messages: { missing: string; tooLong: string }): Record<string, string> | undefined {
    const { values, errors, first } = claimFieldErrors(fields, this.values, messages);
    this.errors = errors;
    this.host.requestUpdate();
    if (!first) return values;
    this.host.renderRoot.querySelector<HTMLInputElement>(`#${first}`)?.focus();
    return undefined;
  }
}
