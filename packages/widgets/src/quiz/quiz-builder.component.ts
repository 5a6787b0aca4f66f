import type { QuizQuestionSpec, QuizSpecInput } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { isImageUrl, wholeNumberIn } from '../host-console/form-values.js';
import { HostFormElement } from '../host-console/host-form-element.js';
import { hostConsoleStyles } from '../host-console/host-console.styles.js';
import { optionFields } from '../host-console/option-fields.js';
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
  correct: number;
  seconds: string;
}

type Problem = ProblemOf<QuizHostMessages>;

const emptyQuestion = (): QuestionDraft => ({
  prompt: '',
  options: [
    { label: '', image: '' },
    { label: '', image: '' },
  ],
  correct: 0,
  seconds: String(DEFAULT_SECONDS),
});

/**
 * @customElement oncue-quiz-builder
 * @summary The host's quiz form: questions with their options and correct answer, timing, and saved question sets.
 *
 * The quiz's form in `<oncue-host-console>` (its host registry line); works on its own with a host `connection`. Each question has a
 * prompt, 2–6 options (optional image URLs), one correct option (a radio button per option) and a
 * time limit (5–300 s, default 15); up to 20 questions. Settings: speed scoring (on by default), signed-in viewers only and
 * the reveal pause between questions (default 5 s; 0 waits for the host). The quiz is saved as a
 * draft or launched at once. Question sets can be saved as named templates, loaded and deleted;
 * they are kept in this browser's storage (`localStorage`).
 *
 * @event oncue-create - The server created the quiz. `detail: { interaction }` (the view).
 * @event oncue-error - The server refused the quiz. `detail: { code, message }` (`message` is localised).
 *
 * @csspart form - The form.
 * @csspart question - Each question's fieldset.
 * @csspart field - Each text/number input and textarea.
 * @csspart correct - Each "correct option" radio button.
 * @csspart button - Each secondary button.
 * @csspart primary - The "Launch quiz" button.
 * @csspart templates - The saved question sets group.
 * @csspart error - Validation and server errors.
 */
export class OnCueQuizBuilder extends HostFormElement {
  static override styles = [baseStyles, hostConsoleStyles, quizBuilderStyles];

  /** Where templates are kept (default: `localStorage`). */
  @property({ attribute: false }) templates = new QuizTemplates();

  @state() private questions: QuestionDraft[] = [emptyQuestion()];
  @state() private speedScoring = true;
  @state() private signedOnly = false;
  @state() private revealSeconds = String(DEFAULT_REVEAL);
  @state() private creating = false;
  @state() private problem: Problem | null = null;
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
          .value=${this.revealSeconds}
          @input=${(e: Event) => (this.revealSeconds = (e.target as HTMLInputElement).value)}
        />
      </fieldset>

      ${this.renderTemplates()}
      ${problemAlert(this.l10n.t, this.problem)}
      <div class="actions">
        <button part="button" class="button" type="submit" value="draft" ?disabled=${this.creating}>${t('saveDraft')}</button>
        <button part="button primary" class="button primary" type="submit" value="launch" ?disabled=${this.creating}>${t('launchQuiz')}</button>
        ${this.creating ? html`<span class="hint" role="status">${t('creating')}</span>` : nothing}
      </div>
    </form>`;
  }

  private renderQuestion(q: QuestionDraft, qi: number): TemplateResult {
    const { t } = this.l10n;
    const n = qi + 1;
    return html`<fieldset part="question" class="group question-set" data-question=${qi}>
      <legend class="field-label">${t('questionN', n)}</legend>
      <label class="field-label sr-only" for="prompt-${qi}">${t('promptN', n)}</label>
      <textarea
        part="field"
        class="field"
        id="prompt-${qi}"
        rows="2"
        maxlength=${MAX_PROMPT}
        placeholder=${t('quizPromptPlaceholder')}
        .value=${q.prompt}
        @input=${(e: Event) => this.editQuestion(qi, { prompt: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
      <ol class="option-rows" role="list">
        ${q.options.map(
          (o, oi) => html`<li class="option-row quiz-option">
            <input
              part="correct"
              class="correct"
              type="radio"
              name="correct-${qi}"
              aria-label=${t('markCorrect', oi + 1, n)}
              .checked=${q.correct === oi}
              @change=${() => this.editQuestion(qi, { correct: oi })}
            />
            ${optionFields({
              id: `q${qi}-option-${oi}`,
              label: o.label,
              image: o.image,
              labelName: t('optionOf', oi + 1, n),
              imageName: t('optionImageOf', oi + 1, n),
              removeName: t('removeOptionOf', oi + 1, n),
              placeholder: t('option', oi + 1),
              imagePlaceholder: t('imagePlaceholder'),
              canRemove: q.options.length > MIN_OPTIONS,
              onInput: (change) => this.editOption(qi, oi, change),
              onRemove: () => this.removeOption(qi, oi),
            })}
          </li>`,
        )}
      </ol>
      <div class="question-foot">
        <button part="button" class="button" type="button" ?disabled=${q.options.length >= MAX_OPTIONS} @click=${() => this.addOption(qi)}>
          ${t('addOption')}
        </button>
        <label class="inline">
          ${t('secondsLabel')}
          <input
            part="field"
            class="field number"
            type="number"
            inputmode="numeric"
            min=${MIN_SECONDS}
            max=${MAX_SECONDS}
            aria-label=${t('secondsOf', n)}
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
    </fieldset>`;
  }

  private renderTemplates(): TemplateResult {
    const { t } = this.l10n;
    const notice = this.templateNotice;
    return html`<fieldset part="templates" class="group">
      <legend class="field-label">${t('templates')}</legend>
      ${this.saved.length
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
        : html`<p class="hint">${t('noTemplates')}</p>`}
      <div class="template-row">
        <label class="sr-only" for="template-name">${t('templateName')}</label>
        <input
          part="field"
          class="field"
          id="template-name"
          maxlength=${MAX_TEMPLATE_NAME}
          placeholder=${t('templateName')}
          .value=${this.templateName}
          @input=${(e: Event) => (this.templateName = (e.target as HTMLInputElement).value)}
        />
        <button part="button" class="button" type="button" @click=${this.saveTemplate}>${t('saveTemplate')}</button>
      </div>
      <p class="hint" role="status">${notice ? t(notice.key, notice.name) : ''}</p>
    </fieldset>`;
  }

  private editQuestion(qi: number, change: Partial<QuestionDraft>): void {
    this.questions = this.questions.map((q, i) => (i === qi ? { ...q, ...change } : q));
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
    // The correct option keeps pointing at the same option (or the first, if it was the one removed).
    const correct = q.correct === oi ? 0 : q.correct > oi ? q.correct - 1 : q.correct;
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

  /** The quiz the form describes (without `draft`), or what is wrong with it. */
  private quiz(): Omit<QuizSpecInput, 'draft'> | Problem {
    const questions: QuizQuestionSpec[] = [];
    for (const [i, q] of this.questions.entries()) {
      const prompt = q.prompt.trim();
      if (!prompt) return { key: 'invalidPrompt', arg: i + 1 };
      const options = q.options.map((o) => ({ label: o.label.trim(), image: o.image.trim() }));
      if (options.some((o) => !o.label)) return { key: 'invalidQuizOptions', arg: i + 1 };
      if (options.some((o) => o.image && !isImageUrl(o.image))) return { key: 'invalidImage' };
      const seconds = wholeNumberIn(q.seconds, MIN_SECONDS, MAX_SECONDS);
      if (seconds === undefined) return { key: 'invalidSeconds', arg: i + 1 };
      questions.push({ prompt, options: options.map((o) => (o.image ? o : { label: o.label })), correct: q.correct, seconds });
    }
    const reveal = wholeNumberIn(this.revealSeconds, 0, MAX_REVEAL);
    if (reveal === undefined) return { key: 'invalidReveal' };
    return { kind: 'quiz', questions, speedScoring: this.speedScoring, revealSeconds: reveal, ...(this.signedOnly ? { signedOnly: true } : {}) };
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const conn = this.connection;
    if (!conn || this.creating) return;
    // Enter in a field submits with the first button, "Save as draft": nothing goes live by accident.
    const launch = (event.submitter as HTMLButtonElement | null)?.value === 'launch';
    const quiz = this.quiz();
    if (!('kind' in quiz)) {
      this.problem = quiz;
      return;
    }
    this.problem = null;
    this.creating = true;
    const result = await conn.createInteraction({ ...quiz, draft: !launch }).catch(() => null);
    this.creating = false;
    if (result?.ok) {
      this.questions = [emptyQuestion()];
      this.signedOnly = false;
      this.emit('oncue-create', { interaction: result.value });
      return;
    }
    this.problem = refused(this, this.l10n.t, result);
  }

  private saveTemplate(): void {
    const name = this.templateName.trim();
    if (!name) {
      this.problem = { key: 'templateNameMissing' };
      return;
    }
    const quiz = this.quiz();
    if (!('kind' in quiz)) {
      this.problem = quiz;
      return;
    }
    this.problem = null;
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
    this.problem = null;
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
