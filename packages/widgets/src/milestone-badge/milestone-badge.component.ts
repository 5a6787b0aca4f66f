import { claimReward } from '@oncue/core';
import type { BadgeTier, RewardView, ViewerProgress } from '@oncue/protocol';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { cardStyles } from '../shared/card.styles.js';
import { ClaimDraft, MAX_CLAIM_VALUE } from '../shared/claim-form.js';
import { claimFormStyles } from '../shared/claim-form.styles.js';
import { copyCode } from '../shared/copy-code.js';
import { copyCodeStyles } from '../shared/copy-code.styles.js';
import { fieldFeedbackStyles } from '../shared/field-feedback.styles.js';
import { OnCueRoomElement } from '../shared/interaction-element.js';
import { clock, refusalText } from '../shared/interaction-messages.js';
import { Localize } from '../shared/localize.js';
import { prizeStyles } from '../shared/prize.styles.js';
import { Ticker } from '../shared/ticker.js';
import { milestoneBadgeMessages } from './milestone-badge-messages.js';
import { milestoneBadgeStyles } from './milestone-badge.styles.js';

/** How long the unlock moment stays, ms. */
const MOMENT_MS = 8000;

const medal = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2.5l2.9 5.9 6.5.9-4.7 4.6 1.1 6.5L12 17.3l-5.8 3.1 1.1-6.5L2.6 9.3l6.5-.9z"/></svg>`;

/**
 * @customElement oncue-milestone-badge
 * @summary This viewer's badge in the channel, the way to the next one, and the rewards earned.
 *
 * Connects to `server` + `room` itself, or uses a shared `connection`. Badges count the viewer's valid
 * interactions in the room's channel, across streams (every 10 by default: Bronze, Silver, Gold …; names and art
 * are the host's). Shows the current badge (its art, or a drawn medal), the way to the next ("3 more to Gold"),
 * and an unlock moment when one is earned while the viewer watches (not for badges earned before the page
 * loaded). Below, the rewards: coupon codes with a copy button, limited items with the claim form (each field's
 * error beside it), and why rewards are paused for an account whose activity looks automated.
 *
 * @event oncue-badge-earned - This viewer earned a badge while the page was open. `detail: { tier, credential? }` (`credential`: the viewer's badges as a signed JWS, for the page's own backend to check).
 * @event oncue-claim - The server accepted this viewer's claim of a reward. `detail: { interaction }` (the issued reward's id).
 * @event oncue-error - A claim was refused. `detail: { code, message }` (`message` is localised).
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 *
 * @csspart base - The card around everything.
 * @csspart badge - The current badge: its art (`badge-art`, an image) or the drawn medal (`badge-drawn`).
 * @csspart name - The current badge's name ("Gold"), or "No badge yet".
 * @csspart next - The way to the next badge ("3 more to Gold").
 * @csspart count - The valid interactions counted.
 * @csspart moment - The unlock moment ("You earned the Gold badge!").
 * @csspart flagged - Why rewards are paused for this account.
 * @csspart rewards - The list of rewards; each is a `reward`.
 * @csspart reward - One reward: its name, code or claim.
 * @csspart code - A coupon code; `copy` its copy button.
 * @csspart copy - The copy button of a code.
 * @csspart claim-form - The claim form of an item (`field`, `field-error`, `field-count`, `claim` as in the giveaway).
 * @csspart field - Each field of the claim form.
 * @csspart field-error - The error under a claim field.
 * @csspart claim - The claim button.
 * @csspart error - The error message of a refused claim.
 * @csspart connection - The connection notice.
 *
 * @cssproperty --badge-color - The drawn medal and the unlock moment. Default `var(--oncue-badge-color, #c8902a)`.
 * @cssproperty --badge-size - The badge's size. Default `3.5rem`.
 * @cssproperty --accent-color - Buttons and codes. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --surface-color - Card background. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - Secondary text. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --danger-color - Errors and the paused notice. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of a button or field. Default `var(--oncue-tap-size, 44px)`.
 */
export class OnCueMilestoneBadge extends OnCueRoomElement {
  static override styles = [baseStyles, cardStyles, claimFormStyles, fieldFeedbackStyles, prizeStyles, copyCodeStyles, milestoneBadgeStyles];

  /** The tier just earned, while its moment shows. */
  @state() private unlocked: BadgeTier | undefined;
  @state() private announcement = '';
  /** The issued reward whose claim form is open. */
  @state() private claiming = '';
  @state() private sending = false;
  @state() private errorCode = '';
  @state() private copied = '';

  private readonly l10n = new Localize(this, milestoneBadgeMessages);
  private readonly claimDraft = new ClaimDraft(this);
  /** Badges known at the last render; undefined until the first progress is seen (no moment for those). */
  private known: number | undefined;
  private momentTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    // Re-renders the claim countdowns while an item can be claimed.
    new Ticker(this, 1000, () => !!this.progress()?.rewards.some((r) => r.claim && r.claimedAt === undefined && r.claim.claimBy > this.rooms.serverTime()));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.momentTimer);
  }

  private progress(): ViewerProgress | undefined {
    return this.rooms.room.value?.progress;
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const progress = this.progress();
    const error = this.errorCode && refusalText(t, 'badgeError_', this.errorCode);
    return html`<section part="base" class="base" aria-labelledby="name">
      ${this.renderBadge(progress)}
      ${this.unlocked ? html`<p part="moment" class="moment">${t('earned', this.unlocked.name)}</p>` : nothing}
      ${
        progress?.flagged?.length
          ? html`<p part="flagged" class="error">${t('flagged')} ${progress.flagged.map((flag) => t('flag', flag)).join(' ')}</p>`
          : nothing
      }
      ${this.renderRewards(progress)}
      ${error ? html`<p part="error" class="error" role="alert">${error}</p>` : nothing}
      ${this.renderConnection(t)}
      <p class="sr-only" role="status">${this.announcement}</p>
    </section>`;
  }

  protected override updated(): void {
    const progress = this.progress();
    if (!progress) return;
    const count = progress.badges.length;
    const before = this.known;
    this.known = count;
    if (before === undefined || count <= before) return;
    const tier = progress.badges[count - 1]!.tier;
    this.unlocked = tier;
    this.announcement = this.l10n.t('earned', tier.name);
    clearTimeout(this.momentTimer);
    this.momentTimer = setTimeout(() => (this.unlocked = undefined), MOMENT_MS);
    const detail: { tier: BadgeTier; credential?: string } = { tier };
    if (progress.credential) detail.credential = progress.credential;
    this.emit('oncue-badge-earned', detail);
  }

  private renderBadge(progress: ViewerProgress | undefined): TemplateResult {
    const { t, number } = this.l10n;
    const tier = progress?.badges.at(-1)?.tier;
    const art = tier?.art
      ? html`<img part="badge badge-art" class="badge-art" src=${tier.art} alt="" />`
      : html`<span part="badge badge-drawn" class="badge-drawn ${tier ? '' : 'none'}">${medal}</span>`;
    return html`<div class="current">
        ${art}
        <div class="names">
          <p class="label">${t('yourBadge')}</p>
          <p part="name" class="name" id="name">${tier?.name ?? t('noBadgeYet')}</p>
          ${
            progress
              ? html`<p part="next" class="next">${progress.next ? t('moreTo', progress.next.remaining, progress.next.tier.name) : t('allEarned')}</p>`
              : nothing
          }
        </div>
      </div>
      ${
        progress
          ? html`<p part="count" class="hint">${t('validCount', progress.valid, number(progress.valid))}</p>`
          : html`<p part="next" class="hint">${t('takePart')}</p>`
      }`;
  }

  private renderRewards(progress: ViewerProgress | undefined): TemplateResult | typeof nothing {
    const rewards = progress?.rewards.filter((r) => r.type !== 'badge') ?? [];
    if (!rewards.length) return nothing;
    const now = this.rooms.serverTime();
    const claimable = rewards.filter((r) => r.claim && r.claimedAt === undefined && r.claim.claimBy > now);
    const open = claimable.find((r) => r.id === this.claiming) ?? claimable[0];
    return html`<p class="rewards-title" id="rewards">${this.l10n.t('rewards')}</p>
      <ul part="rewards" class="rewards" aria-labelledby="rewards">
        ${rewards.map((reward) => html`<li part="reward" class="reward"><span class="reward-name">${reward.name}</span>${this.renderReward(reward, reward === open, now)}</li>`)}
      </ul>`;
  }

  private renderReward(reward: RewardView, open: boolean, now: number): TemplateResult | typeof nothing {
    const { t } = this.l10n;
    if (reward.code) return copyCode(reward.code, { copy: t('copy'), copied: t('copied') }, this.copied === reward.id, () => (this.copied = reward.id));
    if (!reward.claim) return nothing;
    if (reward.claimedAt !== undefined) return html`<span class="hint">${t('rewardClaimed')}</span>`;
    if (reward.claim.claimBy <= now) return html`<span class="hint">${t('claimExpired')}</span>`;
    const by = html`<span class="hint">${t('claimBy', clock(reward.claim.claimBy - now))}</span>`;
    if (!open) {
      return html`${by}<button part="open-claim" class="secondary" type="button" @click=${() => this.openClaim(reward.id)}>${t('claim')}</button>`;
    }
    const busy = this.sending || !!this.rooms.pending.value?.some((p) => p.action === 'claim' && p.interaction === '_rewards');
    return html`${by}${this.claimDraft.form(reward.claim.fields, busy, { submit: t('claimPrize'), sending: t('sending') }, () => this.claim(reward))}`;
  }

  private openClaim(id: string): void {
    this.claiming = id;
    this.errorCode = '';
    this.claimDraft.reset();
  }

  private async claim(reward: RewardView): Promise<void> {
    const { t } = this.l10n;
    const conn = this.rooms.conn;
    if (!conn || !reward.claim || this.sending) return;
    const fields = this.claimDraft.check(reward.claim.fields, { missing: t('claimFieldMissing'), tooLong: t('claimFieldTooLong', MAX_CLAIM_VALUE) });
    if (!fields) return;
    this.sending = true;
    this.errorCode = '';
    const result = await claimReward(conn, reward.id, fields).catch(() => null);
    this.sending = false;
    if (result?.ok) {
      this.claimDraft.reset();
      this.emit('oncue-claim', { interaction: reward.id });
      return;
    }
    const code = result ? result.error.code : 'internal';
    this.errorCode = code;
    this.emit('oncue-error', { code, message: refusalText(t, 'badgeError_', code) });
  }
}
