import { claim, enter, entryTicket } from '@oncue/core';
import { lotteryProofPath, type DrawProof, type ErrorCode, type LotteryPersonal, type LotteryView } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { cardStyles } from '../shared/card.styles.js';
import { ClaimDraft, MAX_CLAIM_VALUE } from '../shared/claim-form.js';
import { claimFormStyles } from '../shared/claim-form.styles.js';
import { prizeStyles } from '../shared/prize.styles.js';
import { fieldFeedbackStyles } from '../shared/field-feedback.styles.js';
import { Localize } from '../shared/localize.js';
import { Ticker } from '../shared/ticker.js';
import { OnCueInteractionElement } from '../shared/interaction-element.js';
import type { ShownInteraction } from '../shared/widget-telemetry.js';
import { clock, refusalText } from '../shared/interaction-messages.js';
import { lotteryMessages, type LotteryMessages } from './lottery-messages.js';
import { lotteryStyles } from './lottery.styles.js';

/** The outcome of the last "verify": a message key of the catalogue, and whether the check held. */
type VerifyOutcome = { key: keyof LotteryMessages; ok: boolean };

/** Hashed entry ids are shown by their first characters. */
const SHORT_ID = 8;
/** How long the draw moment lasts before the winners show, ms. */
const DRAW_MOMENT_MS = 1800;

/**
 * @customElement oncue-lottery
 * @summary A giveaway with its odds in view, one-tap entry, a draw anyone can check in the browser, and the winner's claim.
 *
 * Connects to `server` + `room` itself, or uses a shared `connection` (as `<oncue-stage>` does).
 * Always shows the number of prizes, of entries and the chance of winning ("3 prizes · 1,204 entries · 0.25% chance").
 * One tap enters (once; the entry survives reconnects and reloads). At the draw, entrants learn whether they won;
 * a winner gets the claim form the host set up (until the claim window ends; each field shows its own error and
 * length counter); everyone sees the winners by display name (a winner who entered without one by its entry
 * ticket) and can "Verify the draw": the widget fetches the proof (seed, sorted entry list, winners),
 * checks in the browser with WebCrypto that the seed matches the commitment published at launch and that the
 * winners follow from seed and list, and that this viewer's entry is in the list, and says whether this viewer
 * was drawn. Redraws are shown as such.
 *
 * The draw moment: a viewer watching when the draw happens sees a short shuffle of tickets (about 1.8 s), then
 * all winners at once; with `prefers-reduced-motion: reduce`, or when the viewer arrives after the draw, the
 * winners show at once.
 *
 * @event oncue-enter - The server accepted this viewer's entry. `detail: { interaction }`.
 * @event oncue-claim - The server accepted this viewer's claim. `detail: { interaction }`.
 * @event oncue-verify - A verification finished. `detail: { interaction, ok }`.
 * @event oncue-error - An entry or claim was refused. `detail: { code, message }` (`message` is localised).
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 *
 * @csspart base - The card around everything.
 * @csspart status - The status line (open, drawing, winners drawn); also the loading/unavailable notice.
 * @csspart countdown - The time left to enter.
 * @csspart prize - The prize: its image and description.
 * @csspart prize-image - The prize's image.
 * @csspart odds - Prizes, entries and the chance of winning.
 * @csspart enter - The enter button.
 * @csspart hint - Guidance (entered, eligibility, not entered, lost).
 * @csspart pending - The "Sending…" notice.
 * @csspart outcome - "You won!" / "Not this time".
 * @csspart draw-moment - The shuffle shown while the winners are drawn.
 * @csspart claim-form - The claim form of a winner.
 * @csspart field - Each field of the claim form (`aria-invalid="true"` while it has an error).
 * @csspart field-error - The error under a claim field (the field's `aria-describedby` names it).
 * @csspart field-count - The length counter under a claim field, once its value passes half the limit ("120/200").
 * @csspart claim - The claim button.
 * @csspart winners - The list of winners.
 * @csspart winner - Each winner; `winner-mine` is added to this viewer's.
 * @csspart commitment - The commitment line.
 * @csspart verify - The verify button.
 * @csspart verify-result - What the verification found.
 * @csspart error - The error message of a refused action.
 * @csspart connection - The connection notice ("Reconnecting…").
 *
 * @cssproperty --accent-color - Buttons, the odds. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --on-accent-color - Text on the accent colour. Default `var(--oncue-on-accent, #fff)`.
 * @cssproperty --surface-color - Card background. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - Secondary text. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --danger-color - Errors, failed checks. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --success-color - A win, a passed check. Default `var(--oncue-success, #0a7d3b)`.
 * @cssproperty --border-color - Field borders. Default `var(--oncue-border, rgb(22 24 35 / 0.16))`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of a button. Default `var(--oncue-tap-size, 44px)`.
 */
export class OnCueLottery extends OnCueInteractionElement {
  static override styles = [baseStyles, cardStyles, claimFormStyles, fieldFeedbackStyles, prizeStyles, lotteryStyles];

  @state() private sending = false;
  @state() private error: string | null = null;
  @state() private verifying = false;
  @state() private verified: VerifyOutcome | null = null;
  /** The lottery whose draw moment is playing. */
  @state() private drawMoment: string | null = null;

  /** Lotteries this element showed before their draw: their draw gets the draw moment. */
  private readonly undrawn = new Set<string>();
  private drawTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly l10n = new Localize(this, lotteryMessages);
  /** A winner's claim being filled in. */
  private readonly claimDraft = new ClaimDraft(this);
  /** The first commitment this element was shown for each lottery: the one a later proof must match. */
  private readonly commitments = new Map<string, string>();

  constructor() {
    super();
    // Re-renders the countdown while entries close by themselves.
    new Ticker(this, 1000, () => {
      const lottery = this.findView();
      return lottery?.status === 'open' && lottery.closesAt !== undefined;
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interaction')) {
      this.error = this.verified = null;
      this.claimDraft.reset();
    }
    const lottery = this.findView();
    if (lottery) this.watchDraw(lottery);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.drawTimer);
    this.drawMoment = null;
  }

  /** Starts the draw moment when a lottery this element showed undrawn is drawn (not under reduced motion). */
  private watchDraw(lottery: LotteryView): void {
    if (!lottery.draws) {
      this.undrawn.add(lottery.id);
      return;
    }
    if (!this.undrawn.delete(lottery.id) || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    this.drawMoment = lottery.id;
    clearTimeout(this.drawTimer);
    this.drawTimer = setTimeout(() => (this.drawMoment = null), DRAW_MOMENT_MS);
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const lottery = this.findView();
    const synced = this.rooms.room.value?.synced;
    return html`<section part="base" class="base" aria-labelledby=${lottery ? 'prize' : nothing}>
      ${
        lottery && lottery.status !== 'draft'
          ? this.renderLottery(lottery)
          : html`<p part="status" class="notice">
            ${t(lottery ? 'lotteryDraft' : synced ? 'lotteryUnavailable' : this.rooms.state.value === 'connecting' ? 'connecting' : 'loading')}
          </p>`
      }
      <p part="connection" class="notice connection" role="status">${this.connectionNotice(this.l10n.t)}</p>
    </section>`;
  }

  protected override shownInteraction(): ShownInteraction | undefined {
    return this.rooms.shown(this.findView());
  }

  private findView(): LotteryView | undefined {
    const view = this.rooms.room.value?.interactions.find((i): i is LotteryView => i.id === this.interaction && i.kind === 'lottery');
    if (view && !this.commitments.has(view.id)) this.commitments.set(view.id, view.commitment);
    return view;
  }

  private personal(lottery: LotteryView): LotteryPersonal | undefined {
    return this.rooms.room.value?.personal[lottery.id] as LotteryPersonal | undefined;
  }

  private renderLottery(lottery: LotteryView): TemplateResult {
    const { t, number } = this.l10n;
    const moment = this.drawMoment === lottery.id;
    const drawn = lottery.draws !== undefined && !moment;
    const status = lottery.status === 'open' ? t('lotteryOpen') : drawn ? t('lotteryDrawn') : t('lotteryDrawing');
    const chance = Math.min(1, lottery.prizes / Math.max(1, lottery.entries));
    return html`
      <p part="status" class="status">
        <span class="badge badge-${lottery.status}">${status}</span>
        ${this.renderCountdown(lottery)}
      </p>
      <div part="prize" class="prize">
        ${lottery.image ? html`<img part="prize-image" class="prize-image" src=${lottery.image} alt="" loading="lazy" />` : nothing}
        <p class="prize-text" id="prize">${lottery.prize}</p>
      </div>
      <p part="odds" class="odds">
        ${t(
          'lotteryOdds',
          number(lottery.prizes),
          lottery.prizes,
          number(lottery.entries),
          lottery.entries,
          number(chance, { style: 'percent', maximumSignificantDigits: 2 }),
        )}
      </p>
      ${lottery.status === 'open' ? this.renderEntry(lottery) : nothing}
      ${
        moment
          ? html`<div part="draw-moment" class="draw-moment" aria-hidden="true">${[0, 1, 2, 3, 4].map(() => html`<span class="ticket"></span>`)}</div>`
          : drawn
            ? this.renderDraw(lottery)
            : nothing
      }
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private renderCountdown(lottery: LotteryView): TemplateResult | typeof nothing {
    if (lottery.status !== 'open' || lottery.closesAt === undefined) return nothing;
    const left = lottery.closesAt - this.rooms.serverTime();
    return html`<span part="countdown" class="countdown" role="timer">${left > 0 ? this.l10n.t('closesIn', clock(left)) : this.l10n.t('closing')}</span>`;
  }

  private renderEntry(lottery: LotteryView): TemplateResult {
    const { t } = this.l10n;
    const personal = this.personal(lottery);
    const pending = this.rooms.pending.value?.some((p) => p.action === 'enter' && p.interaction === lottery.id);
    const busy = this.sending || !!pending;
    if (personal?.entry) return html`<p part="hint" class="hint entered" role="status">${t('entered')}</p>`;
    return html`${lottery.eligibility.type === 'participated' ? html`<p part="hint" class="hint">${t('onlyParticipants')}</p>` : nothing}
      <button
        part="enter"
        class="primary"
        type="button"
        aria-disabled=${busy || this.rooms.state.value === 'failed' ? 'true' : 'false'}
        @click=${() => this.enter(lottery)}
      >
        ${t('enter')}
      </button>
      ${busy ? html`<p part="pending" class="hint" role="status">${t('sending')}</p>` : nothing}`;
  }

  private renderDraw(lottery: LotteryView): TemplateResult {
    const { t } = this.l10n;
    const personal = this.personal(lottery);
    const winners = lottery.winners ?? [];
    const names = lottery.winnerNames ?? {};
    const claimed = new Set(lottery.claimed ?? []);
    const replaced = new Set((lottery.draws ?? []).flatMap((d) => d.replaces ?? []));
    return html`
      <div class="live" role="status" aria-live="polite">${this.renderOutcome(lottery, personal)}</div>
      ${personal?.won && personal.claimedAt === undefined && (personal.claimBy ?? 0) > this.rooms.serverTime() ? this.renderClaimForm(lottery) : nothing}
      <p class="winners-title" id="winners-title">${t('winners')}</p>
      ${
        winners.length
          ? html`<ol part="winners" class="winners" aria-labelledby="winners-title">
            ${winners.map((id) => {
              const mine = id === personal?.entry;
              const name = names[id];
              return html`<li part=${mine ? 'winner winner-mine' : 'winner'} class="winner ${mine ? 'mine' : ''} ${replaced.has(id) ? 'replaced' : ''}">
                <span class="who">${mine ? (name ? t('youNamed', name) : t('you')) : (name ?? t('winnerRow', id.slice(0, SHORT_ID)))}</span>
                ${claimed.has(id) ? html`<span class="claimed">${t('claimedMark')}</span>` : nothing}
              </li>`;
            })}
          </ol>`
          : html`<p part="hint" class="hint">${t('noWinners')}</p>`
      }
      ${(lottery.draws ?? []).filter((d) => d.round > 0).map((d) => html`<p part="hint" class="hint">${t('redraw', d.round)}</p>`)}
      <p part="commitment" class="commitment">${t('commitment', lottery.commitment.slice(0, 16))}</p>
      <button part="verify" class="secondary" type="button" aria-disabled=${this.verifying ? 'true' : 'false'} @click=${() => this.verify(lottery)}>
        ${t('verify')}
      </button>
      <p part="verify-result" class="verify-result ${this.verified ? (this.verified.ok ? 'ok' : 'bad') : ''}" role="status">
        ${this.verifying ? t('verifying') : this.verified ? t(this.verified.key as 'verified') : ''}
      </p>
    `;
  }

  private renderOutcome(lottery: LotteryView, personal: LotteryPersonal | undefined): TemplateResult | typeof nothing {
    const { t } = this.l10n;
    if (!personal?.entry) return html`<p part="hint" class="hint">${t('notEntered')}</p>`;
    if (!personal.won) return html`<p part="outcome" class="outcome">${t('youLost')}</p>`;
    const expired = personal.claimedAt === undefined && (personal.claimBy ?? 0) <= this.rooms.serverTime();
    const line =
      personal.claimedAt !== undefined ? t('claimed') : expired ? t('claimExpired') : t('claimBy', clock((personal.claimBy ?? 0) - this.rooms.serverTime()));
    return html`<p part="outcome" class="outcome won"><strong>${t('youWon')}</strong> <span>${line}</span></p>`;
  }

  private renderClaimForm(lottery: LotteryView): TemplateResult {
    const { t } = this.l10n;
    const busy = this.sending || !!this.rooms.pending.value?.some((p) => p.action === 'claim' && p.interaction === lottery.id);
    return this.claimDraft.form(lottery.claim.fields, busy, { submit: t('claimPrize'), sending: t('sending') }, () => this.claim(lottery));
  }

  private async enter(lottery: LotteryView): Promise<void> {
    const conn = this.rooms.conn;
    const pending = this.rooms.pending.value?.some((p) => p.action === 'enter' && p.interaction === lottery.id);
    if (!conn || this.sending || pending || this.personal(lottery)?.entry || this.rooms.state.value === 'failed') return;
    this.sending = true;
    this.error = null;
    const result = await enter(conn, lottery.id).catch(() => null);
    this.sending = false;
    if (result?.ok) this.emit('oncue-enter', { interaction: lottery.id });
    else this.refused(result);
  }

  private async claim(lottery: LotteryView): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.sending) return;
    const { t } = this.l10n;
    const fields = this.claimDraft.check(lottery.claim.fields, { missing: t('claimFieldMissing'), tooLong: t('claimFieldTooLong', MAX_CLAIM_VALUE) });
    if (!fields) return;
    this.sending = true;
    this.error = null;
    const result = await claim(conn, lottery.id, fields).catch(() => null);
    this.sending = false;
    if (result?.ok) {
      this.claimDraft.reset();
      this.emit('oncue-claim', { interaction: lottery.id });
    } else this.refused(result);
  }

  private refused(result: { ok: false; error: { code: ErrorCode } } | null): void {
    const code = result ? result.error.code : 'internal';
    const { t } = this.l10n;
    this.error = refusalText(t, 'lotteryError_', code);
    this.emit('oncue-error', { code, message: this.error });
  }

  /** Fetches the public proof and recomputes the draw here, with WebCrypto. */
  private async verify(lottery: LotteryView): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.verifying) return;
    this.verifying = true;
    this.verified = null;
    let outcome: VerifyOutcome;
    try {
      const response = await fetch(`${conn.server}${lotteryProofPath(conn.room, lottery.id)}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`proof: HTTP ${response.status}`);
      const proof = (await response.json()) as DrawProof;
      // The commitment must be the one this page was shown first (before the draw when it watched the launch), not one sent with the proof.
      // The verification is a chunk of its own, fetched the first time a viewer verifies (see draw-verification.ts).
      const { verifyDraw } = await import('./draw-verification.js');
      const check = await verifyDraw({ ...proof, commitment: this.commitments.get(lottery.id) ?? lottery.commitment });
      const entry = this.personal(lottery)?.entry;
      // This viewer's own ticket, recomputed here from the secret only this page holds: the list must have it,
      // whatever the server says. (An entry made without a ticket can only be checked by the server's word.)
      const own = entry === undefined ? undefined : await entryTicket(conn, lottery.id);
      const mine = own !== undefined && proof.entryList.includes(own) ? own : entry;
      if (!check.ok) outcome = { key: `verifyFailed_${check.reason}`, ok: false };
      else if (mine && !proof.entryList.includes(mine)) outcome = { key: 'verifyFailed_missing', ok: false };
      else outcome = { key: !mine ? 'verified' : proof.winners.includes(mine) ? 'verifiedWon' : 'verifiedNotDrawn', ok: true };
    } catch {
      outcome = { key: 'verifyError', ok: false };
    }
    this.verifying = false;
    this.verified = outcome;
    if (outcome.key !== 'verifyError') this.emit('oncue-verify', { interaction: lottery.id, ok: outcome.ok });
  }
}
