import { cheer } from '@oncue/core';
import { CHEERS_FEATURE, type CheerReceipt } from '@oncue/protocol';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { cardStyles } from '../shared/card.styles.js';
import { OnCueRoomElement } from '../shared/interaction-element.js';
import { Localize } from '../shared/localize.js';
import { StoreController } from '../shared/store-controller.js';
import { cheerMessages } from './cheer-messages.js';
import { cheerStyles } from './cheer.styles.js';

/** Most hearts floating at once (a fast tapper does not fill the screen). */
const MAX_HEARTS = 12;
/** Where a heart floats up: one of a few lanes (classes `lane-0` … `lane-4`, no inline styles: a page's CSP may forbid them). */
const LANES = 5;
/** How long a heart floats, ms (the CSS animation's length). */
const HEART_MS = 1000;

const heart = svg`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 21s-7.5-4.6-10-9.3C.4 8.5 2.3 4 6.3 4c2.3 0 3.8 1.3 4.7 2.7h2C13.9 5.3 15.4 4 17.7 4c4 0 5.9 4.5 4.3 7.7C19.5 16.4 12 21 12 21z"/></svg>`;

/**
 * @customElement oncue-cheer
 * @summary A heart button viewers tap as often as they like, with the room's running count.
 *
 * Connects to `server` + `room` itself, or uses a shared `connection`. Each tap shows at once: the count is the
 * room's (from the server) plus this viewer's taps not counted yet; taps go to the server in batches (at most one
 * message every 500 ms, through the outbox: a batch counts once, also after a reconnect). Each tap sends a heart
 * floating up from the button (none under `prefers-reduced-motion: reduce`). The server caps a viewer at 20 taps a
 * second and drops the excess without a word.
 *
 * @event oncue-cheer - A tap. `detail: { pending }`: this viewer's taps the server has not counted yet, this one included.
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 *
 * @csspart base - Around the button, the count and the hearts.
 * @csspart button - The heart button (at least `--tap-size` square; its accessible name is "Send a heart").
 * @csspart count - The running count ("1,204 hearts").
 * @csspart heart - Each floating heart.
 * @csspart connection - The connection notice ("Connection lost. Reconnecting…" and that taps are kept meanwhile).
 *
 * @cssproperty --heart-color - The button and the floating hearts. Default: the accent colour, `var(--oncue-accent, #e0003c)`.
 * @cssproperty --heart-size - The button's size (never under `--tap-size`). Default `3.25rem`.
 * @cssproperty --on-accent-color - The heart on the button. Default `var(--oncue-on-accent, #fff)`.
 * @cssproperty --text-color - The count. Default `var(--oncue-text, #161823)`.
 * @cssproperty --tap-size - Smallest size of the button. Default `var(--oncue-tap-size, 44px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 */
export class OnCueCheer extends OnCueRoomElement {
  static override styles = [baseStyles, cardStyles, cheerStyles];

  @state() private hearts: { id: number; lane: number }[] = [];

  private readonly l10n = new Localize(this, cheerMessages);
  private readonly pending = new StoreController<number>(this);
  private nextHeart = 0;

  /** The room's count and this viewer's taps not counted yet. */
  get count(): number {
    const room = this.rooms.room.value;
    const receipt = room?.mine[CHEERS_FEATURE] as CheerReceipt | undefined;
    return Math.max(room?.milestones?.cheers ?? 0, receipt?.total ?? 0) + (this.pending.value ?? 0);
  }

  override render(): TemplateResult {
    const { t, number } = this.l10n;
    const conn = this.rooms.conn;
    this.pending.store = conn && cheer(conn).$pending;
    const count = this.count;
    return html`<div part="base" class="base">
      <div class="hearts" aria-hidden="true">
        ${this.hearts.map((h) => html`<span part="heart" class="heart lane-${h.lane}">${heart}</span>`)}
      </div>
      <button part="button" class="button" type="button" aria-label=${t('cheer')} aria-disabled=${conn ? 'false' : 'true'} @click=${this.tap}>${heart}</button>
      <p part="count" class="count">${t('cheers', count, number(count))}</p>
      ${this.hideConnection ? nothing : this.renderConnection(t)}
    </div>`;
  }

  private tap(): void {
    const conn = this.rooms.conn;
    if (!conn) return;
    const batcher = cheer(conn);
    batcher.tap();
    if (!matchMedia('(prefers-reduced-motion: reduce)').matches && this.hearts.length < MAX_HEARTS) {
      const one = { id: ++this.nextHeart, lane: Math.floor(Math.random() * LANES) };
      this.hearts = [...this.hearts, one];
      setTimeout(() => (this.hearts = this.hearts.filter((h) => h !== one)), HEART_MS);
    }
    this.emit('oncue-cheer', { pending: batcher.$pending.get() });
  }
}
