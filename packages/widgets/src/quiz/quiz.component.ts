import { answer } from '@oncue/core';
import type { AnswerPayload, ErrorCode, QuizMine, QuizPersonal, QuizQuestionView, QuizView } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { cssVar } from '../shared/css-var.js';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { cardStyles } from '../shared/card.styles.js';
import { optionButtonStyles } from '../shared/option-button.styles.js';
import { resultBarStyles } from '../shared/result-bar.styles.js';
import { resultRow } from '../shared/result-row.js';
import { Tween } from '../shared/tween.js';
import { Localize } from '../shared/localize.js';
import { Ticker } from '../shared/ticker.js';
import { OnCueInteractionElement } from '../shared/interaction-element.js';
import type { ShownInteraction } from '../shared/widget-telemetry.js';
import { clock, refusalText } from '../shared/interaction-messages.js';
import { quizMessages } from './quiz-messages.js';
import { quizStyles } from './quiz.styles.js';

/** How many rows of the leaderboard are shown (the server sends the top 10). */
const LEADERBOARD_ROWS = 10;

/** What one render knows about the current question and this viewer. */
interface QuestionModel {
  quiz: QuizView;
  index: number;
  question: QuizQuestionView;
  /** The option shown as chosen: the answer being sent or the accepted one; -1 for none. */
  chosen: number;
  /** An answer is on its way. */
  busy: boolean;
  /** Time is up by the server clock (the question may not have closed yet). */
  timeUp: boolean;
  /** This viewer can answer now. */
  canAnswer: boolean;
  personal: QuizPersonal | undefined;
}

/**
 * @customElement oncue-quiz
 * @summary A live quiz: one question at a time with a countdown, one tap to answer, then the correct answer, your result and, at the end, the leaderboard.
 *
 * Connects to `server` + `room` itself, or uses a shared `connection` (as `<oncue-stage>` does).
 * One tap answers the open question and locks it. When time is up (or the host reveals the answer),
 * the correct option ("Correct answer"), this viewer's pick ("Your answer"), the share of answers per option (bars on one
 * common track, numbers counting up, no motion under `prefers-reduced-motion: reduce`) and this viewer's own result are shown, with a
 * countdown to the next question (the quiz's reveal pause). If the host skips the pause, the question
 * just closed is revealed under the next one. When the quiz is over: the top 10 and this viewer's rank and score.
 * The viewer's result is announced politely.
 *
 * @event oncue-answer - The server accepted this viewer's answer. `detail: { interaction, question, choice }`.
 * @event oncue-error - An answer was refused. `detail: { code, message }` (`message` is localised).
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 *
 * @csspart base - The card around everything.
 * @csspart status - The status line (question n of m, quiz over); also the loading/unavailable notice.
 * @csspart countdown - The time left of the open question.
 * @csspart question - The question's prompt.
 * @csspart options - The list of options: a grid whose rows share one result track and the number columns.
 * @csspart option-row - Each list item: the option button and, after the question, its result line.
 * @csspart option - Each option button; `option-chosen` is added to the chosen one, `option-correct` to the correct one once revealed.
 * @csspart option-image - The image of an image option.
 * @csspart option-label - The label of an option.
 * @csspart option-tag - A tag on a revealed option (part of the button's name): `option-tag-correct` ("Correct answer", in the success colour) and `option-tag-mine` ("Your answer").
 * @csspart option-result - The number and share of answers of an option (under the button, which it describes): `option-count` and `option-percent`, each in its own column.
 * @csspart option-count - The number of answers of an option (tabular numerals, counting up to a new value).
 * @csspart option-percent - The share of answers of an option.
 * @csspart bar - The filled part of an option's share bar; every bar has the same track, its width is the share.
 * @csspart hint - Guidance ("Answer locked in…", "Waiting for the next question…").
 * @csspart next - The hint during a reveal: "Next question in 0:04", or waiting for the host.
 * @csspart pending - The "Sending…" notice.
 * @csspart reveal - The question just closed, under the open one: its prompt and each option's share, the correct one marked.
 * @csspart reveal-option - Each option of the revealed question (its label, tags and share); `reveal-correct` is added to the correct one.
 * @csspart result - This viewer's result in the question just closed (or the last one) and total score.
 * @csspart leaderboard - The leaderboard list (after the quiz).
 * @csspart leaderboard-row - Each leaderboard row; `leaderboard-row-mine` is added to this viewer's.
 * @csspart rank - This viewer's final rank and score.
 * @csspart error - The error message of a refused answer.
 * @csspart connection - The connection notice ("Connection lost. Reconnecting…" and that taps are kept meanwhile), on its own surface.
 *
 * @cssproperty --accent-color - Chosen option, bars, countdown. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --on-accent-color - Text on the accent colour (tags): set it dark with a light accent. Default `var(--oncue-on-accent, #fff)`.
 * @cssproperty --surface-color - Card and option background. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - Secondary text. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --danger-color - Errors and wrong answers. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --success-color - The correct option and right answers. Default `var(--oncue-success, #0a7d3b)`.
 * @cssproperty --border-color - Option borders. Default `var(--oncue-border, rgb(22 24 35 / 0.5))`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of a button. Default `var(--oncue-tap-size, 44px)`.
 * @cssproperty --bar-color - Share bars. Default: the accent colour.
 * @cssproperty --notice-surface-color - Background of the connection notice. Default `var(--oncue-notice-surface, #161823)`.
 * @cssproperty --on-notice-color - Text of the connection notice. Default `var(--oncue-on-notice, #fff)`.
 */
export class OnCueQuiz extends OnCueInteractionElement {
  static override styles = [baseStyles, cardStyles, optionButtonStyles, resultBarStyles, quizStyles];

  @state() private sending = false;
  /** The refused answer's error, for the question it was about. */
  @state() private error: { question: number; code: string } | null = null;

  private readonly l10n = new Localize(this, quizMessages);
  private readonly tween = new Tween(this);
  /** The last answer the server accepted through this element (until the room state has it). */
  private accepted: { id: string; question: number; choice: number } | null = null;

  constructor() {
    super();
    // Re-renders the countdowns (question time, reveal pause).
    new Ticker(this, 500, () => {
      const quiz = this.findView();
      return quiz?.status === 'open' && (quiz.closesAt !== undefined || quiz.nextAt !== undefined);
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interaction')) {
      this.error = this.accepted = null;
    }
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const quiz = this.findView();
    const synced = this.rooms.room.value?.synced;
    const question = quiz?.questions[quiz.current];
    return html`<section part="base" class="base" aria-labelledby=${question?.prompt ? 'question' : nothing}>
      ${
        quiz && question
          ? this.renderQuestion(this.model(quiz, question))
          : html`<p part="status" class="notice">
            ${t(quiz ? 'quizDraft' : synced ? 'quizUnavailable' : this.rooms.state.value === 'connecting' ? 'connecting' : 'loading')}
          </p>`
      }
      ${this.renderConnection(t)}
    </section>`;
  }

  protected override shownInteraction(): ShownInteraction | undefined {
    return this.rooms.shown(this.findView());
  }

  private findView(): QuizView | undefined {
    return this.rooms.room.value?.interactions.find((i): i is QuizView => i.id === this.interaction && i.kind === 'quiz');
  }

  private model(quiz: QuizView, question: QuizQuestionView): QuestionModel {
    const room = this.rooms.room.value!;
    const index = quiz.current;
    const pending = this.rooms.pending.value
      ?.map((p) => (p.action === 'answer' && p.interaction === quiz.id ? (p.payload as AnswerPayload) : undefined))
      .find((payload) => payload?.question === index);
    const accepted = this.accepted?.id === quiz.id && this.accepted.question === index ? this.accepted.choice : -1;
    const mine = (room.mine[quiz.id] as QuizMine | undefined)?.[index] ?? -1;
    const chosen = pending?.choice ?? (mine >= 0 ? mine : accepted);
    const busy = this.sending || !!pending;
    const timeUp = question.closesAt !== undefined && question.closesAt <= this.rooms.serverTime();
    const open = quiz.status === 'open' && question.status === 'open' && !timeUp;
    const canAnswer = open && chosen < 0 && !busy && this.rooms.state.value !== 'failed';
    const personal = room.personal[quiz.id] as QuizPersonal | undefined;
    return { quiz, index, question, chosen, busy, timeUp, canAnswer, personal };
  }

  private renderQuestion(m: QuestionModel): TemplateResult {
    const { t } = this.l10n;
    const { quiz, question } = m;
    const revealed = question.correct !== undefined;
    const answers = revealed ? (question.answers ?? []) : undefined;
    const total = answers?.reduce((a, b) => a + b, 0) ?? 0;
    const error = this.error?.question === m.index ? this.errorMessage(this.error.code) : '';
    // The server opens the next question as it closes one: the question just closed is revealed under the open one.
    const previous = quiz.questions[m.index - 1];
    const revealPrevious = !revealed && previous?.correct !== undefined;

    return html`
      <p part="status" class="status">
        <span class="badge">${quiz.status === 'closed' ? t('quizClosed') : t('questionOf', m.index + 1, quiz.questions.length)}</span>
        ${this.renderCountdown(m)}
      </p>
      <p part="question" class="question" id="question">${question.prompt}</p>
      <ul part="options" class="options results" role="list">
        ${(question.options ?? []).map((option, i) => {
          const chosen = m.chosen === i;
          const correct = revealed && question.correct === i;
          const parts = ['option', chosen ? 'option-chosen' : '', correct ? 'option-correct' : ''].filter(Boolean).join(' ');
          // At the reveal, tags say which option is correct and which one this viewer picked (part of the button's name).
          const tags = answers ? this.tags(correct, chosen) : undefined;
          return html`<li part="option-row" class="row">
            <button
              part=${parts}
              class="option ${correct ? 'correct' : ''} ${revealed && chosen && !correct ? 'wrong' : ''}"
              type="button"
              aria-pressed=${chosen ? 'true' : 'false'}
              aria-disabled=${m.canAnswer ? 'false' : 'true'}
              aria-labelledby="label-${i}${tags ? ` tag-${i}` : ''}"
              aria-describedby=${answers ? `result-${i}` : nothing}
              @click=${() => this.answer(m, i)}
            >
              ${option.image ? html`<img part="option-image" class="image" src=${option.image} alt=${option.label} loading="lazy" />` : nothing}
              <span part="option-label" class="label" id="label-${i}">${option.label}</span>
              ${tags ? html`<span class="tags" id="tag-${i}">${tags}</span>` : chosen ? html`<span class="mark" aria-hidden="true">●</span>` : nothing}
            </button>
            ${answers ? this.renderShare(quiz.id, m.index, i, answers, total, `result-${i}`) : nothing}
          </li>`;
        })}
      </ul>
      ${m.busy ? html`<p part="pending" class="hint" role="status">${t('sending')}</p>` : nothing}
      ${!m.busy && !revealed && m.chosen >= 0 ? html`<p part="hint" class="hint">${t('answered')}</p>` : nothing}
      ${revealPrevious ? this.renderReveal(previous, m.index - 1) : nothing}
      <div class="live" role="status" aria-live="polite">
        ${revealed ? this.renderResult(m, m.index) : revealPrevious ? this.renderResult(m, m.index - 1) : nothing}
      </div>
      ${revealed && quiz.status === 'open' ? html`<p part="hint next" class="hint">${this.nextHint(quiz)}</p>` : nothing}
      ${quiz.status === 'closed' ? this.renderLeaderboard(m) : nothing}
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}
    `;
  }

  private renderCountdown(m: QuestionModel): TemplateResult | typeof nothing {
    const { question } = m;
    if (m.quiz.status !== 'open' || question.status !== 'open' || question.closesAt === undefined) return nothing;
    const left = question.closesAt - this.rooms.serverTime();
    const limit = question.seconds * 1000;
    return html`<span part="countdown" class="countdown ${left <= 5000 ? 'urgent' : ''}" role="timer"
      >${left > 0 ? this.l10n.t('timeLeft', clock(left)) : this.l10n.t('timeUp')}<span
        class="clock-track"
        aria-hidden="true"
        ><span class="clock-bar" ${cssVar('--left', Math.max(0, Math.min(1, left / limit)))}></span></span
    ></span>`;
  }

  /** During a reveal: when the next question opens, or that the host will open it. */
  private nextHint(quiz: QuizView): string {
    const { t } = this.l10n;
    const left = quiz.nextAt === undefined ? 0 : quiz.nextAt - this.rooms.serverTime();
    return left > 0 ? t('nextIn', clock(left)) : t('nextSoon');
  }

  /** The tags of an option at its reveal: "Correct answer", "Your answer". */
  private tags(correct: boolean, chosen: boolean): TemplateResult | undefined {
    const { t } = this.l10n;
    return correct || chosen
      ? html`${correct ? html`<span part="option-tag option-tag-correct" class="tag ok">${t('correctAnswer')}</span>` : ''}
        ${chosen ? html`<span part="option-tag option-tag-mine" class="tag mine">${t('yourAnswer')}</span>` : ''}`
      : undefined;
  }

  /** An option's share of the answers on the common track (numbers counting toward a new tally). */
  private renderShare(quiz: string, question: number, i: number, answers: number[], total: number, id: string): TemplateResult {
    const { t, number } = this.l10n;
    const key = `${quiz} ${question} ${i}`;
    const count = Math.round(this.tween.value(key, answers[i] ?? 0));
    const share = this.tween.value(`${key}%`, total ? (answers[i] ?? 0) / total : 0);
    return resultRow(id, total ? (answers[i] ?? 0) / total : 0, t('answers', count, number(count)), number(share, { style: 'percent' }));
  }

  /** The closed question before the open one: its prompt, each option's share with the correct one (and this viewer's) marked. */
  private renderReveal(question: QuizQuestionView, index: number): TemplateResult {
    const { t } = this.l10n;
    const answers = question.answers ?? [];
    const total = answers.reduce((a, b) => a + b, 0);
    const mine = (this.rooms.room.value?.mine[this.interaction] as QuizMine | undefined)?.[index] ?? -1;
    return html`<div part="reveal" class="reveal">
      <p class="reveal-title">${t('previousQuestion', index + 1)}: ${question.prompt}</p>
      <ul class="reveal-list results" role="list">
        ${(question.options ?? []).map((option, i) => {
          const correct = question.correct === i;
          return html`<li part=${correct ? 'reveal-option reveal-correct' : 'reveal-option'} class="reveal-option ${correct ? 'correct' : ''}">
            <span class="reveal-label">${correct ? html`<span aria-hidden="true">✓ </span>` : nothing}${option.label}
              ${this.tags(correct, mine === i)}</span>
            ${this.renderShare(this.interaction, index, i, answers, total, `previous-${i}`)}
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private renderResult(m: QuestionModel, index: number): TemplateResult | typeof nothing {
    const { t, number } = this.l10n;
    const { personal } = m;
    const result = personal?.results.find((r) => r.question === index);
    // The reveal (a room update) can arrive before this viewer's own result (a personal message): say nothing until it does.
    const answered = ((this.rooms.room.value?.mine[m.quiz.id] as QuizMine | undefined)?.[index] ?? -1) >= 0 || (index === m.index && m.chosen >= 0);
    if (!result && answered) return nothing;
    const line = !result || result.choice === undefined ? t('youMissed') : result.correct ? t('youWereRight', number(result.score)) : t('youWereWrong');
    return html`<p part="result" class="result ${result?.correct ? 'right' : ''}">
      <span class="result-line">${line}</span>
      ${personal ? html`<span class="score">${t('totalScore', number(personal.score))}</span>` : nothing}
    </p>`;
  }

  private renderLeaderboard(m: QuestionModel): TemplateResult {
    const { t, number } = this.l10n;
    const rows = (m.quiz.leaderboard ?? []).slice(0, LEADERBOARD_ROWS);
    const rank = m.personal?.rank;
    // Rows carry no viewer ids (they would link viewers to their giveaway entries): this viewer's row is its `place`.
    const place = m.personal?.place;
    return html`<p class="board-title" id="leaderboard">${t('leaderboard')}</p>
      <ol part="leaderboard" class="board" aria-labelledby="leaderboard">
        ${rows.map((row, i) => {
          const mine = place === i + 1;
          return html`<li part=${mine ? 'leaderboard-row leaderboard-row-mine' : 'leaderboard-row'} class="board-row ${mine ? 'mine' : ''}">
            <span class="rank">${number(row.rank)}</span>
            <span class="who">${mine ? t('you') : (row.name ?? t('player', number(i + 1)))}</span>
            <span class="points">${t('points', row.score, number(row.score))}</span>
          </li>`;
        })}
      </ol>
      <p part="rank" class="rank-line">
        ${rank !== undefined ? t('yourRank', number(rank), number(m.personal!.score)) : t('notRanked')}
      </p>`;
  }

  private async answer(m: QuestionModel, choice: number): Promise<void> {
    const conn = this.rooms.conn;
    if (!m.canAnswer || !conn || this.sending) return;
    const { quiz, index } = m;
    this.sending = true;
    this.error = null;
    const result = await answer(conn, quiz.id, index, choice).catch(() => null);
    this.sending = false;
    if (result?.ok) {
      this.accepted = { id: quiz.id, question: index, choice };
      this.emit('oncue-answer', { interaction: quiz.id, question: index, choice });
      return;
    }
    const code = (result ? result.error.code : 'internal') as ErrorCode;
    this.error = { question: index, code };
    this.emit('oncue-error', { code, message: this.errorMessage(code) });
  }

  /** The localised message of an error code: the quiz's own wording first, then the shared one (`internal` for an unknown code). */
  private errorMessage(code: string): string {
    const { t } = this.l10n;
    return refusalText(t, 'quizError_', code);
  }
}
