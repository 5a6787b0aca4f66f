import type { RoomConnection } from '@oncue/core';
import type { ErrorCode, PollSpecInput, PollView, QuizView, Result } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { Ticker } from '../shared/ticker.js';
import { hostTokenForm } from '../shared/host-token-form.js';
import { OnCueElement } from '../shared/oncue-element.js';
import { RoomController } from '../shared/room-controller.js';
import { clock } from '../shared/viewer-messages.js';
import { hostMessages } from './host-messages.js';
import { hostConsoleStyles } from './host-console.styles.js';
import { isImageUrl, wholeNumberIn } from './form-values.js';
import { optionFields } from './option-fields.js';
import { problemAlert, refused, type Problem } from './problem.js';
import { quizItem } from './quiz-item.js';
import { tallyList } from './tally-list.js';
import './quiz-builder.js';

// Limits of the protocol, repeated as numbers so the console does not load the validation library.
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 10;
const MAX_QUESTION = 280;
const MAX_SECONDS = 86_400;

interface OptionDraft {
  label: string;
  image: string;
}

/** Why the sign-in form shows instead of the console: no token yet, a submitted token being tried, a token the server refused. */
type SignIn = 'needed' | 'pending' | 'refused';

const emptyOptions = (): OptionDraft[] => [
  { label: '', image: '' },
  { label: '', image: '' },
];

/**
 * @customElement oncue-host-console
 * @summary The host's console: create polls, quizzes and giveaways, launch drafts, run quizzes question by question, draw, close, watch the tallies live.
 *
 * Connects to `server` + `room` as host with `token` (or uses a host `connection`). Without a token, or
 * when the server refuses it at connection, a sign-in form asks for one ("Host token", "Connect");
 * submitting sets `token` and connects again, and a refused token is announced (`role="alert"`) with
 * the form still there to try again. The token is kept in memory only, never in Web Storage.
 * Once connected, the form creates a poll
 * (2–10 options, optional images, multi-choice with a maximum, vote changes, signed-in viewers only,
 * results live or after close, optional duration, an optional A/B alternative wording) as a draft or launched at
 * once. "Quiz" switches to `<oncue-quiz-builder>`: questions with a correct option and a time
 * limit, speed scoring, the reveal pause, and saved question sets. "Giveaway" switches to the launch
 * form of `<oncue-lottery-panel>`; the room's giveaways (draw, winners, claims, CSV) show in a list of
 * their own once there is one. The main list shows every poll and
 * quiz of the room, newest first, with its status and live tally; a running quiz shows the current
 * question with its answers and the buttons to reveal the answer, open the next question (sent
 * with the question the host sees, so a double tap never skips one) or end it; a finished quiz
 * shows its leaderboard. Everything is a native form control: keyboard and
 * screen readers work as usual.
 *
 * @event oncue-create - The server created an interaction. `detail: { interaction }` (the view).
 * @event oncue-error - The server refused an action. `detail: { code, message }` (`message` is localised).
 *
 * @csspart base - The wrapper.
 * @csspart sign-in - The sign-in form, shown while there is no accepted host token.
 * @csspart token - The host token field of the sign-in form.
 * @csspart kind - The "Poll / Quiz / Giveaway" switch above the form.
 * @csspart form - The poll form.
 * @csspart quiz-builder - The `<oncue-quiz-builder>` shown for "Quiz".
 * @csspart field - Each text/number input and the textarea.
 * @csspart button - Each secondary button.
 * @csspart primary - The "Launch now" and "Connect" buttons.
 * @csspart error - Error messages (form validation, server refusals, a refused host token).
 * @csspart list - The list of interactions.
 * @csspart item - One interaction in the list.
 * @csspart status - The status badge of an interaction.
 * @csspart bar - A tally bar.
 * @csspart connection - The connection notice.
 * @csspart lottery-form - For "Giveaway": `<oncue-lottery-panel show="form">` (and its form, exported under the same name).
 * @csspart lottery-list - The room's giveaways, once there are any: `<oncue-lottery-panel show="list">` (draw, winners, claims, CSV).
 *
 * @cssproperty --accent-color - Primary buttons, bars. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --on-accent-color - Text on the accent colour. Default `var(--oncue-on-accent, #fff)`.
 * @cssproperty --surface-color - Panels. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - Secondary text. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --danger-color - Errors. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --border-color - Field borders. Default `var(--oncue-border, rgb(22 24 35 / 0.16))`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of a control. Default `var(--oncue-tap-size, 44px)`.
 */
export class OnCueHostConsole extends OnCueElement {
  static override styles = [baseStyles, hostConsoleStyles];

  /** Server URL. */
  @property() server = '';
  /** Room name. */
  @property() room = '';
  /**
   * Host token (from the server's configuration). Without one the console shows its sign-in form,
   * which sets this property (not the attribute: the token stays out of the DOM).
   */
  @property() token = '';
  /** A host connection (from `connect({ server, room, hostToken })`) to use instead of the attributes; not released by the console. */
  @property({ attribute: false }) connection?: RoomConnection;

  /** Which form shows: a new poll or a new quiz. */
  @state() private newKind: 'poll' | 'quiz' | 'lottery' = 'poll';
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
  @state() private creating = false;
  @state() private formProblem: Problem | null = null;
  @state() private listProblem: Problem | null = null;
  /** Interactions with an open/close request in flight. */
  @state() private busy: ReadonlySet<string> = new Set();
  /** What is typed in the sign-in form's token field. */
  @state() private tokenDraft = '';
  /** The sign-in form was submitted with nothing in it. */
  @state() private tokenMissing = false;
  /** A token from the sign-in form is being tried: the form stays until the connection opens or fails. */
  private signingIn = false;
  /** A field to focus after this update (the sign-in went through, or was refused). */
  private focusAfterUpdate?: { selector: string; select: boolean };

  private readonly l10n = new Localize(this, hostMessages);
  // No token, no connection: a viewer connection would be of no use to the console.
  private readonly rooms = new RoomController(this, () =>
    this.token ? { connection: this.connection, server: this.server, room: this.room, hostToken: this.token } : { connection: this.connection },
  );

  constructor() {
    super();
    // Re-renders the countdowns of open interactions (closing times, a quiz's reveal pause).
    new Ticker(this, 1000, () =>
      Boolean(this.rooms.room.value?.interactions.some((i) => i.status === 'open' && (i.closesAt || ('nextAt' in i && i.nextAt)))),
    );
  }

  /** Runs after the room controller followed the target and before rendering: settles a sign-in in progress. */
  protected override update(changed: PropertyValues<this>): void {
    const state = this.rooms.state.value;
    if (changed.has('token')) this.tokenMissing = false;
    if (this.signingIn && (state === 'open' || this.knownFailure())) {
      this.signingIn = false;
      // Keyboard and screen reader users go on from where they are: the console's first field, or the token again.
      if (this.shadowRoot?.activeElement?.closest('[part~="sign-in"]')) {
        this.focusAfterUpdate = state === 'open' ? { selector: '#question', select: false } : { selector: '#host-token', select: true };
      }
      if (state === 'open') this.tokenDraft = '';
    }
    super.update(changed);
  }

  protected override updated(): void {
    if (this.focusAfterUpdate) {
      const { selector, select } = this.focusAfterUpdate;
      this.focusAfterUpdate = undefined;
      const field = this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
      field?.focus();
      if (select) field?.select();
    }
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const state = this.rooms.state.value;
    const signIn = this.signIn();
    if (signIn) return html`<div part="base" class="base">${this.renderSignIn(signIn)}</div>`;
    return html`<div part="base" class="base">
      <p part="connection" class="notice connection" role="status">${state === 'reconnecting' || state === 'unreachable' || state === 'failed' ? t(state) : ''}</p>
      ${this.renderKindSwitch()} ${this.renderNewForm()} ${this.renderLotteries()} ${this.renderList()}
    </div>`;
  }

  /** Whether the sign-in form replaces the console, and why. A borrowed `connection` never signs in. */
  private signIn(): SignIn | undefined {
    if (this.connection) return undefined;
    if (!this.token) return 'needed';
    const failure = this.knownFailure();
    if (failure) return failure === 'unauthorized' ? 'refused' : undefined;
    return this.signingIn ? 'pending' : undefined;
  }

  /** Why the current connection failed for good, if it did. */
  private knownFailure(): ErrorCode | undefined {
    return this.rooms.state.value === 'failed' ? this.rooms.failure.value?.code : undefined;
  }

  private renderSignIn(signIn: SignIn): TemplateResult {
    const { t } = this.l10n;
    return hostTokenForm({
      t: (key) => t(key),
      problem: this.tokenMissing ? t('tokenMissing') : signIn === 'refused' ? t('tokenRefused') : '',
      status: signIn === 'pending' ? t(this.rooms.state.value === 'unreachable' ? 'unreachable' : 'connecting') : '',
      draft: this.tokenDraft,
      onInput: (value) => (this.tokenDraft = value),
      onSubmit: (event) => this.onSignIn(event),
    });
  }

  private onSignIn(event: SubmitEvent): void {
    event.preventDefault();
    const token = this.tokenDraft.trim();
    this.tokenMissing = !token;
    if (!token) return;
    this.signingIn = true;
    // The same token again after a refusal: a fresh connection asks the server again (its configuration may have changed).
    if (token !== this.token) this.token = token;
    else if (this.rooms.state.value === 'failed') this.rooms.reconnect();
    this.requestUpdate();
  }

  private renderKindSwitch(): TemplateResult {
    const { t } = this.l10n;
    return html`<fieldset part="kind" class="group kind-switch">
      <legend class="field-label">${t('createWhat')}</legend>
      <div class="kind-options">
        ${(['poll', 'quiz', 'lottery'] as const).map(
          (kind) => html`<label class="check kind-option">
            <input type="radio" name="new-kind" value=${kind} .checked=${this.newKind === kind} @change=${() => (this.newKind = kind)} />
            ${t(kind === 'poll' ? 'kindPoll' : kind === 'quiz' ? 'kindQuiz' : 'kindLottery')}
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  /** The form of the kind chosen in the switch. */
  private renderNewForm(): TemplateResult | typeof nothing {
    if (this.newKind === 'poll') return this.renderForm();
    if (this.newKind === 'quiz') return this.renderQuizBuilder();
    return this.rooms.conn
      ? html`<oncue-lottery-panel part="lottery-form" exportparts="form: lottery-form" show="form" .connection=${this.rooms.conn}></oncue-lottery-panel>`
      : nothing;
  }

  /** The room's giveaways with their winners and claims, once there are any (or while one is being made). */
  private renderLotteries(): TemplateResult | typeof nothing {
    const any = this.rooms.room.value?.interactions.some((i) => i.kind === 'lottery');
    return this.rooms.conn && (any || this.newKind === 'lottery')
      ? html`<oncue-lottery-panel part="lottery-list" exportparts="list: lottery-list" show="list" .connection=${this.rooms.conn}></oncue-lottery-panel>`
      : nothing;
  }

  private renderQuizBuilder(): TemplateResult {
    return html`<section class="panel" aria-labelledby="quiz-heading">
      <h2 id="quiz-heading" class="heading">${this.l10n.t('newQuiz')}</h2>
      <oncue-quiz-builder part="quiz-builder" .connection=${this.rooms.conn}></oncue-quiz-builder>
    </section>`;
  }

  private renderForm(): TemplateResult {
    const { t } = this.l10n;
    const count = this.options.length;
    return html`<form part="form" class="panel form" novalidate aria-labelledby="form-heading" @submit=${this.onSubmit}>
      <h2 id="form-heading" class="heading">${t('newPoll')}</h2>
      <label class="field-label" for="question">${t('question')}</label>
      <textarea
        part="field"
        class="field"
        id="question"
        rows="2"
        maxlength=${MAX_QUESTION}
        placeholder=${t('questionPlaceholder')}
        .value=${this.question}
        @input=${(e: Event) => (this.question = (e.target as HTMLTextAreaElement).value)}
      ></textarea>

      <fieldset class="group">
        <legend class="field-label">${t('options')}</legend>
        <ol class="option-rows" role="list">
          ${this.options.map(
            (option, i) => html`<li class="option-row">
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
                onInput: (change) => this.editOption(i, change),
                onRemove: () => this.removeOption(i),
              })}
            </li>`,
          )}
        </ol>
        <button part="button" class="button" type="button" ?disabled=${count >= MAX_OPTIONS} @click=${this.addOption}>
          ${t('addOption')}
        </button>
      </fieldset>

      <fieldset class="group">
        <legend class="field-label">${t('settings')}</legend>
        <label class="check">
          <input type="checkbox" .checked=${this.multi} @change=${(e: Event) => (this.multi = (e.target as HTMLInputElement).checked)} />
          ${t('multi')}
        </label>
        ${this.multi
          ? html`<label class="inline">
              ${t('maxChoices')}
              <input
                part="field"
                class="field number"
                type="number"
                inputmode="numeric"
                min="1"
                max=${count}
                placeholder=${t('maxChoicesAll')}
                .value=${this.maxChoices}
                @input=${(e: Event) => (this.maxChoices = (e.target as HTMLInputElement).value)}
              />
            </label>`
          : nothing}
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.allowChange}
            @change=${(e: Event) => (this.allowChange = (e.target as HTMLInputElement).checked)}
          />
          ${t('allowChange')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            id="signed-only"
            .checked=${this.signedOnly}
            @change=${(e: Event) => (this.signedOnly = (e.target as HTMLInputElement).checked)}
          />
          ${t('signedOnly')}
        </label>
        <fieldset class="group inner">
          <legend>${t('results')}</legend>
          ${(['live', 'after-close'] as const).map(
            (value) => html`<label class="check">
              <input
                type="radio"
                name="results"
                value=${value}
                .checked=${this.results === value}
                @change=${() => (this.results = value)}
              />
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
          .value=${this.duration}
          @input=${(e: Event) => (this.duration = (e.target as HTMLInputElement).value)}
        />
        <label class="field-label" for="variant-question">${t('variantQuestion')}</label>
        <p class="hint" id="variant-hint">${t('variantHint')}</p>
        <textarea
          part="field"
          class="field"
          id="variant-question"
          rows="2"
          maxlength=${MAX_QUESTION}
          aria-describedby="variant-hint"
          .value=${this.variantQuestion}
          @input=${(e: Event) => (this.variantQuestion = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </fieldset>

      ${this.renderProblem(this.formProblem)}
      <div class="actions">
        <button part="button" class="button" type="submit" value="draft" ?disabled=${this.creating}>${t('saveDraft')}</button>
        <button part="button primary" class="button primary" type="submit" value="launch" ?disabled=${this.creating}>
          ${t('launchNow')}
        </button>
        ${this.creating ? html`<span class="hint" role="status">${t('creating')}</span>` : nothing}
      </div>
    </form>`;
  }

  private renderList(): TemplateResult {
    const { t } = this.l10n;
    const interactions = [...(this.rooms.room.value?.interactions ?? [])].reverse();
    return html`<section class="panel" aria-labelledby="list-heading">
      <h2 id="list-heading" class="heading">${t('interactions')}</h2>
      ${this.renderProblem(this.listProblem)}
      ${interactions.length
        ? html`<ol part="list" class="list" role="list">
            ${interactions.map((view) => (view.kind === 'poll' ? this.renderItem(view) : view.kind === 'quiz' ? this.renderQuiz(view) : nothing))}
          </ol>`
        : html`<p class="hint">${this.rooms.room.value?.synced ? t('none') : t('loading')}</p>`}
    </section>`;
  }

  private renderItem(view: PollView): TemplateResult {
    const { t, number } = this.l10n;
    const tally = view.tally ?? view.options.map(() => 0);
    const voters = view.voters ?? tally.reduce((a, b) => a + b, 0);
    const busy = this.busy.has(view.id);
    const left = view.status === 'open' && view.closesAt ? view.closesAt - this.rooms.serverTime() : undefined;
    return html`<li part="item" class="item" data-id=${view.id}>
      <div class="item-head">
        <span part="status" class="badge badge-${view.status}">${t(view.status)}</span>
        <span class="item-question" id="q-${view.id}">${view.question}</span>
      </div>
      ${tallyList(
        view.options.map((option, i) => {
          const share = voters ? (tally[i] ?? 0) / voters : 0;
          return { label: option.label, count: `${t('votes', tally[i] ?? 0, number(tally[i] ?? 0))} · ${number(share, { style: 'percent' })}`, share };
        }),
        t('correctMark'),
      )}
      <div class="item-foot">
        <span class="hint">
          ${t('voters', voters, number(voters))}${left === undefined
            ? nothing
            : html` · ${left > 0 ? t('closesIn', clock(left)) : t('closing')}`}
        </span>
        ${view.status === 'draft'
          ? html`<button
              part="button primary"
              class="button primary"
              type="button"
              aria-label=${t('launchNamed', view.question)}
              ?disabled=${busy}
              @click=${() => this.transition(view.id, 'open')}
            >
              ${t('launch')}
            </button>`
          : nothing}
        ${view.status === 'open'
          ? html`<button
              part="button"
              class="button"
              type="button"
              aria-label=${t('closeNamed', view.question)}
              ?disabled=${busy}
              @click=${() => this.transition(view.id, 'close')}
            >
              ${t('close')}
            </button>`
          : nothing}
      </div>
    </li>`;
  }

  private renderQuiz(view: QuizView): TemplateResult {
    return quizItem(view, {
      t: this.l10n.t,
      number: this.l10n.number,
      now: this.rooms.serverTime(),
      busy: this.busy.has(view.id),
      step: (quiz, reveal) => void this.act(quiz.id, (conn) => conn.nextStep(quiz.id, { from: quiz.current, reveal })),
      transition: (quiz, to) => void this.transition(quiz.id, to),
    });
  }

  private renderProblem(problem: Problem | null): TemplateResult | typeof nothing {
    return problemAlert(this.l10n.t, problem);
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

  /** The spec the form describes, or what is wrong with it. */
  private spec(launch: boolean): PollSpecInput | Problem {
    const question = this.question.trim();
    if (!question) return { key: 'invalidQuestion' };
    const options = this.options.map((o) => ({ label: o.label.trim(), image: o.image.trim() }));
    if (options.length < MIN_OPTIONS || options.some((o) => !o.label)) return { key: 'invalidOptions' };
    if (options.some((o) => o.image && !isImageUrl(o.image))) return { key: 'invalidImage' };
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
      if (max === undefined) return { key: 'invalidMax', arg: options.length };
      spec.maxChoices = max;
    }
    if (this.duration.trim()) {
      const seconds = wholeNumberIn(this.duration, 1, MAX_SECONDS);
      if (seconds === undefined) return { key: 'invalidDuration' };
      spec.durationSeconds = seconds;
    }
    return spec;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const conn = this.rooms.conn;
    if (!conn || this.creating) return;
    // Enter in a field submits with the first button, "Save as draft": nothing goes live by accident.
    const launch = (event.submitter as HTMLButtonElement | null)?.value === 'launch';
    const spec = this.spec(launch);
    if (!('kind' in spec)) {
      this.formProblem = spec;
      return;
    }
    this.formProblem = null;
    this.creating = true;
    const result = await conn.createInteraction(spec).catch(() => null);
    this.creating = false;
    if (result?.ok) {
      this.question = this.variantQuestion = '';
      this.options = emptyOptions();
      this.multi = this.allowChange = this.signedOnly = false;
      this.maxChoices = this.duration = '';
      this.results = 'live';
      this.emit('oncue-create', { interaction: result.value });
      return;
    }
    this.formProblem = refused(this, this.l10n.t, result);
  }

  private transition(id: string, to: 'open' | 'close'): Promise<void> {
    return this.act(id, (conn) => (to === 'open' ? conn.openInteraction(id) : conn.closeInteraction(id)));
  }

  /** Runs a host action on one interaction of the list, one at a time per interaction; a refusal shows above the list. */
  private async act(id: string, action: (conn: RoomConnection) => Promise<Result<unknown>>): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.busy.has(id)) return;
    this.busy = new Set([...this.busy, id]);
    this.listProblem = null;
    const result = await action(conn).catch(() => null);
    const busy = new Set(this.busy);
    busy.delete(id);
    this.busy = busy;
    if (!result?.ok) this.listProblem = refused(this, this.l10n.t, result);
  }
}
