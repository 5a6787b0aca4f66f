import { reportInteraction, variantOf, type RoomConnection } from '@oncue/core';
import type { InteractionView } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { OnCueElement } from '../shared/oncue-element.js';
import { RoomController } from '../shared/room-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { interactionWidgetKind, type InteractionWidget } from './interaction-widgets.js';
import { stageMessages } from './stage-messages.js';
import { $widgetLoads, loadInteractionWidget } from './widget-loader.js';
import { stageStyles } from './stage.styles.js';

/**
 * @customElement oncue-stage
 * @summary Shows whatever the host launches in a room, newest first.
 *
 * Every open interaction of the room is shown, the most recently opened at the
 * top (on a phone the newest launch is what viewers should see first). When one
 * closes, its results stay for `linger` seconds, then it is removed. Each kind
 * of interaction is rendered by the element registered for it (stage/viewer-kinds.ts, or
 * `registerInteractionWidget()` at run time: `poll` → `<oncue-poll>`); all share the
 * stage's one connection. A kind's element is loaded the first time the kind is on stage (in `oncue.min.js`, its
 * own chunk); while a load fails, a notice stands in its place and the load is retried, the other kinds unaffected.
 *
 * With `collapsible`, a "Hide" button folds the stage away (the video stays visible on a phone) and a
 * "Show the live interaction" pill brings it back; `collapsed` is the state, and can be set to start
 * folded. Opening it reports an `open` telemetry event for the newest interaction on stage.
 *
 * @slot empty - Shown while nothing is on stage. Default: a subtle "Waiting for the host…"; put an empty element in it to show nothing.
 *
 * @event oncue-vote - Bubbles from the widgets on stage.
 * @event oncue-error - Bubbles from the widgets on stage.
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 * @event oncue-toggle - The viewer opened or folded a collapsible stage. `detail: { open }`.
 *
 * @csspart base - The wrapper.
 * @csspart items - The list of interactions.
 * @csspart item - Each list item, around one widget.
 * @csspart empty - The empty state.
 * @csspart toggle - The "Hide" / "Show the live interaction" button of a collapsible stage.
 * @csspart connection - The connection notice ("Connection lost. Reconnecting…").
 * @csspart load-error - In an item, instead of its widget, while the element of its kind cannot be loaded ("…Retrying").
 *
 * @cssproperty --muted-color - Empty state and notices. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 */
export class OnCueStage extends OnCueElement {
  static override styles = [baseStyles, stageStyles];

  /** Server URL. Ignored when `connection` is set. */
  @property() server = '';
  /** Room name. Ignored when `connection` is set. */
  @property() room = '';
  /** A shared room connection to use instead of `server` + `room`; the stage does not release it. */
  @property({ attribute: false }) connection?: RoomConnection;
  /** The viewer's display name on leaderboards (e.g. their nickname on the platform), 1–32 characters. Ignored when `connection` is set. */
  @property({ attribute: 'viewer-name' }) viewerName = '';
  /**
   * A viewer token your backend signed for the signed-in user (see the server's `viewerSecret`): the page
   * becomes that viewer, with the display name signed into it, on this element only (the token is not stored: a
   * page without it is anonymous). A token the server refuses fires `oncue-identity-error` and the element does
   * not connect. `viewer-token=""` (present, empty): the user logged out, the identity this browser keeps for the
   * server is forgotten and the element connects as a new anonymous viewer. Ignored when `connection` is set.
   */
  @property({ attribute: 'viewer-token' }) viewerToken?: string;
  /** Seconds a closed interaction stays on stage with its results. */
  @property({ type: Number }) linger = 8;
  /** Hide the connection notice. */
  @property({ type: Boolean, attribute: 'hide-connection' }) hideConnection = false;
  /** Offer a button that folds the stage away and brings it back. */
  @property({ type: Boolean }) collapsible = false;
  /** Whether a collapsible stage is folded (set it to start folded); the viewer's taps change it. */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  private readonly l10n = new Localize(this, stageMessages);
  private readonly rooms = new RoomController(this, () => this);
  private readonly loads = new StoreController(this, $widgetLoads);
  /** One element per interaction on stage, kept across renders. */
  private readonly widgets = new Map<string, InteractionWidget>();
  /** When each closed interaction leaves the stage (local clock). */
  private readonly lingerUntil = new Map<string, number>();
  private shown: InteractionView[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Runs after the controllers: decide what is on stage. */
  protected override update(changed: PropertyValues<this>): void {
    this.shown = this.onStage();
    super.update(changed);
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const state = this.rooms.state.value;
    const notice = !this.hideConnection && (state === 'reconnecting' || state === 'unreachable' || state === 'failed') ? t(state) : '';
    return html`<div part="base" class="base">
      <p part="connection" class="notice connection" role="status">${notice}</p>
      ${this.shown.length && this.collapsible ? this.renderToggle() : nothing}
      ${this.shown.length
        ? html`<ul part="items" class="items" role="list" id="items" ?hidden=${this.collapsible && this.collapsed}>
            ${repeat(
              this.shown,
              (view) => view.id,
              (view) => html`<li part="item" class="item">${this.itemFor(view)}</li>`,
            )}
          </ul>`
        : html`<div part="empty" class="empty">
            <slot name="empty">${t(this.rooms.room.value?.synced ? 'waiting' : 'connecting')}</slot>
          </div>`}
    </div>`;
  }

  private renderToggle(): TemplateResult {
    const { t } = this.l10n;
    const open = !this.collapsed;
    return html`<button
      part="toggle"
      class="toggle ${open ? '' : 'pill'}"
      type="button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="items"
      @click=${this.toggle}
    >
      ${open ? t('hideStage') : t('showStage', this.shown.length)}
    </button>`;
  }

  private toggle(): void {
    this.collapsed = !this.collapsed;
    const open = !this.collapsed;
    const conn = this.rooms.conn;
    const newest = this.shown[0];
    if (open && conn && newest) {
      const viewer = conn.$viewer.get();
      reportInteraction({ type: 'open', room: conn.room, interaction: newest.id, kind: newest.kind, viewer, variant: variantOf(newest, viewer) });
    }
    this.emit('oncue-toggle', { open });
  }

  private onStage(): InteractionView[] {
    const now = Date.now();
    const lingerMs = Math.max(0, this.linger) * 1000;
    const shown: InteractionView[] = [];
    let next = Infinity;
    for (const view of this.rooms.room.value?.interactions ?? []) {
      if (view.status === 'open') {
        shown.push(view);
      } else if (view.status === 'closed') {
        let until = this.lingerUntil.get(view.id);
        if (until === undefined) {
          const ago = view.closedAt === undefined ? 0 : Math.max(0, this.rooms.serverTime() - view.closedAt);
          until = now + lingerMs - ago;
          this.lingerUntil.set(view.id, until);
        }
        if (until > now) {
          shown.push(view);
          next = Math.min(next, until);
        } else if (this.awaitsViewer(view)) {
          shown.push(view);
        }
      }
    }
    clearTimeout(this.timer);
    if (next < Infinity) this.timer = setTimeout(() => this.requestUpdate(), next - now + 1);
    const ids = new Set(shown.map((view) => view.id));
    for (const id of this.widgets.keys()) if (!ids.has(id)) this.widgets.delete(id);
    const started = (view: InteractionView) => view.openedAt ?? view.createdAt;
    return shown.sort((a, b) => started(b) - started(a));
  }

  /**
   * A closed interaction that still concerns this viewer after its linger: a lottery they entered, while any of its
   * prizes can still be claimed (a winner claims, the others can still check the draw and see redraws).
   */
  private awaitsViewer(view: InteractionView): boolean {
    const awaits = interactionWidgetKind(view.kind)?.awaitsViewer;
    return !!awaits && awaits(view, this.rooms.room.value?.personal[view.id], this.rooms.serverTime());
  }

  /** The widget, or the notice that stands in for it while its element fails to load. */
  private itemFor(view: InteractionView): InteractionWidget | TemplateResult | typeof nothing {
    const widget = this.widgetFor(view);
    if (widget !== nothing && this.loads.value?.[view.kind] === 'failed' && !customElements.get(widget.localName)) {
      return html`<p part="load-error" class="notice load-error" role="status">${this.l10n.t('widgetLoadFailed')}</p>`;
    }
    return widget;
  }

  private widgetFor(view: InteractionView): InteractionWidget | typeof nothing {
    let widget = this.widgets.get(view.id);
    if (!widget) {
      const tag = interactionWidgetKind(view.kind)?.tag;
      if (!tag) return nothing;
      // An element not defined yet upgrades in place when its chunk arrives (Lit keeps the properties set before).
      if (!customElements.get(tag)) void loadInteractionWidget(view.kind).catch(() => undefined);
      widget = document.createElement(tag) as InteractionWidget;
      widget.setAttribute('interaction', view.id);
      widget.setAttribute('hide-connection', '');
      this.widgets.set(view.id, widget);
    }
    widget.connection = this.rooms.conn;
    return widget;
  }
}
