import { html, nothing, type TemplateResult } from 'lit';

/**
 * The feedback under a form field, by one convention for every form: its error (`part="field-error"`, id
 * `<field id>-error`) and, where a length limit applies, its counter (`part="field-count"`, id `<field id>-count`,
 * "42/120", flagged past the limit instead of cutting the text). The field itself takes {@link fieldAria}.
 */
export function fieldFeedback(id: string, error: string | null | undefined, length?: number, max?: number): TemplateResult {
  return html`${
    max === undefined ? nothing : html`<span part="field-count" class="field-count ${length! > max ? 'over' : ''}" id="${id}-count">${length}/${max}</span>`
  }${error ? html`<p part="field-error" class="field-error" id="${id}-error">${error}</p>` : nothing}`;
}

/** The field's side of {@link fieldFeedback}: `aria-invalid` while it has an error, `aria-describedby` naming its error and counter. */
export function fieldAria(
  id: string,
  error: string | null | undefined,
  counted = false,
): { invalid: 'true' | typeof nothing; describedBy: string | typeof nothing } {
  const ids = [error ? `${id}-error` : '', counted ? `${id}-count` : ''].filter(Boolean).join(' ');
  return { invalid: error ? 'true' : nothing, describedBy: ids || nothing };
}
