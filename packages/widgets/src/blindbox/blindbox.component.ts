import { claim, entryTicket, guess } from '@oncue/core';
import { lotteryProofPath, type BlindboxGuess, type BlindboxPersonal, type BlindboxView, type ErrorCode } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { cardStyles } from '../shared/card.styles.js';
import { ClaimDraft, MAX_CLAIM_VALUE } from '../shared/claim-form.js';
import { claimFormStyles } from '../shared/claim-form.styles.js';
import { prizeStyles } from '../shared/prize.styles.js';
import { fieldFeedbackStyles } from '../shared/field-feedback.styles.js';
import { clock, refusalText } from '../shared/interaction-messages.js';
import { OnCueInteractionElement } from '../shared/interaction-element.js';
import { Localize } from '../shared/localize.js';
import { optionButtonStyles } from '../shared/option-button.styles.js';
import { resultBarStyles } from '../shared/result-bar.styles.js';
import { resultRow } from '../shared/result-row.js';
import { Ticker } from '../shared/ticker.js';
import type { ShownInteraction } from '../shared/widget-telemetry.js';
import { blindboxMessages, type BlindboxMessages } from './blindbox-messages.js';
import { blindboxStyles } from './blindbox.styles.js';

/** The outcome of the last "verify": a message key of the catalogue, and whether the check held. */
type VerifyOutcome = { key: keyof BlindboxMessages; ok: boolean };

/** Hashed entry ids are shown by their first characters (only for a winner without a display name). */
const SHORT_ID = 8;
/** The "3, 2, 1" before the box opens, ms. */
const REVEAL_COUNTDOWN_MS = 3000;
/** The longest text guess (the server's limit). */
const MAX_TEXT = 40;

/**
 * @customElement oncue-blindbox
 * @summary A sealed box viewers guess at before it is opened on camera; the contents were committed before the first guess, so anyone can check the reveal.
 *
 * Connects to `server` + `room` itself, or uses a shared `connection` (as `<oncue-stage>` does). Shows the box (its
 * picture, or a drawn box), the guess control the host chose (options to tap, a whole number, or a short text), the
 * number of guesses (and how many picked each option when the host shows it), then the lock, the reveal ("3, 2, 1",
 * none under `prefers-reduced-motion`) or its cancellation (nobody wins), whether this viewer guessed right, the winners by display name, a winner's
 * claim form, and "Verify the box": the widget fetches the proof and checks with WebCrypto that the answer and salt
 * hash to the commitment shown before the reveal, that the winners follow from the published guesses and the rule,
 * and that this viewer's own guess is in the list under the ticket only this browser can compute.
 *
 * @event oncue-guess - The server accepted this viewer's guess. `detail: { interaction, value }`.
 * @event oncue-claim - The server accepted this viewer's claim. `detail: { interaction }`.
 * @event oncue-verify - A verification finished. `detail: { interaction, ok }`.
 * @event oncue-error - A guess or claim was refused. `detail: { code, message }` (`message` is localised).
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 *
 * @csspart base - The card around everything.
 * @csspart status - The status line (guessing, locked, opened); also the loading/unavailable notice.
 * @csspart countdown - The time left to guess.
 * @csspart box - The box: its picture or the drawn box, and the title.
 * @csspart box-image - The box's picture.
 * @csspart count - The number of guesses.
 * @csspart options - The list of options (choice boxes).
 * @csspart option - Each option button; `option-chosen` is added to this viewer's guess, `option-answer` to the answer once revealed.
 * @csspart option-result - How many picked an option (when shown): `option-count` and `option-percent` in their own columns.
 * @csspart bar - The bar of an option's share.
 * @csspart guess-form - The number or text guess form.
 * @csspart field - The guess field and each claim field.
 * @csspart submit - The guess button of the form.
 * @csspart hint - Guidance (your guess, range, locked).
 * @csspart reveal - The "3, 2, 1" before the box opens.
 * @csspart answer - What was in the box.
 * @csspart outcome - "You guessed right!" / "Not this time".
 * @csspart claim-form - The claim form of a winner.
 * @csspart field-error - The message beside a claim field left empty.
 * @csspart claim - The claim button.
 * @csspart winners - The list of winners.
 * @csspart winner - Each winner; `winner-mine` is added to this viewer's.
 * @csspart commitment - The commitment line.
 * @csspart verify - The verify button.
 * @csspart verify-result - What the verification found.
 * @csspart pending - The "Sending…" notice.
 * @csspart error - The error message of a refused action.
 * @csspart connection - The connection notice ("Reconnecting…").
 *
 * @cssproperty --accent-color - Buttons, the chosen option. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --on-accent-color - Text on the accent colour. Default `var(--oncue-on-accent, #fff)`.
 * @cssproperty --surface-color - Card background. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - Secondary text. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --danger-color - Errors, failed checks. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --success-color - A right guess, a passed check. Default `var(--oncue-success, #0a7d3b)`.
 * @cssproperty --bar-color - The share bars. Default `var(--oncue-bar, var(--accent-color))`.
 * @cssproperty --border-color - Field borders. Default `var(--oncue-border, rgb(22 24 35 / 0.16))`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of a button. Default `var(--oncue-tap-size, 44px)`.
 */
export class OnCueBlindbox extends OnCueInteractionElement {
  static override styles = [baseStyles, cardStyles, optionButtonStyles, resultBarStyles, claimFormStyles, fieldFeedbackStyles, prizeStyles, blindboxStyles];

  @state() private sending = false;
  @state() private error: string | null = null;
  @state() private draft = '';
  @state() private verifying = false;
  @state() private verified: VerifyOutcome | null = null;
  /** Until when (this page's clock) the "3, 2, 1" runs, for a reveal this page watched happen. */
  @state() private revealUntil = 0;

  private readonly l10n = new Localize(this, blindboxMessages);
  /** A winner's claim being filled in. */
  private readonly claimDraft = new ClaimDraft(this);
  /** The first commitment this element was shown for each box: the one the reveal must match. */
  private readonly commitments = new Map<string, string>();
  /** Boxes this element has seen unrevealed: their reveal gets the countdown. */
  private readonly sealed = new Set<string>();

  constructor() {
    super();
    new Ticker(this, 250, () => {
      const box = this.findView();
      return (box?.status === 'open' && box.closesAt !== undefined) || this.revealUntil > Date.now();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interaction')) {
      this.error = this.verified = null;
      this.draft = '';
      this.claimDraft.reset();
    }
    const box = this.findView();
    if (!box) return;
    if (box.revealedAt === undefined) this.sealed.add(box.id);
    else if (this.sealed.delete(box.id) && !matchMedia('(prefers-reduced-motion: reduce)').matches) this.revealUntil = Date.now() + REVEAL_COUNTDOWN_MS;
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const box = this.findView();
    const synced = this.rooms.room.value?.synced;
    return html`<section part="base" class="base" aria-labelledby=${box ? 'title' : nothing}>
      ${
        box && box.status !== 'draft'
          ? this.renderBox(box)
          : html`<p part="status" class="notice">
            ${t(box ? 'boxDraft' : synced ? 'boxUnavailable' : this.rooms.state.value === 'connecting' ? 'connecting' : 'loading')}
          </p>`
      }
      ${this.renderConnection(t)}
    </section>`;
  }

  protected override shownInteraction(): ShownInteraction | undefined {
    return this.rooms.shown(this.findView());
  }

  private findView(): BlindboxView | undefined {
    const view = this.rooms.room.value?.interactions.find((i): i is BlindboxView => i.id === this.interaction && i.kind === 'blindbox');
    if (view && !this.commitments.has(view.id)) this.commitments.set(view.id, view.commitment);
    return view;
  }

  private personal(box: BlindboxView): BlindboxPersonal | undefined {
    return this.rooms.room.value?.personal[box.id] as BlindboxPersonal | undefined;
  }

  /** The pending (sent, unanswered) guess of this box, if any. */
  private pendingGuess(box: BlindboxView): number | string | undefined {
    const pending = this.rooms.pending.value?.filter((p) => p.action === 'guess' && p.interaction === box.id).at(-1);
    return (pending?.payload as { value?: number | string } | undefined)?.value;
  }

  /** How a guess or the answer reads: an option's label, a number in the viewer's format, a text as typed. */
  private wordingOf(box: BlindboxView, value: number | string | readonly string[]): string {
    if (Array.isArray(value)) return value[0] ?? '';
    if (box.guess.type === 'choice' && typeof value === 'number') return box.guess.options[value]?.label ?? '';
    return typeof value === 'number' ? this.l10n.number(value) : String(value);
  }

  private renderBox(box: BlindboxView): TemplateResult {
    const { t, number } = this.l10n;
    const revealed = box.revealedAt !== undefined;
    const countingDown = revealed && this.revealUntil > Date.now();
    const status = box.cancelled ? t('boxCancelled') : box.status === 'open' ? t('boxOpen') : revealed && !countingDown ? t('boxRevealed') : t('boxLocked');
    return html`
      <p part="status" class="status">
        <span class="badge badge-${box.status === 'open' ? 'open' : 'closed'}">${status}</span>
        ${this.renderCountdown(box)}
      </p>
      <div part="box" class="box ${revealed && !countingDown ? 'opened' : ''}">
        ${
          box.image
            ? html`<img part="box-image" class="box-image" src=${box.image} alt=${t('boxPicture')} loading="lazy" />`
            : html`<span class="drawn-box" aria-hidden="true"><span class="lid"></span><span class="body"></span></span>`
        }
        <p class="title" id="title">${box.title}</p>
      </div>
      <p part="count" class="count">${t('guesses', box.participants, number(box.participants))}</p>
      ${box.guess.type === 'choice' ? this.renderChoices(box, countingDown) : box.status === 'open' ? this.renderGuessForm(box) : nothing}
      ${this.renderMine(box)}
      ${box.status !== 'open' && !revealed ? html`<p part="hint" class="hint">${t(box.cancelled ? 'cancelledHint' : 'lockedWaiting')}</p>` : nothing}
      ${
        countingDown
          ? html`<p part="reveal" class="reveal" role="timer" aria-label=${t('revealing')}>${Math.ceil((this.revealUntil - Date.now()) / 1000)}</p>`
          : revealed
            ? this.renderReveal(box)
            : nothing
      }
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }

  private renderCountdown(box: BlindboxView): TemplateResult | typeof nothing {
    if (box.status !== 'open' || box.closesAt === undefined) return nothing;
    const left = box.closesAt - this.rooms.serverTime();
    return html`<span part="countdown" class="countdown" role="timer">${left > 0 ? this.l10n.t('closesIn', clock(left)) : this.l10n.t('closing')}</span>`;
  }

  private renderChoices(box: BlindboxView, countingDown: boolean): TemplateResult {
    const { number } = this.l10n;
    if (box.guess.type !== 'choice') return html``;
    const personal = this.personal(box);
    const chosen = this.pendingGuess(box) ?? personal?.guess;
    const canGuess = this.canGuess(box, personal);
    const total = box.counts?.reduce((a, b) => a + b, 0) ?? 0;
    const answer = countingDown ? undefined : box.answer;
    return html`<p part="hint" class="hint">${canGuess ? this.l10n.t('guessChoice') : nothing}</p>
      <ul part="options" class="options results" role="list">
        ${box.guess.options.map((option, i) => {
          const mine = chosen === i;
          const right = answer === i;
          const parts = ['option', mine ? 'option-chosen' : '', right ? 'option-answer' : ''].filter(Boolean).join(' ');
          const count = box.counts?.[i];
          const share = count !== undefined && total ? count / total : 0;
          return html`<li part="option-row" class="row">
            <button
              part=${parts}
              class="option ${right ? 'answer' : ''}"
              type="button"
              aria-pressed=${mine ? 'true' : 'false'}
              aria-disabled=${canGuess && !mine ? 'false' : 'true'}
              aria-labelledby="label-${i}"
              aria-describedby=${count !== undefined ? `result-${i}` : nothing}
              @click=${() => canGuess && !mine && this.guess(box, i)}
            >
              ${option.image ? html`<img part="option-image" class="image" src=${option.image} alt=${option.label} loading="lazy" />` : nothing}
              <span part="option-label" class="label" id="label-${i}">${option.label}</span>
              ${right ? html`<span class="check" aria-hidden="true">✓</span>` : nothing}
            </button>
            ${count !== undefined ? resultRow(`result-${i}`, share, number(count), number(share, { style: 'percent' })) : nothing}
          </li>`;
        })}
      </ul>`;
  }

  private renderGuessForm(box: BlindboxView): TemplateResult | typeof nothing {
    const { t, number } = this.l10n;
    const personal = this.personal(box);
    if (!this.canGuess(box, personal) && !this.sending) return nothing;
    const numeric = box.guess.type === 'number';
    const hint =
      box.guess.type === 'number' ? t('guessRange', number(box.guess.min), number(box.guess.max)) : t('guessLength', [...this.draft].length, MAX_TEXT);
    return html`<form part="guess-form" class="guess-form" novalidate @submit=${(e: SubmitEvent) => this.submitDraft(e, box)}>
      <label class="field-label" for="guess">${t('guessLabel')}${box.guess.type === 'number' && box.guess.unit ? ` (${box.guess.unit})` : ''}</label>
      <div class="guess-row">
        <input
          part="field"
          class="field"
          id="guess"
          autocomplete="off"
          type=${numeric ? 'number' : 'text'}
          inputmode=${numeric ? 'numeric' : 'text'}
          min=${box.guess.type === 'number' ? box.guess.min : nothing}
          max=${box.guess.type === 'number' ? box.guess.max : nothing}
          step=${numeric ? 1 : nothing}
          maxlength=${numeric ? nothing : MAX_TEXT}
          aria-describedby="guess-hint"
          .value=${this.draft}
          @input=${(e: Event) => (this.draft = (e.target as HTMLInputElement).value)}
        />
        <button part="submit" class="primary" type="submit" aria-disabled=${this.sending ? 'true' : 'false'}>
          ${t(personal?.guess !== undefined ? 'guessChange' : 'guessSubmit')}
        </button>
      </div>
      <p part="hint" class="hint" id="guess-hint">${hint}</p>
    </form>`;
  }

  private renderMine(box: BlindboxView): TemplateResult | typeof nothing {
    const { t } = this.l10n;
    const personal = this.personal(box);
    const pending = this.pendingGuess(box);
    if (this.sending || pending !== undefined) return html`<p part="pending" class="hint" role="status">${t('sending')}</p>`;
    if (personal?.guess === undefined || box.revealedAt !== undefined) return nothing;
    return html`<p part="hint" class="hint mine" role="status">
      ${t('yourGuess', this.wordingOf(box, personal.guess))}
      ${box.status === 'open' ? (box.changeable ? t('canChange') : t('guessIn')) : nothing}
    </p>`;
  }

  private renderReveal(box: BlindboxView): TemplateResult {
    const { t } = this.l10n;
    const personal = this.personal(box);
    const winners = box.winners ?? [];
    const line =
      personal?.guess === undefined
        ? t('notGuessed')
        : personal.won
          ? t('youWon')
          : personal.right
            ? box.reward.type === 'all'
              ? t('youRight')
              : t('rightNotDrawn')
            : t('youWrong');
    const claimable = personal?.won && personal.claimedAt === undefined && (personal.claimBy ?? 0) > this.rooms.serverTime();
    return html`
      <p part="answer" class="answer">${t('answer', this.wordingOf(box, box.answer ?? ''))}</p>
      <div class="live" role="status" aria-live="polite">
        <p part="outcome" class="outcome ${personal?.right ? 'won' : ''}">
          ${personal?.right && personal.won ? html`<strong>${t('youRight')}</strong> ` : nothing}${line}
          ${
            personal?.won
              ? html` <span>${personal.claimedAt !== undefined ? t('claimed') : claimable ? t('claimBy', clock((personal.claimBy ?? 0) - this.rooms.serverTime())) : t('claimExpired')}</span>`
              : nothing
          }
        </p>
      </div>
      ${claimable ? this.claimDraft.form(box.claim.fields, this.sending, { submit: t('claimPrize'), sending: t('sending') }, () => this.claim(box)) : nothing}
      <p class="winners-title" id="winners-title">${t('winners')}</p>
      ${
        winners.length
          ? html`<ol part="winners" class="winners" aria-labelledby="winners-title">
            ${winners.map((id) => {
              const mine = id === personal?.entry;
              const name = box.winnerNames?.[id];
              return html`<li part=${mine ? 'winner winner-mine' : 'winner'} class="winner ${mine ? 'mine' : ''}">
                ${mine ? t('youNamed', name ?? t('winnerEntry', id.slice(0, SHORT_ID))) : (name ?? t('winnerEntry', id.slice(0, SHORT_ID)))}
              </li>`;
            })}
          </ol>`
          : html`<p part="hint" class="hint">${t('noWinners')}</p>`
      }
      <p part="commitment" class="commitment">${t('commitment', (this.commitments.get(box.id) ?? box.commitment).slice(0, 16))}</p>
      <button part="verify" class="secondary" type="button" aria-disabled=${this.verifying ? 'true' : 'false'} @click=${() => this.verify(box)}>${t('verify')}</button>
      <p part="verify-result" class="verify-result ${this.verified ? (this.verified.ok ? 'ok' : 'bad') : ''}" role="status">
        ${this.verifying ? t('verifying') : this.verified ? t(this.verified.key as 'verified') : ''}
      </p>
    `;
  }

  private canGuess(box: BlindboxView, personal: BlindboxPersonal | undefined): boolean {
    const pending = this.pendingGuess(box) !== undefined;
    return box.status === 'open' && !this.sending && !pending && this.rooms.state.value !== 'failed' && (personal?.guess === undefined || box.changeable);
  }

  private submitDraft(event: SubmitEvent, box: BlindboxView): void {
    event.preventDefault();
    const text = this.draft.trim();
    if (!text) {
      this.error = this.l10n.t('guessEmpty');
      return;
    }
    void this.guess(box, box.guess.type === 'number' ? Number(text) : text);
  }

  private async guess(box: BlindboxView, value: number | string): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.sending) return;
    this.sending = true;
    this.error = null;
    const result = await guess(conn, box.id, value).catch(() => null);
    this.sending = false;
    if (result?.ok) {
      this.draft = '';
      this.emit('oncue-guess', { interaction: box.id, value });
    } else this.refused(result);
  }

  private async claim(box: BlindboxView): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.sending) return;
    const { t } = this.l10n;
    const fields = this.claimDraft.check(box.claim.fields, { missing: t('claimFieldMissing'), tooLong: t('claimFieldTooLong', MAX_CLAIM_VALUE) });
    if (!fields) return;
    this.sending = true;
    this.error = null;
    const result = await claim(conn, box.id, fields).catch(() => null);
    this.sending = false;
    if (result?.ok) {
      this.claimDraft.reset();
      this.emit('oncue-claim', { interaction: box.id });
    } else this.refused(result);
  }

  private refused(result: { ok: false; error: { code: ErrorCode } } | null): void {
    const code = result ? result.error.code : 'internal';
    const { t } = this.l10n;
    this.error = refusalText(t, 'boxError_', code);
    this.emit('oncue-error', { code, message: this.error });
  }

  /** Fetches the public proof and recomputes the box here, with WebCrypto. */
  private async verify(box: BlindboxView): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.verifying) return;
    this.verifying = true;
    this.verified = null;
    let outcome: VerifyOutcome;
    try {
      const response = await fetch(`${conn.server}${lotteryProofPath(conn.room, box.id)}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`proof: HTTP ${response.status}`);
      const proof = (await response.json()) as BlindboxView & { guesses: BlindboxGuess[] };
      const { verifyBlindbox } = await import('./blindbox-verification.js');
      const answer =
        proof.guess.type === 'text' ? { type: 'text' as const, answer: proof.answer as string[] } : { type: proof.guess.type, answer: proof.answer as number };
      const check = await verifyBlindbox({
        box: answer,
        salt: proof.salt ?? '',
        // The commitment this page was shown first (before the reveal when it watched the launch), not one sent with the proof.
        commitment: this.commitments.get(box.id) ?? box.commitment,
        reward: proof.reward,
        guesses: proof.guesses,
        winners: proof.winners ?? [],
        ...(proof.seed ? { seed: proof.seed } : {}),
        ...(box.seedCommitment ? { seedCommitment: box.seedCommitment } : {}),
      });
      const personal = this.personal(box);
      // This viewer's guess, under the ticket recomputed here from the secret only this page holds, with the value it sent.
      const own = personal?.guess === undefined ? undefined : await entryTicket(conn, box.id);
      const listed = own === undefined || proof.guesses.some((g) => (g.entry === own || g.entry === personal?.entry) && g.value === personal?.guess);
      if (!check.ok) outcome = { key: `verifyFailed_${check.reason}`, ok: false };
      else if (!listed) outcome = { key: 'verifyFailed_missing', ok: false };
      else outcome = { key: own ? 'verifiedWithYou' : 'verified', ok: true };
    } catch {
      outcome = { key: 'verifyError', ok: false };
    }
    this.verifying = false;
    this.verified = outcome;
    if (outcome.key !== 'verifyError') this.emit('oncue-verify', { interaction: box.id, ok: outcome.ok });
  }
}
