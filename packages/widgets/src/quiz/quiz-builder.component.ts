import type { QuizQuestionSpec, QuizSpecInput } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { isImageUrl, wholeNumberIn } from '../host-console/form-values.js';
import { HostFormElement } from '../host-console/host-form-element.js';
import { hostConsoleStyles } from '../host-console/host-console.styles.js';
import { counterId, describedBy, errorId, fieldError, invalidFlag, lengthCounter, showsCounter, type FieldProblem } from '../host-console/field-error.js';
import { MAX_OPTION_LABEL, optionFields } from '../host-console/option-fields.js';
import { problemAlert, refused, type Problem as ProblemOf } from '../host-console/problem.js';
import { quizHostMessages, type QuizHostMessages } from './quiz-host-messages.js';
import { QuizTemplates, type QuizTemplate } from './quiz-templates.js';
import { quizBuilderStyles } from './quiz-builder.styles.js';

// Limits of the protocol, repeated as numbers so the console does not load the validation library.
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 6;
const MAX_QUESTIONS = 20;
const MAX_PROMPT = 280;
const MIN_SECONDS = 5;
const MAX_SECONDS = 300;
const DEFAULT_SECONDS = 15;
const MAX_REVEAL = 300;
const DEFAULT_REVEAL = 5;
const MAX_TEMPLATE_NAME = 60;

interface QuestionDraft {
  prompt: string;
  options: { label: string; image: string }[];
  /** The correct option: none until the host marks one. */
  correct?: number;
  seconds: string;
}

type Problem = ProblemOf<QuizHostMessages>;
/** A form mistake, shown beside its field (see `field-error.ts`). */
type Invalid = FieldProblem<QuizHostMessages>;

const emptyQuestion = (): QuestionDraft => ({
  prompt: '',
  options: [
    { label: '', image: '' },
    { label: '', image: '' },
  ],
  seconds: String(DEFAULT_SECONDS),
});

/**
 * @customElement oncue-quiz-builder
 * @summary The host's quiz form: questions with their options and correct answer, timing, and saved question sets.
 *
 * The quiz's form in `<oncue-host-console>` (its host registry line); works on its own with a host `connection`. Each question has a
 * prompt, 2–6 options (optional image URLs), one correct option (a radio button labelled "Correct" beside each option,
 * grouped per question, none chosen at first) and a time limit (5–300 s, default 15); up to 20 questions. A quiz is
 * neither launched nor saved until every question has its correct option marked. Settings: speed scoring (on by default), signed-in viewers only and
 * the reveal pause between questions (default 5 s; 0 waits for the host). The quiz is saved as a
 * draft or launched at once. Question sets can be saved as named templates, loaded and deleted;
 * they are kept in this browser's storage (`localStorage`).
 *
 * A mistake is announced (`role="alert"`) beside the field or group it concerns (`part="field-error"`), which is marked
 * `aria-invalid`, described by the message and focused; a server refusal shows above the buttons, which stay in view at
 * the bottom of the screen while the form is taller than it. Prompts show their length ("12/280"), option labels once
 * they near their 120 characters; text over a limit is refused with a message, never cut.
 *
 * @event oncue-create - The server created the quiz. `detail: { interaction }` (the view).
 * @event oncue-error - The server refused the quiz. `detail: { code, message }` (`message` is localised).
 *
 * @csspart form - The form.
 * @csspart question - Each question's fieldset.
 * @csspart field - Each text/number input and textarea.
 * @csspart correct - Each "Correct" radio button (beside each option).
 * @csspart correct-choice - The label of each "Correct" radio button.
 * @csspart button - Each secondary button.
 * @csspart primary - The "Launch quiz" button.
 * @csspart templates - The saved question sets group.
 * @csspart error - Validation and server errors.
 * @csspart field-error - A validation message beside its field (also `error`).
 * @csspart counter - The length counter of a field ("12/280").
 */
export class OnCueQuizBuilder extends HostFormElement<QuizHostMessages> {
  static override styles = [baseStyles, hostConsoleStyles, quizBuilderStyles];

  /** Where templates are kept (default: `localStorage`). */
  @property({ attribute: false }) templates = new QuizTemplates();

  @state() private questions: QuestionDraft[] = [emptyQuestion()];
  @state() private speedScoring = true;
  @state() private signedOnly = false;
  @state() private revealSeconds = String(DEFAULT_REVEAL);
  @state() private templateName = '';
  @state() private chosenTemplate = '';
  @state() private templateNotice: { key: 'templateSaved' | 'templateLoaded' | 'templateDeleted'; name: string } | null = null;
  @state() private saved: QuizTemplate[] = [];

  private readonly l10n = new Localize(this, quizHostMessages);

  override connectedCallback(): void {
    super.connectedCallback();
    this.saved = this.templates.list();
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    return html`<form part="form" class="form" novalidate aria-label=${t('newQuiz')} @submit=${this.onSubmit}>
      ${this.questions.map((q, i) => this.renderQuestion(q, i))}
      <button part="button" class="button" type="button" ?disabled=${this.questions.length >= MAX_QUESTIONS} @click=${this.addQuestion}>
        ${t('addQuestion')}
      </button>

      <fieldset class="group">
        <legend class="field-label">${t('settings')}</legend>
        <label class="check">
          <input type="checkbox" .checked=${this.speedScoring} @change=${(e: Event) => (this.speedScoring = (e.target as HTMLInputElement).checked)} />
          ${t('speedScoring')}
        </label>
        <label class="check">
          <input type="checkbox" id="quiz-signed-only" .checked=${this.signedOnly} @change=${(e: Event) => (this.signedOnly = (e.target as HTMLInputElement).checked)} />
          ${t('signedOnly')}
        </label>
        <label class="field-label" for="reveal-seconds">${t('revealSeconds')}</label>
        <input
          part="field"
          class="field number"
          id="reveal-seconds"
          type="number"
          inputmode="numeric"
          min="0"
          max=${MAX_REVEAL}
          aria-invalid=${invalidFlag(this.invalid, 'reveal-seconds')}
          aria-describedby=${ifDefined(describedBy(this.invalid, 'reveal-seconds'))}
          .value=${this.revealSeconds}
          @input=${(e: Event) => (this.revealSeconds = (e.target as HTMLInputElement).value)}
        />
        ${fieldError(t, this.invalid, 'reveal-seconds')}
      </fieldset>

      ${this.renderTemplates()}
      <div class="form-foot">
        ${problemAlert(this.l10n.t, this.refusal)}
        <div class="actions">
          <button part="button" class="button" type="submit" value="draft" ?disabled=${this.creating}>${t('saveDraft')}</button>
          <button part="button primary" class="button primary" type="submit" value="launch" ?disabled=${this.creating}>${t('launchQuiz')}</button>
          ${this.creating ? html`<span class="hint" role="status">${t('creating')}</span>` : nothing}
        </div>
      </div>
    </form>`;
  }

  private renderQuestion(q: QuestionDraft, qi: number): TemplateResult {
    const { t } = this.l10n;
    const invalid = this.invalid;
    const n = qi + 1;
    const prompt = `prompt-${qi}`;
    const seconds = `seconds-${qi}`;
    return html`<fieldset part="question" class="group question-set" data-question=${qi}>
      <legend class="field-label">${t('questionN', n)}</legend>
      <div class="label-row">
        <label class="sr-only" for=${prompt}>${t('promptN', n)}</label>
        ${lengthCounter(prompt, q.prompt.length, MAX_PROMPT)}
      </div>
      <textarea
        part="field"
        class="field"
        id=${prompt}
        rows="2"
        placeholder=${t('quizPromptPlaceholder')}
        aria-invalid=${invalidFlag(invalid, prompt)}
        aria-describedby=${ifDefined(describedBy(invalid, prompt, counterId(prompt)))}
        .value=${q.prompt}
        @input=${(e: Event) => this.editQuestion(qi, { prompt: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
      ${fieldError(t, invalid, prompt)}
      <fieldset class="group inner">
        <legend>${t('optionsOf', n)}</legend>
        <ol class="option-rows" role="list">
          ${q.options.map((o, oi) => {
            const id = `q${qi}-option-${oi}`;
            const radio = `q${qi}-correct-${oi}`;
            return html`<li class="option-row quiz-option">
              <label part="correct-choice" class="check correct-choice">
                <input
                  part="correct"
                  class="correct"
                  id=${radio}
                  type="radio"
                  name="correct-${qi}"
                  aria-invalid=${invalidFlag(invalid, radio)}
                  aria-describedby=${ifDefined(describedBy(invalid, radio))}
                  .checked=${q.correct === oi}
                  @change=${() => this.markCorrect(qi, oi)}
                />
                ${t('correctLabel')}<span class="sr-only">${t('correctOf', oi + 1, n)}</span>
              </label>
              ${optionFields({
                id,
                label: o.label,
                image: o.image,
                labelName: t('optionOf', oi + 1, n),
                imageName: t('optionImageOf', oi + 1, n),
                removeName: t('removeOptionOf', oi + 1, n),
                placeholder: t('option', oi + 1),
                imagePlaceholder: t('imagePlaceholder'),
                canRemove: q.options.length > MIN_OPTIONS,
                invalid: invalid?.field === id ? 'label' : invalid?.field === `image-${id}` ? 'image' : undefined,
                errorId: errorId(id),
                onInput: (change) => this.editOption(qi, oi, change),
                onRemove: () => this.removeOption(qi, oi),
              })}
              ${fieldError(t, invalid, id)}
            </li>`;
          })}
        </ol>
        ${fieldError(t, invalid, `q${qi}-correct`)}
      </fieldset>
      <div class="question-foot">
        <button part="button" class="button" type="button" ?disabled=${q.options.length >= MAX_OPTIONS} @click=${() => this.addOption(qi)}>
          ${t('addOption')}
        </button>
        <label class="inline">
          ${t('secondsLabel')}
          <input
            part="field"
            class="field number"
            id=${seconds}
            type="number"
            inputmode="numeric"
            min=${MIN_SECONDS}
            max=${MAX_SECONDS}
            aria-label=${t('secondsOf', n)}
            aria-invalid=${invalidFlag(invalid, seconds)}
            aria-describedby=${ifDefined(describedBy(invalid, seconds))}
            .value=${q.seconds}
            @input=${(e: Event) => this.editQuestion(qi, { seconds: (e.target as HTMLInputElement).value })}
          />
        </label>
        <button
          part="button"
          class="button"
          type="button"
          aria-label=${t('removeQuestion', n)}
          ?disabled=${this.questions.length <= 1}
          @click=${() => this.removeQuestion(qi)}
        >
          ${t('remove')}
        </button>
      </div>
      ${fieldError(t, invalid, seconds)}
    </fieldset>`;
  }

  private renderTemplates(): TemplateResult {
    const { t } = this.l10n;
    const notice = this.templateNotice;
    const nameCounted = showsCounter(this.templateName.length, MAX_TEMPLATE_NAME);
    return html`<fieldset part="templates" class="group">
      <legend class="field-label">${t('templates')}</legend>
      ${
        this.saved.length
          ? html`<div class="template-row">
            <label class="sr-only" for="template-choice">${t('savedTemplates')}</label>
            <select
              part="field"
              class="field"
              id="template-choice"
              .value=${this.chosenTemplate}
              @change=${(e: Event) => (this.chosenTemplate = (e.target as HTMLSelectElement).value)}
            >
              <option value="">${t('chooseTemplate')}</option>
              ${this.saved.map((tpl) => html`<option value=${tpl.name} ?selected=${tpl.name === this.chosenTemplate}>${tpl.name}</option>`)}
            </select>
            <button part="button" class="button" type="button" ?disabled=${!this.chosenTemplate} @click=${this.loadTemplate}>${t('loadTemplate')}</button>
            <button part="button" class="button" type="button" ?disabled=${!this.chosenTemplate} @click=${this.deleteTemplate}>${t('deleteTemplate')}</button>
          </div>`
          : html`<p class="hint">${t('noTemplates')}</p>`
      }
      <div class="template-row">
        <label class="sr-only" for="template-name">${t('templateName')}</label>
        <input
          part="field"
          class="field"
          id="template-name"
          placeholder=${t('templateName')}
          aria-invalid=${invalidFlag(this.invalid, 'template-name')}
          aria-describedby=${ifDefined(describedBy(this.invalid, 'template-name', nameCounted ? counterId('template-name') : undefined))}
          .value=${this.templateName}
          @input=${(e: Event) => (this.templateName = (e.target as HTMLInputElement).value)}
        />
        <button part="button" class="button" type="button" @click=${this.saveTemplate}>${t('saveTemplate')}</button>
        ${nameCounted ? lengthCounter('template-name', this.templateName.length, MAX_TEMPLATE_NAME) : nothing}
      </div>
      ${fieldError(t, this.invalid, 'template-name')}
      <p class="hint" role="status">${notice ? t(notice.key, notice.name) : ''}</p>
    </fieldset>`;
  }

  private editQuestion(qi: number, change: Partial<QuestionDraft>): void {
    this.questions = this.questions.map((q, i) => (i === qi ? { ...q, ...change } : q));
  }

  /** Marks option `oi` as the correct answer to question `qi` (and clears the message asking for one). */
  private markCorrect(qi: number, oi: number): void {
    this.editQuestion(qi, { correct: oi });
    if (this.invalid?.anchor === `q${qi}-correct`) this.invalid = null;
  }

  private editOption(qi: number, oi: number, change: Partial<QuestionDraft['options'][number]>): void {
    const q = this.questions[qi]!;
    this.editQuestion(qi, { options: q.options.map((o, i) => (i === oi ? { ...o, ...change } : o)) });
  }

  private async addOption(qi: number): Promise<void> {
    const q = this.questions[qi]!;
    if (q.options.length >= MAX_OPTIONS) return;
    this.editQuestion(qi, { options: [...q.options, { label: '', image: '' }] });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#q${qi}-option-${q.options.length}`)?.focus();
  }

  private async removeOption(qi: number, oi: number): Promise<void> {
    const q = this.questions[qi]!;
    if (q.options.length <= MIN_OPTIONS) return;
    const options = q.options.filter((_, i) => i !== oi);
    // The correct option keeps pointing at the same option (or none, if it was the one removed).
    const correct = q.correct === undefined || q.correct === oi ? undefined : q.correct > oi ? q.correct - 1 : q.correct;
    this.editQuestion(qi, { options, correct });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#q${qi}-option-${Math.min(oi, options.length - 1)}`)?.focus();
  }

  private async addQuestion(): Promise<void> {
    if (this.questions.length >= MAX_QUESTIONS) return;
    this.questions = [...this.questions, emptyQuestion()];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>(`#prompt-${this.questions.length - 1}`)?.focus();
  }

  private async removeQuestion(qi: number): Promise<void> {
    if (this.questions.length <= 1) return;
    this.questions = this.questions.filter((_, i) => i !== qi);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>(`#prompt-${Math.min(qi, this.questions.length - 1)}`)?.focus();
  }

  /** The quiz the form describes (without `draft`), or what is wrong with it and where. */
  private quiz(): Omit<QuizSpecInput, 'draft'> | Invalid {
    const questions: QuizQuestionSpec[] = [];
    for (const [qi, q] of this.questions.entries()) {
      const n = qi + 1;
      const at = (problem: Problem, field: string, anchor = field, fields?: string[]): Invalid => ({ problem, field, anchor, fields });
      const prompt = q.prompt.trim();
      if (!prompt) return at({ key: 'invalidPrompt', arg: n }, `prompt-${qi}`);
      if (prompt.length > MAX_PROMPT) return at({ key: 'tooLong', arg: MAX_PROMPT }, `prompt-${qi}`);
      const options = q.options.map((o) => ({ label: o.label.trim(), image: o.image.trim() }));
      for (const [oi, o] of options.entries()) {
        const id = `q${qi}-option-${oi}`;
        if (!o.label) return at({ key: 'invalidQuizOptions', arg: n }, id);
        if (o.label.length > MAX_OPTION_LABEL) return at({ key: 'tooLong', arg: MAX_OPTION_LABEL }, id);
        if (o.image && !isImageUrl(o.image)) return at({ key: 'invalidImage' }, `image-${id}`, id);
      }
      if (q.correct === undefined) {
        const radios = options.map((_, oi) => `q${qi}-correct-${oi}`);
        return at({ key: 'invalidCorrect', arg: n }, radios[0]!, `q${qi}-correct`, radios);
      }
      const seconds = wholeNumberIn(q.seconds, MIN_SECONDS, MAX_SECONDS);
      if (seconds === undefined) return at({ key: 'invalidSeconds', arg: n }, `seconds-${qi}`);
      questions.push({ prompt, options: options.map((o) => (o.image ? o : { label: o.label })), correct: q.correct, seconds });
    }
    const reveal = wholeNumberIn(this.revealSeconds, 0, MAX_REVEAL);
    if (reveal === undefined) return { problem: { key: 'invalidReveal' }, field: 'reveal-seconds', anchor: 'reveal-seconds' };
    return { kind: 'quiz', questions, speedScoring: this.speedScoring, revealSeconds: reveal, ...(this.signedOnly ? { signedOnly: true } : {}) };
  }

  /** Shows a form mistake beside its field and moves the focus there. */
  private async showInvalid(invalid: Invalid): Promise<void> {
    this.invalid = invalid;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${invalid.field}`)?.focus();
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const conn = this.connection;
    if (!conn || this.creating) return;
    // Enter in a field submits with the first button, "Save as draft": nothing goes live by accident.
    const launch = (event.submitter as HTMLButtonElement | null)?.value === 'launch';
    const quiz = this.quiz();
    this.refusal = null;
    if (!('kind' in quiz)) return this.showInvalid(quiz);
    this.invalid = null;
    this.creating = true;
    const result = await conn.createInteraction({ ...quiz, draft: !launch }).catch(() => null);
    this.creating = false;
    if (result?.ok) {
      this.questions = [emptyQuestion()];
      this.signedOnly = false;
      this.emit('oncue-create', { interaction: result.value });
      return;
    }
    this.refusal = refused(this, this.l10n.t, result);
  }

  private saveTemplate(): void {
    const name = this.templateName.trim();
    if (!name || name.length > MAX_TEMPLATE_NAME) {
      const problem: Problem = name ? { key: 'tooLong', arg: MAX_TEMPLATE_NAME } : { key: 'templateNameMissing' };
      void this.showInvalid({ problem, field: 'template-name', anchor: 'template-name' });
      return;
    }
    const quiz = this.quiz();
    if (!('kind' in quiz)) {
      void this.showInvalid(quiz);
      return;
    }
    this.invalid = this.refusal = null;
    this.templates.save(name, quiz);
    this.saved = this.templates.list();
    this.chosenTemplate = name;
    this.templateName = '';
    this.templateNotice = { key: 'templateSaved', name };
  }

  private loadTemplate(): void {
    const template = this.templates.get(this.chosenTemplate);
    if (!template) return;
    const { quiz } = template;
    this.questions = quiz.questions.map((q) => ({
      prompt: q.prompt,
      options: q.options.map((o) => ({ label: o.label, image: o.image ?? '' })),
      correct: q.correct,
      seconds: String(q.seconds ?? DEFAULT_SECONDS),
    }));
    this.speedScoring = quiz.speedScoring ?? true;
    this.signedOnly = quiz.signedOnly === true;
    this.revealSeconds = String(quiz.revealSeconds ?? DEFAULT_REVEAL);
    this.invalid = this.refusal = null;
    this.templateNotice = { key: 'templateLoaded', name: template.name };
  }

  private deleteTemplate(): void {
    const name = this.chosenTemplate;
    this.templates.remove(name);
    this.saved = this.templates.list();
    this.chosenTemplate = '';
    this.templateNotice = { key: 'templateDeleted', name };
  }
}
