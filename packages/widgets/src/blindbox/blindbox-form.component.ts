import type { BlindboxSpecInput } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { counterId, describedBy, fieldError, invalidFlag, lengthCounter, type FieldProblem } from '../host-console/field-error.js';
import { isImageUrl, wholeNumberIn } from '../host-console/form-values.js';
import { hostConsoleStyles } from '../host-console/host-console.styles.js';
import { HostFormElement } from '../host-console/host-form-element.js';
import { MAX_OPTION_LABEL, optionFields } from '../host-console/option-fields.js';
import { problemAlert } from '../host-console/problem.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { blindboxHostMessages, type BlindboxHostMessages } from './blindbox-host-messages.js';

// Limits of the protocol, repeated as numbers so the form does not load the validation library.
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 8;
const MAX_TITLE = 280;
const MAX_TEXT = 40;
const MAX_ACCEPTED = 10;
const MAX_WINNERS = 100;
const MAX_NUMBER = 1_000_000_000;
const MAX_SECONDS = 86_400;

type GuessType = 'choice' | 'number' | 'text';
type RewardType = 'all' | 'first' | 'draw' | 'closest';
type Invalid = FieldProblem<BlindboxHostMessages>;

const emptyOptions = () => [
  { label: '', image: '' },
  { label: '', image: '' },
];

/**
 * @customElement oncue-blindbox-form
 * @summary The host's blind-box form: title and picture, how viewers guess (options, a whole number, a short text), what is in the box (no default), who wins, saved as a draft or launched.
 *
 * The blind box's form in `<oncue-host-console>` (its host registry line); works on its own with a host `connection`.
 * The answer is marked with a labelled "In the box" choice beside each option (none is preselected), typed as a
 * whole number within the guess range, or given as accepted texts, one per line; the form refuses to go on without
 * it. The server keeps the answer secret and publishes only a commitment to it until the host reveals the box. A
 * mistake is announced beside the field it concerns (`part="field-error"`, the field `aria-invalid` and described
 * by it) and gets the focus; the title shows its length. The default claim field (a contact) is asked of winners.
 *
 * @event oncue-create - The server created the box. `detail: { interaction }` (the view).
 * @event oncue-error - The server refused the box. `detail: { code, message }` (`message` is localised).
 *
 * @csspart form - The form.
 * @csspart field - Each text/number input and the textareas.
 * @csspart answer - Each "In the box" radio button (choice boxes).
 * @csspart button - Each secondary button.
 * @csspart primary - The "Launch now" button.
 * @csspart error - Validation messages and server refusals.
 * @csspart field-error - A validation message beside its field (also `error`).
 * @csspart counter - The length counter of the title ("12/280").
 *
 * @cssproperty --accent-color - Primary buttons. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --surface-color - The panel. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --border-color - Field borders. Default `var(--oncue-border, rgb(22 24 35 / 0.5))`.
 * @cssproperty --danger-color - Messages and the field they concern. Default `var(--oncue-danger, #c4002b)`.
 */
export class OnCueBlindboxForm extends HostFormElement<BlindboxHostMessages> {
  static override styles = [baseStyles, hostConsoleStyles];

  @state() private boxTitle = '';
  @state() private image = '';
  @state() private type: GuessType = 'choice';
  @state() private options = emptyOptions();
  /** The option in the box: none until the host marks one. */
  @state() private answerIndex: number | undefined = undefined;
  @state() private showDistribution = false;
  @state() private min = '0';
  @state() private max = '1000';
  @state() private unit = '';
  @state() private numberAnswer = '';
  @state() private textAnswers = '';
  @state() private reward: RewardType = 'all';
  @state() private winners = '1';
  @state() private changeable = false;
  @state() private duration = '';

  private readonly l10n = new Localize(this, blindboxHostMessages);

  override render(): TemplateResult {
    const { t } = this.l10n;
    const field = (id: string, label: string, value: string, set: (v: string) => void, type = 'text', extra: { min?: number; max?: number } = {}) =>
      html`<label class="field-label" for=${id}>${label}</label>
        <input
          part="field"
          class="field ${type === 'number' ? 'number' : ''}"
          id=${id}
          type=${type}
          inputmode=${ifDefined(type === 'number' ? 'numeric' : undefined)}
          min=${ifDefined(extra.min)}
          max=${ifDefined(extra.max)}
          aria-invalid=${invalidFlag(this.invalid, id)}
          aria-describedby=${ifDefined(describedBy(this.invalid, id))}
          .value=${value}
          @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
        />
        ${fieldError(t, this.invalid, id)}`;
    return html`<form part="form" class="panel form" novalidate aria-labelledby="form-heading" @submit=${this.onSubmit}>
      <h2 id="form-heading" class="heading">${t('newBox')}</h2>
      <div class="label-row">
        <label class="field-label" for="title">${t('boxTitle')}</label>
        ${lengthCounter('title', this.boxTitle.length, MAX_TITLE)}
      </div>
      <input
        part="field"
        class="field"
        id="title"
        placeholder=${t('boxTitlePlaceholder')}
        aria-invalid=${invalidFlag(this.invalid, 'title')}
        aria-describedby=${ifDefined(describedBy(this.invalid, 'title', counterId('title')))}
        .value=${this.boxTitle}
        @input=${(e: Event) => (this.boxTitle = (e.target as HTMLInputElement).value)}
      />
      ${fieldError(t, this.invalid, 'title')}
      ${field('box-image', t('boxImage'), this.image, (v) => (this.image = v), 'url')}

      <fieldset class="group">
        <legend class="field-label">${t('guessType')}</legend>
        ${(['choice', 'number', 'text'] as const).map(
          (type) => html`<label class="check">
            <input type="radio" name="guess-type" value=${type} .checked=${this.type === type} @change=${() => this.setType(type)} />
            ${t(type === 'choice' ? 'guessChoice' : type === 'number' ? 'guessNumber' : 'guessText')}
          </label>`,
        )}
      </fieldset>
      <p class="hint">${t('secretHint')}</p>
      ${this.type === 'choice' ? this.renderChoice() : this.type === 'number' ? this.renderNumber(field) : this.renderText()}

      <fieldset class="group">
        <legend class="field-label">${t('reward')}</legend>
        ${(['all', 'first', 'draw', 'closest'] as const)
          .filter((r) => r !== 'closest' || this.type === 'number')
          .map(
            (r) => html`<label class="check">
              <input type="radio" name="reward" value=${r} .checked=${this.reward === r} @change=${() => (this.reward = r)} />
              ${t(r === 'all' ? 'rewardAll' : r === 'first' ? 'rewardFirst' : r === 'draw' ? 'rewardDraw' : 'rewardClosest')}
            </label>`,
          )}
        ${this.reward !== 'all' ? field('winners', t('winners'), this.winners, (v) => (this.winners = v), 'number', { min: 1, max: MAX_WINNERS }) : nothing}
      </fieldset>

      <fieldset class="group">
        <legend class="field-label">${t('settings')}</legend>
        <label class="check">
          <input type="checkbox" .checked=${this.changeable} @change=${(e: Event) => (this.changeable = (e.target as HTMLInputElement).checked)} />
          ${t('changeable')}
        </label>
        ${field('duration', t('duration'), this.duration, (v) => (this.duration = v), 'number', { min: 1, max: MAX_SECONDS })}
        <p class="hint">${t('freeEntry')}</p>
      </fieldset>

      <div class="form-foot">
        ${problemAlert(t, this.refusal)}
        <div class="actions">
          <button part="button" class="button" type="submit" value="draft" ?disabled=${this.creating}>${t('saveDraft')}</button>
          <button part="button primary" class="button primary" type="submit" value="launch" ?disabled=${this.creating}>${t('launchNow')}</button>
          ${this.creating ? html`<span class="hint" role="status">${t('creating')}</span>` : nothing}
        </div>
      </div>
    </form>`;
  }

  private renderChoice(): TemplateResult {
    const { t } = this.l10n;
    const count = this.options.length;
    return html`<fieldset class="group" id="options" aria-describedby=${ifDefined(describedBy(this.invalid, 'answer-0'))}>
        <legend class="field-label">${t('optionsLegend')}</legend>
        <ol class="option-rows" role="list">
          ${this.options.map((o, i) => {
            const radio = `answer-${i}`;
            const field = this.invalid?.field;
            return html`<li class="option-row">
              <label class="check correct-choice">
                <input
                  part="answer"
                  id=${radio}
                  type="radio"
                  name="answer"
                  aria-invalid=${invalidFlag(this.invalid, radio)}
                  .checked=${this.answerIndex === i}
                  @change=${() => (this.answerIndex = i)}
                />
                ${t('inTheBox')}<span class="sr-only"> (${t('option', i + 1)})</span>
              </label>
              ${optionFields({
                id: `option-${i}`,
                label: o.label,
                image: o.image,
                labelName: t('option', i + 1),
                imageName: t('optionImage', i + 1),
                removeName: t('removeOption', i + 1),
                placeholder: t('option', i + 1),
                imagePlaceholder: t('imagePlaceholder'),
                canRemove: count > MIN_OPTIONS,
                invalid: field === `option-${i}` ? 'label' : field === `image-option-${i}` ? 'image' : undefined,
                errorId: `option-${i}-error`,
                onInput: (change) => (this.options = this.options.map((x, j) => (j === i ? { ...x, ...change } : x))),
                onRemove: () => this.removeOption(i),
              })}
              ${fieldError(t, this.invalid, `option-${i}`)}
            </li>`;
          })}
        </ol>
        ${fieldError(t, this.invalid, 'options')}
        <button part="button" class="button" type="button" ?disabled=${count >= MAX_OPTIONS} @click=${() => (this.options = [...this.options, { label: '', image: '' }])}>
          ${t('addOption')}
        </button>
      </fieldset>
      <label class="check">
        <input type="checkbox" .checked=${this.showDistribution} @change=${(e: Event) => (this.showDistribution = (e.target as HTMLInputElement).checked)} />
        ${t('showDistribution')}
      </label>`;
  }

  private renderNumber(
    field: (id: string, label: string, value: string, set: (v: string) => void, type?: string, extra?: { min?: number; max?: number }) => TemplateResult,
  ): TemplateResult {
    const { t } = this.l10n;
    return html`${field('min', t('min'), this.min, (v) => (this.min = v), 'number')} ${field('max', t('max'), this.max, (v) => (this.max = v), 'number')}
    ${field('unit', t('unit'), this.unit, (v) => (this.unit = v))} ${field('number-answer', t('numberAnswer'), this.numberAnswer, (v) => (this.numberAnswer = v), 'number')}`;
  }

  private renderText(): TemplateResult {
    const { t } = this.l10n;
    return html`<label class="field-label" for="text-answers">${t('textAnswers')}</label>
      <p class="hint" id="text-answers-hint">${t('textAnswersHint')}</p>
      <textarea
        part="field"
        class="field"
        id="text-answers"
        rows="3"
        aria-invalid=${invalidFlag(this.invalid, 'text-answers')}
        aria-describedby=${ifDefined(describedBy(this.invalid, 'text-answers', 'text-answers-hint'))}
        .value=${this.textAnswers}
        @input=${(e: Event) => (this.textAnswers = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${fieldError(t, this.invalid, 'text-answers')}`;
  }

  private setType(type: GuessType): void {
    this.type = type;
    if (this.reward === 'closest' && type !== 'number') this.reward = 'all';
    this.invalid = null;
  }

  private removeOption(index: number): void {
    if (this.options.length <= MIN_OPTIONS) return;
    this.options = this.options.filter((_, i) => i !== index);
    if (this.answerIndex === index) this.answerIndex = undefined;
    else if (this.answerIndex !== undefined && this.answerIndex > index) this.answerIndex -= 1;
  }

  /** The spec the form describes, or what is wrong with it and where. */
  private spec(launch: boolean): BlindboxSpecInput | Invalid {
    const at = (key: keyof BlindboxHostMessages & string, field: string, arg?: number): Invalid => ({
      problem: arg === undefined ? { key } : { key, arg },
      field,
      anchor: field,
    });
    const title = this.boxTitle.trim();
    if (!title) return at('invalidTitle', 'title');
    if (title.length > MAX_TITLE) return at('tooLong', 'title', MAX_TITLE);
    const image = this.image.trim();
    if (image && !isImageUrl(image)) return at('invalidImage', 'box-image');
    let guess: BlindboxSpecInput['guess'];
    let answer: number | string[];
    if (this.type === 'choice') {
      const options = this.options.map((o) => ({ label: o.label.trim(), image: o.image.trim() }));
      const empty = options.findIndex((o) => !o.label);
      if (empty >= 0) return at('invalidOptions', `option-${empty}`);
      const long = options.findIndex((o) => o.label.length > MAX_OPTION_LABEL);
      if (long >= 0) return at('tooLong', `option-${long}`, MAX_OPTION_LABEL);
      const badImage = options.findIndex((o) => o.image && !isImageUrl(o.image));
      if (badImage >= 0) return { problem: { key: 'invalidImage' }, field: `image-option-${badImage}`, anchor: `option-${badImage}` };
      if (this.answerIndex === undefined)
        return { problem: { key: 'pickAnswer' }, field: 'answer-0', anchor: 'options', fields: options.map((_, i) => `answer-${i}`) };
      guess = { type: 'choice', options: options.map((o) => (o.image ? o : { label: o.label })), showDistribution: this.showDistribution };
      answer = this.answerIndex;
    } else if (this.type === 'number') {
      const min = wholeNumberIn(this.min, -MAX_NUMBER, MAX_NUMBER);
      const max = wholeNumberIn(this.max, -MAX_NUMBER, MAX_NUMBER);
      if (min === undefined || max === undefined || min > max) return at('invalidRange', min === undefined ? 'min' : 'max');
      const value = wholeNumberIn(this.numberAnswer, min, max);
      if (value === undefined) return at('invalidNumberAnswer', 'number-answer');
      guess = this.unit.trim() ? { type: 'number', min, max, unit: this.unit.trim() } : { type: 'number', min, max };
      answer = value;
    } else {
      const texts = this.textAnswers
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (!texts.length || texts.length > MAX_ACCEPTED || texts.some((x) => x.length > MAX_TEXT || !/[\p{L}\p{N}]/u.test(x)))
        return at('invalidTextAnswers', 'text-answers');
      guess = { type: 'text' };
      answer = texts;
    }
    let reward: BlindboxSpecInput['reward'] = { type: 'all' };
    if (this.reward !== 'all') {
      const winners = wholeNumberIn(this.winners, 1, MAX_WINNERS);
      if (winners === undefined) return at('invalidWinners', 'winners');
      reward = { type: this.reward, winners };
    }
    const spec: BlindboxSpecInput = { kind: 'blindbox', title, guess, answer, reward, changeable: this.changeable, draft: !launch };
    if (image) spec.image = image;
    if (this.duration.trim()) {
      const seconds = wholeNumberIn(this.duration, 1, MAX_SECONDS);
      if (seconds === undefined) return at('invalidDuration', 'duration');
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
        this.boxTitle = this.image = this.unit = this.numberAnswer = this.textAnswers = this.duration = '';
        this.options = emptyOptions();
        this.answerIndex = undefined;
        this.showDistribution = this.changeable = false;
        this.reward = 'all';
      },
    );
  }
}
