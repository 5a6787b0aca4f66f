import type { BlindboxView } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { HostItemContext } from '../host-console/host-item.js';
import { tallyList } from '../host-console/tally-list.js';
import { clock } from '../shared/viewer-messages.js';
import type { BlindboxHostMessages } from './blindbox-host-messages.js';

/** Hashed entry ids are shown by their first characters (only for a winner without a display name). */
const SHORT_ID = 8;

/** How the host reads the revealed answer: the option's label, the number, or the accepted texts. */
function answerText(view: BlindboxView, number: HostItemContext['number']): string | undefined {
  const answer = view.answer;
  if (answer === undefined) return undefined;
  if (typeof answer !== 'number') return answer.join(' / ');
  return view.guess.type === 'choice' ? view.guess.options[answer]?.label : number(answer);
}

/**
 * A blind box in the host's list: its status and title, the number of guesses and (choice boxes) how many picked
 * each option, the time left; Launch (a draft), "Lock guesses" (open), Reveal (locked), "Cancel box" (before the reveal); once revealed, the answer,
 * the winners by display name and how many claimed.
 */
export function blindboxItem(view: BlindboxView, c: HostItemContext<BlindboxHostMessages>): TemplateResult {
  const { t, number } = c;
  const revealed = view.revealedAt !== undefined;
  const left = view.status === 'open' && view.closesAt ? view.closesAt - c.now : undefined;
  const status = view.cancelled ? t('cancelled') : view.status === 'closed' ? (revealed ? t('revealed') : t('locked')) : t(view.status);
  const total = view.counts?.reduce((a, b) => a + b, 0) ?? 0;
  const answer = answerText(view, number);
  const button = (label: string, name: string, primary: boolean, act: () => void) =>
    html`<button part=${primary ? 'button primary' : 'button'} class="button ${primary ? 'primary' : ''}" type="button" aria-label=${name} ?disabled=${c.busy} @click=${act}>${label}</button>`;
  return html`<li part="item" class="item" data-id=${view.id}>
    <div class="item-head">
      <span part="status" class="badge badge-${view.status}">${status}</span>
      <span class="item-question" id="q-${view.id}">${view.title}</span>
    </div>
    ${
      view.guess.type === 'choice' && view.counts
        ? tallyList(
            view.guess.options.map((option, i) => {
              const count = view.counts?.[i] ?? 0;
              const share = total ? count / total : 0;
              return { label: option.label, count: `${number(count)} · ${number(share, { style: 'percent' })}`, share, correct: revealed && view.answer === i };
            }),
            t('correctMark'),
          )
        : nothing
    }
    ${
      revealed
        ? html`<p class="hint">${t('answerIs', answer ?? '')}</p>
          <p class="hint">${t('winnersAre')}:
            ${view.winners?.length ? view.winners.map((id) => view.winnerNames?.[id] ?? t('entry', id.slice(0, SHORT_ID))).join(', ') : t('noWinners')}</p>`
        : nothing
    }
    <div class="item-foot">
      <span class="hint">
        ${t('guesses', view.participants, number(view.participants))}${left === undefined ? nothing : html` · ${left > 0 ? t('closesIn', clock(left)) : t('closing')}`}
      </span>
      ${view.status === 'draft' ? button(t('launch'), t('launchNamed', view.title), true, () => c.transition('open')) : nothing}
      ${view.status === 'open' ? button(t('lock'), t('lockNamed', view.title), false, () => c.transition('close')) : nothing}
      ${view.status === 'closed' && !revealed && !view.cancelled ? button(t('reveal'), t('revealNamed', view.title), true, () => c.next()) : nothing}
      ${view.status !== 'draft' && !revealed && !view.cancelled ? button(t('cancel'), t('cancelNamed', view.title), false, () => c.next({ cancel: true })) : nothing}
    </div>
  </li>`;
}
