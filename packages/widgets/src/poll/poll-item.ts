import type { PollView } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { HostItemContext } from '../host-console/host-item.js';
import { tallyList } from '../host-console/tally-list.js';
import { clock } from '../shared/viewer-messages.js';
import type { PollHostMessages } from './poll-host-messages.js';

/**
 * A poll in the host's list: its status and question, the live tally (votes and share per option), how
 * many took part and the time left, and the button that launches a draft or closes an open poll.
 */
export function pollItem(view: PollView, c: HostItemContext<PollHostMessages>): TemplateResult {
  const { t, number } = c;
  const tally = view.tally ?? view.options.map(() => 0);
  const voters = view.voters ?? tally.reduce((a, b) => a + b, 0);
  const left = view.status === 'open' && view.closesAt ? view.closesAt - c.now : undefined;
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
        ${t('voters', voters, number(voters))}${left === undefined ? nothing : html` · ${left > 0 ? t('closesIn', clock(left)) : t('closing')}`}
      </span>
      ${
        view.status === 'draft'
          ? html`<button
            part="button primary"
            class="button primary"
            type="button"
            aria-label=${t('launchNamed', view.question)}
            ?disabled=${c.busy}
            @click=${() => c.transition('open')}
          >
            ${t('launch')}
          </button>`
          : nothing
      }
      ${
        view.status === 'open'
          ? html`<button
            part="button"
            class="button"
            type="button"
            aria-label=${t('closeNamed', view.question)}
            ?disabled=${c.busy}
            @click=${() => c.transition('close')}
          >
            ${t('close')}
          </button>`
          : nothing
      }
    </div>
  </li>`;
}
