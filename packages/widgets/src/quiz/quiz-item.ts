import type { QuizView } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { HostItemContext } from '../host-console/host-item.js';
import { tallyList } from '../host-console/tally-list.js';
import { clock } from '../shared/viewer-messages.js';
import type { QuizHostMessages } from './quiz-host-messages.js';

/** What the console lends a quiz item (see `HostItemContext`): the quiz's words, the server clock and the shared actions. */
export type QuizItemContext = HostItemContext<QuizHostMessages>;

/**
 * A quiz in the host's list: where it is (question n of m, time left, the
 * reveal pause), the answers per option of the current question with the
 * correct one once revealed, what comes next (the next question, or the
 * leaderboard), the buttons that move it on, and at the end a summary of
 * every question (its answer, how many got it right) and the leaderboard.
 */
export function quizItem(view: QuizView, c: QuizItemContext): TemplateResult {
  const { t } = c;
  const total = view.questions.length;
  const question = view.questions[view.current];
  const last = view.current + 1 >= total;
  const questionOpen = question?.status === 'open';
  const n = view.current + 1;
  const title = t('quizTitle', total);
  const button = (label: string, aria: string, action: () => void, primary = false) =>
    html`<button part=${primary ? 'button primary' : 'button'} class="button ${primary ? 'primary' : ''}" type="button" aria-label=${aria} ?disabled=${c.busy} @click=${action}>
      ${label}
    </button>`;

  return html`<li part="item" class="item" data-id=${view.id}>
    <div class="item-head">
      <span part="status" class="badge badge-${view.status}">${t(view.status)}</span>
      <span class="item-question">${title}</span>
    </div>
    ${view.status === 'open' && question ? html`<p class="hint">${progress(view, c)}</p>` : nothing}
    ${question?.prompt && view.status === 'open' ? currentQuestion(view, c) : nothing}
    ${view.status === 'open' ? html`<p class="hint item-next">${upNext(view, c)}</p>` : nothing}
    ${view.status === 'closed' ? html`${summary(view, c)} ${leaderboard(view, c)}` : nothing}
    <div class="item-foot">
      ${view.status === 'draft' ? button(t('launch'), t('launchNamed', title), () => c.transition('open'), true) : nothing}
      ${view.status === 'open' && questionOpen && !last ? button(t('revealAnswer'), t('revealNamed', n), () => step(view, c, true)) : nothing}
      ${view.status === 'open' && !last ? button(t('nextQuestion'), t('nextNamed', n + 1), () => step(view, c, false), true) : nothing}
      ${view.status === 'open' && last ? button(t('finishQuiz'), t('finishQuiz'), () => step(view, c, true), true) : nothing}
      ${view.status === 'open' ? button(t('endQuiz'), t('endQuiz'), () => c.transition('close')) : nothing}
    </div>
  </li>`;
}

/** Moves the quiz on from the question the host sees (so a double tap never skips one); `reveal`: only reveal its answer. */
function step(view: QuizView, c: QuizItemContext, reveal: boolean): void {
  c.next({ from: view.current, reveal });
}

function progress(view: QuizView, c: QuizItemContext): string {
  const { t } = c;
  const question = view.questions[view.current]!;
  const at = t('quizAt', view.current + 1, view.questions.length);
  if (question.status === 'open' && question.closesAt !== undefined) {
    const left = question.closesAt - c.now;
    return `${at} · ${left > 0 ? t('closesIn', clock(left)) : t('closing')}`;
  }
  const next = view.nextAt === undefined ? t('waitingForYou') : t('nextOpensIn', clock(Math.max(0, view.nextAt - c.now)));
  return `${at} · ${t('quizRevealing')} · ${next}`;
}

function currentQuestion(view: QuizView, c: QuizItemContext): TemplateResult {
  const { t, number } = c;
  const question = view.questions[view.current]!;
  const answers = question.answers ?? [];
  const total = answers.reduce((a, b) => a + b, 0);
  return html`<p class="item-prompt">${question.prompt}</p>
    ${tallyList(
      (question.options ?? []).map((option, i) => {
        const count = answers[i] ?? 0;
        const share = total ? count / total : 0;
        return {
          label: option.label,
          count: `${t('answerCount', count, number(count))} · ${number(share, { style: 'percent' })}`,
          share,
          correct: question.correct === i,
        };
      }),
      t('correctMark'),
    )}`;
}

/** What follows the current question: the next one's prompt, or the leaderboard. */
function upNext(view: QuizView, c: QuizItemContext): string {
  const next = view.questions[view.current + 1];
  return next ? c.t('nextUp', view.current + 2, next.prompt ?? '') : c.t('lastQuestion');
}

/** Every question of a finished quiz: its prompt, its correct answer, how many answered it and how many got it right. */
function summary(view: QuizView, c: QuizItemContext): TemplateResult {
  const { t, number } = c;
  return html`<p class="field-label">${t('summaryHeading')}</p>
    <ol class="quiz-summary">
      ${view.questions.map((q) => {
        const answers = q.answers ?? [];
        const total = answers.reduce((a, b) => a + b, 0);
        const right = q.correct === undefined ? undefined : (answers[q.correct] ?? 0);
        const answer = q.correct === undefined ? undefined : q.options?.[q.correct]?.label;
        return html`<li>
          <span class="item-prompt">${q.prompt}</span>
          ${answer === undefined ? nothing : html`<span class="hint"> · ${t('summaryCorrect', answer)}</span>`}
          ${right === undefined ? nothing : html`<span class="hint"> · ${t('summaryScore', number(right), number(total), total)}</span>`}
        </li>`;
      })}
    </ol>`;
}

function leaderboard(view: QuizView, c: QuizItemContext): TemplateResult {
  const { t, number } = c;
  const rows = view.leaderboard ?? [];
  return html`<p class="field-label">${t('finalLeaderboard')}</p>
    ${
      rows.length
        ? html`<ol class="board" role="list">
          ${rows.map(
            (row) => html`<li class="board-row">
              <span class="rank">${number(row.rank)}</span>
              <span class="who">${row.name ?? t('player', row.viewer?.slice(-4) ?? '')}</span>
              <span class="points">${t('points', row.score, number(row.score))}</span>
            </li>`,
          )}
        </ol>`
        : html`<p class="hint">${t('noPlayers')}</p>`
    }`;
}
