import { vote } from '@oncue/core';
import type { PollMine, PollView, VotePayload } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
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
import { pollMessages } from './poll-messages.js';
import { pollStyles } from './poll.styles.js';

/** Live results are announced at most this often (a busy poll changes many times a second). */
const ANNOUNCE_EVERY_MS = 3000;

/** What one render knows about the poll and this viewer. */
interface PollModel {
  view: PollView;
  /** Options shown as chosen: the vote being sent, the selection being made, or the accepted vote. */
  chosen: Set<number>;
  /** The accepted vote, if any. */
  mine: number[] | undefined;
  /** A vote is on its way. */
  busy: boolean;
  /** This viewer can vote (again) now. */
  canVote: boolean;
}

/**
 * @customElement oncue-poll
 * @summary A live poll: the question, the options as buttons, and the results as they come in.
 *
 * Connects to `server` + `room` itself, or uses a shared `connection` (as `<oncue-stage>` does).
 * Single-choice polls vote on tap; multi-choice polls toggle options, then submit.
 * Results are shown when the server sends a tally, as counts, percentages and bars on one common track
 * (the numbers count up and the bars glide to a new tally, at once under `prefers-reduced-motion: reduce`);
 * a polite live region summarises them at most every 3 seconds. A closed poll marks its winners ("Top choice").
 * Hover styles apply only where a pointer can hover.
 *
 * @event oncue-vote - The server accepted this viewer's vote. `detail: { interaction, choices }`.
 * @event oncue-error - A vote was refused. `detail: { code, message }` (`message` is localised).
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 *
 * @csspart base - The card around everything.
 * @csspart question - The question.
 * @csspart status - The status line (open/closed, voters, countdown); also the loading/unavailable notice.
 * @csspart options - The list of options: a grid whose rows share one result track and the number columns.
 * @csspart option-row - Each list item: the option button and, with results, its result line; `option-row-winner` is added to a closed poll's winners.
 * @csspart option - Each option button; `option-chosen` is added to the chosen ones, `option-winner` to the options with the most votes once the poll is closed (all of them on a tie).
 * @csspart option-image - The image of an image option.
 * @csspart option-label - The label of an option.
 * @csspart option-tag - "Top choice", on a closed poll's winners (part of the button's name).
 * @csspart option-result - The count and percentage of an option (under the button, which it describes): `option-count` and `option-percent`, each in its own column.
 * @csspart option-count - The number of votes of an option (tabular numerals, counting up to a new tally).
 * @csspart option-percent - The percentage of an option.
 * @csspart bar - The filled part of an option's result bar; every bar has the same track, its width is the percentage.
 * @csspart hint - Guidance ("Choose up to 3 options", "Results will be shown…", "Thanks for voting!").
 * @csspart submit - The submit button of a multi-choice poll.
 * @csspart pending - The "Sending…" notice.
 * @csspart error - The error message of a refused vote.
 * @csspart connection - The connection notice ("Connection lost. Reconnecting…" and that taps are kept meanwhile), on its own surface.
 *
 * @cssproperty --accent-color - Chosen options, bars, the "Voting open" badge, winners. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --on-accent-color - Text on the accent colour (the badge, the submit button, tags): set it dark with a light accent. Default `var(--oncue-on-accent, #fff)`.
 * @cssproperty --surface-color - Card and option background. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - Secondary text and locked options. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --danger-color - Errors. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --border-color - Option borders (3:1 against the surface by default). Default `var(--oncue-border, rgb(22 24 35 / 0.5))`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of a button. Default `var(--oncue-tap-size, 44px)`.
 * @cssproperty --bar-color - Result bars. Default: the accent colour.
 * @cssproperty --notice-surface-color - Background of the connection notice. Default `var(--oncue-notice-surface, #161823)`.
 * @cssproperty --on-notice-color - Text of the connection notice. Default `var(--oncue-on-notice, #fff)`.
 */
export class OnCuePoll extends OnCueInteractionElement {
  static override styles = [baseStyles, cardStyles, optionButtonStyles, resultBarStyles, pollStyles];

  /** The multi-choice selection being made, before it is submitted. */
  @state() private draft: number[] | null = null;
  @state() private sending = false;
  @state() private errorCode: string | null = null;
  @state() private announcement = '';

  private readonly l10n = new Localize(this, pollMessages);
  private readonly tween = new Tween(this);
  /** The last vote the server accepted through this element (until the room state has it). */
  private accepted: { id: string; choices: number[] } | null = null;
  private summary = '';
  private nextAnnouncement = '';
  private lastAnnounced = 0;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    // Re-renders the countdown while the poll closes by itself.
    new Ticker(this, 1000, () => {
      const view = this.findView();
      return view?.status === 'open' && view.closesAt !== undefined;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
    this.announceTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interaction')) {
      this.draft = this.errorCode = null;
      this.accepted = null;
    }
  }

  protected override updated(): void {
    this.announce(this.summary);
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const view = this.findView();
    const synced = this.rooms.room.value?.synced;
    this.summary = '';
    return html`<section part="base" class="base" aria-labelledby=${view ? 'question' : nothing}>
      ${
        view
          ? this.renderPoll(this.model(view))
          : html`<p part="status" class="notice">
            ${t(synced ? 'unavailable' : this.rooms.state.value === 'connecting' ? 'connecting' : 'loading')}
          </p>`
      }
      ${this.renderConnection(t)}
      <p class="sr-only" aria-live="polite" aria-atomic="true">${this.announcement}</p>
    </section>`;
  }

  protected override shownInteraction(): ShownInteraction | undefined {
    return this.rooms.shown(this.findView());
  }

  private findView(): PollView | undefined {
    return this.rooms.room.value?.interactions.find((i): i is PollView => i.id === this.interaction && i.kind === 'poll');
  }

  /** The question in the A/B variant this viewer is assigned (the original without variants). */
  private wording(view: PollView): string {
    const variant = this.rooms.shown(view)?.variant;
    return (variant && view.variants?.[variant - 1]) || view.question;
  }

  private model(view: PollView): PollModel {
    const room = this.rooms.room.value!;
    const pending = this.rooms.pending.value?.filter((p) => p.action === 'vote' && p.interaction === view.id).at(-1)?.payload as VotePayload | undefined;
    const mine = (room.mine[view.id] as PollMine | undefined) ?? (this.accepted?.id === view.id ? this.accepted.choices : undefined);
    const busy = this.sending || !!pending;
    const voted = !!mine?.length;
    const canVote = view.status === 'open' && this.rooms.state.value !== 'failed' && !busy && (!voted || view.allowChange);
    const chosen = new Set(pending?.choices ?? (view.multi ? this.draft : null) ?? mine ?? []);
    return { view, chosen, mine, busy, canVote };
  }

  private renderPoll(m: PollModel): TemplateResult {
    const { t, number } = this.l10n;
    const { view } = m;
    const tally = view.tally;
    const voters = view.voters ?? tally?.reduce((a, b) => a + b, 0) ?? 0;
    // A closed poll's winners: every option with the most votes (ties share the top).
    const top = view.status === 'closed' && tally ? Math.max(...tally) : 0;
    const results = tally?.map((count, i) => {
      const share = voters ? count / voters : 0;
      const votes = t('votes', count, number(count));
      const percent = number(share, { style: 'percent' });
      // The numbers on screen count toward a new tally; the bar glides (CSS); what is spoken is the tally itself.
      const shown = Math.round(this.tween.value(`${view.id} ${i}`, count));
      return {
        share,
        winner: top > 0 && count === top,
        count: t('votes', shown, number(shown)),
        percent: number(this.tween.value(`${view.id} %${i}`, share), { style: 'percent' }),
        spoken: t('optionResult', view.options[i]?.label ?? '', votes, percent),
      };
    });
    if (results) this.summary = t('summary', t(view.status), results.map((r) => r.spoken).join('; '));
    const full = view.multi && m.chosen.size >= view.maxChoices;
    const error = this.errorCode && this.errorMessage(this.errorCode);

    return html`
      <p part="question" class="question" id="question">${this.wording(view)}</p>
      <p part="status" class="status">
        <span class="badge badge-${view.status}">${t(view.status)}</span>
        ${tally ? html`<span>${t('voters', voters, number(voters))}</span>` : nothing}
        ${this.renderCountdown(view)}
      </p>
      <ul part="options" class="options results" role="list">
        ${view.options.map((option, i) => {
          const chosen = m.chosen.has(i);
          const disabled = !m.canVote || (full && !chosen);
          const result = results?.[i];
          const winner = result?.winner;
          return html`<li part=${winner ? 'option-row option-row-winner' : 'option-row'} class="row">
            <button
              part="option${chosen ? ' option-chosen' : ''}${winner ? ' option-winner' : ''}"
              class="option ${winner ? 'winner' : ''}"
              type="button"
              aria-pressed=${chosen ? 'true' : 'false'}
              aria-disabled=${disabled ? 'true' : 'false'}
              aria-labelledby="label-${i}${winner ? ` tag-${i}` : ''}"
              aria-describedby=${result ? `result-${i}` : nothing}
              @click=${() => this.choose(m, i, disabled)}
            >
              ${option.image ? html`<img part="option-image" class="image" src=${option.image} alt=${option.label} loading="lazy" />` : nothing}
              <span part="option-label" class="label" id="label-${i}">${option.label}</span>
              ${winner ? html`<span part="option-tag" class="tag" id="tag-${i}">${t('topChoice')}</span>` : nothing}
              ${chosen ? html`<span class="check" aria-hidden="true" title=${t('yourChoice')}>✓</span>` : nothing}
            </button>
            ${result ? resultRow(`result-${i}`, result.share, result.count, result.percent) : nothing}
          </li>`;
        })}
      </ul>
      ${this.renderFooter(m)}
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}
    `;
  }

  private renderCountdown(view: PollView): TemplateResult | typeof nothing {
    if (view.status !== 'open' || view.closesAt === undefined) return nothing;
    const left = view.closesAt - this.rooms.serverTime();
    return html`<span class="countdown">${left > 0 ? this.l10n.t('closesIn', clock(left)) : this.l10n.t('closing')}</span>`;
  }

  private renderFooter(m: PollModel): TemplateResult {
    const { t } = this.l10n;
    const { view } = m;
    const hint = (text: string) => html`<p part="hint" class="hint">${text}</p>`;
    const draft = this.draft ?? [];
    const unchanged = draft.length === (m.mine?.length ?? 0) && draft.every((c) => m.mine?.includes(c));
    const canSubmit = m.canVote && draft.length > 0 && !unchanged;
    return html`
      ${
        view.multi && m.canVote
          ? html`${hint(view.maxChoices < view.options.length ? t('chooseUpTo', view.maxChoices) : t('chooseAny'))}
            <button
              part="submit"
              class="submit"
              type="button"
              aria-disabled=${canSubmit ? 'false' : 'true'}
              @click=${() => canSubmit && this.submit(view.id, draft)}
            >
              ${t(m.mine?.length ? 'change' : 'submit')}
            </button>`
          : nothing
      }
      ${m.busy ? html`<p part="pending" class="hint" role="status">${t('sending')}</p>` : nothing}
      ${!m.busy && m.mine?.length && view.status === 'open' ? hint(t(view.allowChange ? 'thanksChange' : 'thanks')) : nothing}
      ${!view.tally && view.status === 'open' ? hint(t('resultsHidden')) : nothing}
    `;
  }

  private choose(m: PollModel, index: number, disabled: boolean): void {
    if (disabled) return;
    if (!m.view.multi) {
      if (!m.chosen.has(index)) void this.submit(m.view.id, [index]);
      return;
    }
    const current = [...m.chosen];
    this.draft = current.includes(index) ? current.filter((c) => c !== index) : [...current, index].sort((a, b) => a - b);
    this.errorCode = null;
  }

  private async submit(id: string, choices: number[]): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.sending) return;
    this.sending = true;
    this.errorCode = null;
    const result = await vote(conn, id, choices).catch(() => null);
    this.sending = false;
    if (result?.ok) {
      const accepted = result.value.mine ?? [...choices].sort((a, b) => a - b);
      this.accepted = { id, choices: accepted };
      this.draft = null;
      this.emit('oncue-vote', { interaction: id, choices: accepted });
      return;
    }
    const code = result ? result.error.code : 'internal';
    this.errorCode = code;
    this.emit('oncue-error', { code, message: this.errorMessage(code) });
  }

  /** The localised message of an error code: the poll's own wording first, then the shared one (a code this version does not know reads as `internal`). */
  private errorMessage(code: string): string {
    const { t } = this.l10n;
    return refusalText(t, 'pollError_', code);
  }

  /** Updates the polite live region, at most every {@link ANNOUNCE_EVERY_MS}. */
  private announce(text: string): void {
    if (text === this.nextAnnouncement) return;
    this.nextAnnouncement = text;
    clearTimeout(this.announceTimer);
    const wait = Math.max(0, this.lastAnnounced + ANNOUNCE_EVERY_MS - Date.now());
    this.announceTimer = setTimeout(() => {
      this.lastAnnounced = Date.now();
      this.announcement = this.nextAnnouncement;
    }, wait);
  }
}
