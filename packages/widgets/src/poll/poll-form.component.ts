import type { PollSpecInput } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isImageUrl, wholeNumberIn } from '../host-console/form-values.js';
import { HostFormElement } from '../host-console/host-form-element.js';
import { hostConsoleStyles } from '../host-console/host-console.styles.js';
import { counterId, describedBy, fieldError, invalidFlag, lengthCounter, type FieldProblem } from '../host-console/field-error.js';
import { MAX_OPTION_LABEL, optionFields } from '../host-console/option-fields.js';
import { problemAlert } from '../host-console/problem.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { pollHostMessages, type PollHostMessages } from './poll-host-messages.js';

// Limits of the protocol, repeated as numbers so the form does not load the validation library.
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 10;
const MAX_QUESTION = 280;
const MAX_SECONDS = 86_400;

interface OptionDraft {
  label: string;
  image: string;
}

/** A form mistake and the field it concerns: `field` gets `aria-invalid`, the message shows under `anchor` (a field, or an option). */
type Invalid = FieldProblem<PollHostMessages>;

const emptyOptions = (): OptionDraft[] => [
  { label: '', image: '' },
  { label: '', image: '' },
];

/**
 * @customElement oncue-poll-form
 * @summary The host's poll form: question, 2–10 options with optional images, the poll's settings, saved as a draft or launched at once.
 *
 * The poll's form in `<oncue-host-console>` (its host registry line); works on its own with a host `connection`.
 * Settings: multi-choice with a maximum, vote changes, signed-in viewers only, results live or after close,
 * an optional duration and an optional A/B alternative wording. "Save as draft" is the first submit button, so
 * Enter in a field never launches a poll by accident. A mistake is announced (`role="alert"`) under the field it
 * concerns (`part="field-error"`), which is marked `aria-invalid` and described by the message, and gets the focus; a server refusal
 * shows above the buttons, which stay in view at the bottom of the screen while the form is taller than it. The question
 * fields show their length ("12/280"), an option once it nears its 120 characters: text over a limit is kept as typed
 * and refused with a message, never cut. The form is emptied once the server created the poll.
 *
 * @event oncue-create - The server created the poll. `detail: { interaction }` (the view).
 * @event oncue-error - The server refused the poll. `detail: { code, message }` (`message` is localised).
 *
 * @csspart form - The form.
 * @csspart field - Each text/number input and the textareas.
 * @csspart button - Each secondary button.
 * @csspart primary - The "Launch now" button.
 * @csspart error - Validation messages and server refusals.
 * @csspart field-error - A validation message beside its field (also `error`).
 * @csspart counter - The length counter of a field ("12/280").
 *
 * @cssproperty --accent-color - Primary buttons. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --surface-color - The panel. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --border-color - Field borders. Default `var(--oncue-border, rgb(22 24 35 / 0.16))`.
 * @cssproperty --danger-color - Messages and the field they concern. Default `var(--oncue-danger, #c4002b)`.
 */
export class OnCuePollForm extends HostFormElement<PollHostMessages> {
  static override styles = [baseStyles, hostConsoleStyles];

  @state() private question = '';
  /** An alternative wording (A/B test): half the viewers, by `assignVariant`, see it instead. */
  @state() private variantQuestion = '';
  @state() private options: OptionDraft[] = emptyOptions();
  @state() private multi = false;
  @state() private maxChoices = '';
  @state() private allowChange = false;
  @state() private signedOnly = false;
  @state() private results: 'live' | 'after-close' = 'live';
  @state() private duration = '';

  private readonly l10n = new Localize(this, pollHostMessages);

  override render(): TemplateResult {
    const { t } = this.l10n;
    const count = this.options.length;
    return html`<form part="form" class="panel form" novalidate aria-labelledby="form-heading" @submit=${this.onSubmit}>
      <h2 id="form-heading" class="heading">${t('newPoll')}</h2>
      <div class="label-row">
        <label class="field-label" for="question">${t('question')}</label>
        ${lengthCounter('question', this.question.length, MAX_QUESTION)}
      </div>
      <textarea
        part="field"
        class="field"
        id="question"
        rows="2"
        placeholder=${t('questionPlaceholder')}
        aria-invalid=${invalidFlag(this.invalid, 'question')}
        aria-describedby=${ifDefined(describedBy(this.invalid, 'question', counterId('question')))}
        .value=${this.question}
        @input=${(e: Event) => (this.question = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${fieldError(t, this.invalid, 'question')}

      <fieldset class="group">
        <legend class="field-label">${t('options')}</legend>
        <ol class="option-rows" role="list">
          ${this.options.map((option, i) => {
            const field = this.invalid?.field;
            return html`<li class="option-row">
              ${optionFields({
                id: `option-${i}`,
                label: option.label,
                image: option.image,
                labelName: t('option', i + 1),
                imageName: t('optionImage', i + 1),
                removeName: t('removeOption', i + 1),
                placeholder: t('option', i + 1),
                imagePlaceholder: t('imagePlaceholder'),
                canRemove: count > MIN_OPTIONS,
                invalid: field === `option-${i}` ? 'label' : field === `image-option-${i}` ? 'image' : undefined,
                errorId: `option-${i}-error`,
                onInput: (change) => this.editOption(i, change),
                onRemove: () => this.removeOption(i),
              })}
              ${fieldError(t, this.invalid, `option-${i}`)}
            </li>`;
          })}
        </ol>
                <button part="button" class="button" type="button" ?disabled=${count >= MAX_OPTIONS} @click=${this.addOption}>${t('addOption')}</button>
      </fieldset>

      <fieldset class="group">
        <legend class="field-label">${t('settings')}</legend>
        <label class="check">
          <input type="checkbox" .checked=${this.multi} @change=${(e: Event) => (this.multi = (e.target as HTMLInputElement).checked)} />
          ${t('multi')}
        </label>
        ${
          this.multi
            ? html`<label class="inline">
                ${t('maxChoices')}
                <input
                  part="field"
                  class="field number"
                  id="max-choices"
                  type="number"
                  inputmode="numeric"
                  min="1"
                  max=${count}
                  placeholder=${t('maxChoicesAll')}
                  aria-invalid=${invalidFlag(this.invalid, 'max-choices')}
                  aria-describedby=${ifDefined(describedBy(this.invalid, 'max-choices'))}
                  .value=${this.maxChoices}
                  @input=${(e: Event) => (this.maxChoices = (e.target as HTMLInputElement).value)}
                />
              </label>
              ${fieldError(t, this.invalid, 'max-choices')}`
            : nothing
        }
        <label class="check">
          <input type="checkbox" .checked=${this.allowChange} @change=${(e: Event) => (this.allowChange = (e.target as HTMLInputElement).checked)} />
          ${t('allowChange')}
        </label>
        <label class="check">
          <input type="checkbox" id="signed-only" .checked=${this.signedOnly} @change=${(e: Event) => (this.signedOnly = (e.target as HTMLInputElement).checked)} />
          ${t('signedOnly')}
        </label>
        <fieldset class="group inner">
          <legend>${t('results')}</legend>
          ${(['live', 'after-close'] as const).map(
            (value) => html`<label class="check">
              <input type="radio" name="results" value=${value} .checked=${this.results === value} @change=${() => (this.results = value)} />
              ${t(value === 'live' ? 'resultsLive' : 'resultsAfterClose')}
            </label>`,
          )}
        </fieldset>
        <label class="field-label" for="duration">${t('duration')}</label>
        <input
          part="field"
          class="field number"
          id="duration"
          type="number"
          inputmode="numeric"
          min="1"
          max=${MAX_SECONDS}
          aria-invalid=${invalidFlag(this.invalid, 'duration')}
          aria-describedby=${ifDefined(describedBy(this.invalid, 'duration'))}
          .value=${this.duration}
          @input=${(e: Event) => (this.duration = (e.target as HTMLInputElement).value)}
        />
        ${fieldError(t, this.invalid, 'duration')}
        <div class="label-row">
          <label class="field-label" for="variant-question">${t('variantQuestion')}</label>
          ${lengthCounter('variant-question', this.variantQuestion.length, MAX_QUESTION)}
        </div>
        <p class="hint" id="variant-hint">${t('variantHint')}</p>
        <textarea
          part="field"
          class="field"
          id="variant-question"
          rows="2"
          aria-invalid=${invalidFlag(this.invalid, 'variant-question')}
          aria-describedby=${ifDefined(describedBy(this.invalid, 'variant-question', 'variant-hint', counterId('variant-question')))}
          .value=${this.variantQuestion}
          @input=${(e: Event) => (this.variantQuestion = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${fieldError(t, this.invalid, 'variant-question')}
      </fieldset>

      <div class="form-foot">
        ${problemAlert(this.l10n.t, this.refusal)}
        <div class="actions">
          <button part="button" class="button" type="submit" value="draft" ?disabled=${this.creating}>${t('saveDraft')}</button>
          <button part="button primary" class="button primary" type="submit" value="launch" ?disabled=${this.creating}>${t('launchNow')}</button>
          ${this.creating ? html`<span class="hint" role="status">${t('creating')}</span>` : nothing}
        </div>
      </div>
    </form>`;
  }

  private editOption(index: number, change: Partial<OptionDraft>): void {
    this.options = this.options.map((option, i) => (i === index ? { ...option, ...change } : option));
  }

  private async addOption(): Promise<void> {
    if (this.options.length >= MAX_OPTIONS) return;
    this.options = [...this.options, { label: '', image: '' }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#option-${this.options.length - 1}`)?.focus();
  }

  private async removeOption(index: number): Promise<void> {
    if (this.options.length <= MIN_OPTIONS) return;
    this.options = this.options.filter((_, i) => i !== index);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#option-${Math.min(index, this.options.length - 1)}`)?.focus();
  }

  /** The spec the form describes, or what is wrong with it and where. */
  private spec(launch: boolean): PollSpecInput | Invalid {
    const question = this.question.trim();
    if (!question) return { problem: { key: 'invalidQuestion' }, field: 'question', anchor: 'question' };
    if (question.length > MAX_QUESTION) return { problem: { key: 'tooLong', arg: MAX_QUESTION }, field: 'question', anchor: 'question' };
    const options = this.options.map((o) => ({ label: o.label.trim(), image: o.image.trim() }));
    const empty = options.findIndex((o) => !o.label);
    if (empty >= 0) return { problem: { key: 'invalidOptions' }, field: `option-${empty}`, anchor: `option-${empty}` };
    const long = options.findIndex((o) => o.label.length > MAX_OPTION_LABEL);
    if (long >= 0) return { problem: { key: 'tooLong', arg: MAX_OPTION_LABEL }, field: `option-${long}`, anchor: `option-${long}` };
    const badImage = options.findIndex((o) => o.image && !isImageUrl(o.image));
    if (badImage >= 0) return { problem: { key: 'invalidImage' }, field: `image-option-${badImage}`, anchor: `option-${badImage}` };
    if (this.variantQuestion.trim().length > MAX_QUESTION) {
      return { problem: { key: 'tooLong', arg: MAX_QUESTION }, field: 'variant-question', anchor: 'variant-question' };
    }
    const spec: PollSpecInput = {
      kind: 'poll',
      question,
      options: options.map((o) => (o.image ? o : { label: o.label })),
      multi: this.multi,
      allowChange: this.allowChange,
      results: this.results,
      draft: !launch,
    };
    if (this.variantQuestion.trim()) spec.variants = [this.variantQuestion.trim()];
    if (this.signedOnly) spec.signedOnly = true;
    if (this.multi && this.maxChoices.trim()) {
      const max = wholeNumberIn(this.maxChoices, 1, options.length);
      if (max === undefined) return { problem: { key: 'invalidMax', arg: options.length }, field: 'max-choices', anchor: 'max-choices' };
      spec.maxChoices = max;
    }
    if (this.duration.trim()) {
      const seconds = wholeNumberIn(this.duration, 1, MAX_SECONDS);
      if (seconds === undefined) return { problem: { key: 'invalidDuration' }, field: 'duration', anchor: 'duration' };
      spec.durationSeconds = seconds;
    }
    return spec;
  }

  private onSubmit(event: SubmitEvent): Promise<void> {
    return this.submitSpec(
      event,
      this.l10n.t,
      (launch) => this.spec(launch),
      () => {
        this.question = this.variantQuestion = '';
        this.options = emptyOptions();
        this.multi = this.allowChange = this.signedOnly = false;
        this.maxChoices = this.duration = '';
        this.results = 'live';
      },
    );
  }
}
