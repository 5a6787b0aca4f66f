import { html, nothing, type TemplateResult } from 'lit';

/** The catalogue keys a {@link hostTokenForm} reads through the element's `t`. */
export type HostTokenFormKey = 'signInHeading' | 'signInHint' | 'hostToken' | 'connect';

/** The state of a {@link hostTokenForm}. */
export interface HostTokenFormModel {
  /** The element's translator (its catalogue has the {@link HostTokenFormKey} keys). */
  t: (key: HostTokenFormKey) => string;
  /** The localised problem to announce (missing or refused token), or ''. */
  problem: string;
  /** A polite status line under the form ("Connecting…"), or ''. */
  status: string;
  /** What is typed in the field. */
  draft: string;
  onInput(value: string): void;
  onSubmit(event: SubmitEvent): void;
}

/**
 * The "enter the host token" form of the host pages (host console, dashboard): a password field and
 * a submit button, the refusal announced with `role="alert"`. Styled by `hostConsoleStyles`.
 * The token stays in the element's memory; this only renders.
 */
export function hostTokenForm(m: HostTokenFormModel): TemplateResult {
  return html`<form part="sign-in" class="panel sign-in" novalidate aria-labelledby="sign-in-heading" @submit=${m.onSubmit}>
    <h2 id="sign-in-heading" class="heading">${m.t('signInHeading')}</h2>
    <p class="hint" id="sign-in-hint">${m.t('signInHint')}</p>
    <label class="field-label" for="host-token">${m.t('hostToken')}</label>
    <div class="sign-in-row">
      <input
        part="field token"
        class="field"
        id="host-token"
        name="host-token"
        type="password"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        aria-describedby=${m.problem ? 'sign-in-hint sign-in-error' : 'sign-in-hint'}
        aria-invalid=${m.problem ? 'true' : 'false'}
        .value=${m.draft}
        @input=${(e: Event) => m.onInput((e.target as HTMLInputElement).value)}
      />
      <button part="button primary" class="button primary" type="submit">${m.t('connect')}</button>
    </div>
    ${m.problem ? html`<p part="error" class="error" id="sign-in-error" role="alert">${m.problem}</p>` : nothing}
    <p class="hint" role="status">${m.status}</p>
  </form>`;
}
