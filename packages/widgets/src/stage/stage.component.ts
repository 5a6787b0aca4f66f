import { reportInteraction, variantOf, type RoomConnection } from '@oncue/core';
import type { GoalView, InteractionView } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { Localize } from '../shared/localize.js';
import { OnCueElement } from '../shared/oncue-element.js';
import { RoomController } from '../shared/room-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { Ticker } from '../shared/ticker.js';
import { interactionWidgetKind, type InteractionWidget } from './interaction-widgets.js';
import { OverlayPlacement } from './overlay-placement.js';
import { stageMessages } from './stage-messages.js';
import { $widgetLoads, loadInteractionWidget } from './widget-loader.js';
import { stageStyles } from './stage.styles.js';

/** How long a reached goal stays above the interaction, ms (server time from `reachedAt`). */
const GOAL_LINGER_MS = 30_000;

/**
 * @customElement oncue-stage
 * @summary Shows whatever the host launches in a room, one interaction at a time.
 *
 * Every open interaction of the room is on stage, one shown at a time. With several, a switcher (tabs; arrow keys,
 * Home and End move between them) names each by its kind, with its countdown when it has a deadline. What has a
 * deadline comes first, the soonest first (a running quiz question), then the newest. A new launch is shown at once,
 * unless what is shown has a running deadline or the viewer picked a tab: then its tab is marked "New".
 * A closed interaction stays on stage with its results (a quiz with its leaderboard) until an interaction launched
 * after it closed replaces it, or the viewer dismisses it ("Dismiss"), or after `linger` seconds if set.
 * Each kind of interaction is rendered by the element registered for it (stage/viewer-kinds.ts, or
 * `registerInteractionWidget()` at run time: `poll` → `<oncue-poll>`); all share the
 * stage's one connection. Only the one shown is in the page; the others' elements are kept, with their state, for
 * when the viewer switches. A kind's element is loaded the first time the kind is on stage (in `oncue.min.js`, its
 * own chunk); while a load fails, a notice stands in its place and the load is retried, the other kinds unaffected.
 *
 * With `overlay` naming the page's video element (`overlay="#video"`), on viewports narrower than 820 px the stage
 * is a compact sheet over the bottom of that video (fixed, as wide as the video, following it as the page scrolls
 * and resizes) and can be folded to a pill ("Poll live · 0:42") by a tap on its handle or a swipe down from it; wider
 * viewports keep the stage where the page put it.
 *
 * With `collapsible` (implied by the overlay), a "Hide" button folds the stage away (the video stays visible on a phone)
 * and the pill brings it back; `collapsed` is the state, and can be set to start folded. Opening it reports an
 * `open` telemetry event for the interaction shown.
 *
 * @slot empty - Shown while nothing is on stage. Default: a subtle "Waiting for the host…"; put an empty element in it to show nothing. Not shown over the video.
 *
 * @event oncue-vote - Bubbles from the widgets on stage.
 * @event oncue-error - Bubbles from the widgets on stage.
 * @event oncue-identity-error - The server refused the signed `viewer-token`; the element does not connect. `detail: { code: 'bad_viewer_token', message, server }`.
 * @event oncue-toggle - The viewer opened or folded a collapsible stage. `detail: { open }`.
 *
 * @csspart base - The wrapper (the sheet over the video when overlaid, with the `overlay` part too).
 * @csspart overlay - The wrapper while it is placed over the video.
 * @csspart bar - The row above the interaction: switcher, dismiss and hide buttons.
 * @csspart tabs - The switcher, when several interactions are on stage.
 * @csspart tab - One tab (`tab selected` for the one shown, `tab fresh` for one launched since the viewer looked).
 * @csspart tab-time - A tab's countdown.
 * @csspart dismiss - The "Dismiss" button of a closed interaction's results.
 * @csspart goal - Above the interaction: the room's active goal (`<oncue-goal>`), and a reached one for 30 s.
 * @csspart items - Around the interaction shown (hidden while folded).
 * @csspart item - Around its widget (the tab panel when several).
 * @csspart empty - The empty state.
 * @csspart toggle - The "Hide" button, or the pill that shows a folded stage.
 * @csspart connection - The connection notice ("Connection lost. Reconnecting…"), on its own surface.
 * @csspart load-error - In an item, instead of its widget, while the element of its kind cannot be loaded ("…Retrying").
 *
 * @cssproperty --muted-color - Empty state and notices. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --chip-background - The connection notice, tabs and buttons over the page or video. Default `var(--oncue-chip-background, rgb(16 17 24 / 0.86))`.
 * @cssproperty --chip-color - Their text. Default `var(--oncue-chip-color, #fff)`.
 * @cssproperty --overlay-z-index - The sheet's `z-index` over the video. Default `var(--oncue-overlay-z-index, 10)`.
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
  /**
   * Seconds a closed interaction stays on stage with its results; 0 (the default): until an interaction launched
   * after it replaces it, or the viewer dismisses it.
   */
  @property({ type: Number }) linger = 0;
  /** Hide the connection notice. */
  @property({ type: Boolean, attribute: 'hide-connection' }) hideConnection = false;
  /** Offer a button that folds the stage away and brings it back. */
  @property({ type: Boolean }) collapsible = false;
  /** Whether a collapsible stage is folded (set it to start folded); the viewer's taps change it. */
  @property({ type: Boolean, reflect: true }) collapsed = false;
  /**
   * A CSS selector for the page's video element (`#video`): on viewports narrower than 820 px the stage is placed
   * over it as a foldable sheet. Looked up in the stage's document (or shadow root) on each layout change.
   */
  @property() overlay = '';

  private readonly l10n = new Localize(this, stageMessages);
  private readonly rooms = new RoomController(this, () => this);
  private readonly loads = new StoreController(this, $widgetLoads);
  private readonly placement = new OverlayPlacement(this, () => this.overlay);
  /** One element per interaction on stage, kept across renders. */
  private readonly widgets = new Map<string, InteractionWidget>();
  /** When each closed interaction leaves the stage (local clock), with `linger`. */
  private readonly lingerUntil = new Map<string, number>();
  /** Interactions the viewer dismissed, and those already on stage once. */
  private readonly dismissed = new Set<string>();
  private readonly seen = new Set<string>();
  /** Launched while another was shown, not looked at yet. */
  private readonly fresh = new Set<string>();
  private shown: InteractionView[] = [];
  /** The one shown, and whether the viewer picked it. */
  private pick: InteractionView | undefined;
  private picked = false;
  /** Where a press on the sheet's handle began (clientY). */
  private swipeFrom = Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The room goal on stage, and the element that shows it. */
  private goal: GoalView | undefined;
  private goalBar: (HTMLElement & { connection?: RoomConnection }) | undefined;

  constructor() {
    super();
    new Ticker(this, 1000, () => this.goal?.status === 'reached' || this.shown.some((view) => this.left(view)));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  /** Runs after the controllers: decide what is on stage, and which one is shown. */
  protected override update(changed: PropertyValues<this>): void {
    const shown = (this.shown = this.onStage());
    const now = this.rooms.serverTime();
    this.goal = [...(this.rooms.room.value?.milestones?.goals ?? [])]
      .reverse()
      .find((goal) => goal.status === 'active' || (goal.status === 'reached' && now - (goal.reachedAt ?? 0) < GOAL_LINGER_MS));
    // Every kind on stage is loaded (and its element made) at once: a switch to its tab shows it without a wait.
    for (const view of shown) this.widgetFor(view);
    const [first] = shown;
    const fresh = shown.filter((view) => !this.seen.has(view.id));
    let pick = shown.find((view) => view.id === this.pick?.id);
    if (!pick) this.picked = false;
    if (!this.picked && !(pick && this.left(pick))) pick = first && this.left(first) ? first : (fresh[0] ?? pick ?? first);
    for (const view of fresh) {
      this.seen.add(view.id);
      if (view !== pick) this.fresh.add(view.id);
    }
    if (pick) this.fresh.delete(pick.id);
    this.pick = pick;
    super.update(changed);
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const state = this.rooms.state.value;
    const notice = !this.hideConnection && (state === 'reconnecting' || state === 'unreachable' || state === 'failed') ? t(state) : '';
    const overlaid = !!this.placement.style;
    const open = !((this.collapsible || overlaid) && this.collapsed);
    const many = this.shown.length > 1;
    const pick = this.pick;
    const foldable = this.collapsible || overlaid;
    const dismissible = open && pick?.status === 'closed';
    // Over the video an open sheet folds by its handle, a row of its own above the switcher.
    const handle = overlaid && open;
    return html`<div
      part="base ${overlaid ? 'overlay' : ''}"
      class="base ${overlaid ? 'overlay' : ''}"
      style=${this.placement.style}
      @pointerup=${(event: PointerEvent) => {
        // A swipe down from the handle folds the sheet (a tap on it is a click).
        if (event.clientY - this.swipeFrom > 30) this.toggle();
        this.swipeFrom = Infinity;
      }}
    >
      <p part="connection" class="chip connection" role="status">${notice}</p>
      ${this.goal && open ? html`<div part="goal">${this.goalFor(this.goal)}</div>` : nothing}
      ${
        pick
          ? html`${handle ? this.renderToggle(open, true) : nothing}
            ${
              (open && many) || dismissible || (foldable && !handle)
                ? html`<div part="bar" class="bar">
                  ${open && many ? this.renderTabs() : nothing}
                  ${dismissible ? html`<button part="dismiss" class="chip" type="button" @click=${() => this.dismiss(pick)}>${t('dismiss')}</button>` : nothing}
                  ${foldable && !handle ? this.renderToggle(open) : nothing}
                </div>`
                : nothing
            }
            <div part="items" class="items" id="items" ?hidden=${!open}>
              <div part="item" class="item" id="panel" role=${many ? 'tabpanel' : nothing} aria-labelledby=${many ? `t-${pick.id}` : nothing}>
                ${this.itemFor(pick)}
              </div>
            </div>`
          : html`<div part="empty" class="empty">
            <slot name="empty">${t(this.rooms.room.value?.synced ? 'waiting' : 'connecting')}</slot>
          </div>`
      }
    </div>`;
  }

  private renderTabs(): TemplateResult {
    const { t } = this.l10n;
    return html`<div part="tabs" class="tabs" role="tablist" aria-label=${t('switcher')} @keydown=${this.onTabKey}>
      ${this.shown.map((view) => {
        const selected = view === this.pick;
        const fresh = this.fresh.has(view.id);
        const left = this.left(view);
        return html`<button
          part="tab${selected ? ' selected' : ''}${fresh ? ' fresh' : ''}"
          class="chip tab"
          type="button"
          role="tab"
          id="t-${view.id}"
          aria-controls="panel"
          aria-selected=${selected ? 'true' : 'false'}
          tabindex=${selected ? 0 : -1}
          @click=${() => this.show(view)}
        >
          ${this.nameOf(view)}${left ? html` <span part="tab-time" class="time">${clock(left)}</span>` : nothing}${
            fresh ? html` <span class="fresh">${t('fresh')}</span>` : nothing
          }
        </button>`;
      })}
    </div>`;
  }

  private renderToggle(open: boolean, handle = false): TemplateResult {
    const { t } = this.l10n;
    const pick = this.pick!;
    const left = this.left(pick);
    return html`<button
      part="toggle"
      class="chip toggle ${open ? '' : 'pill'} ${handle ? 'handle' : ''}"
      type="button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls="items"
      @click=${this.toggle}
      @pointerdown=${(event: PointerEvent) => (this.swipeFrom = handle ? event.clientY : Infinity)}
    >
      ${handle ? html`<span class="sr-only">${t('hideStage')}</span>` : open ? t('hideStage') : t('pill', this.nameOf(pick), pick.status === 'open', left ? clock(left) : '', this.shown.length - 1)}
    </button>`;
  }

  private toggle(): void {
    this.collapsed = !this.collapsed;
    const open = !this.collapsed;
    const conn = this.rooms.conn;
    const view = this.pick;
    if (open && conn && view) {
      const viewer = conn.$viewer.get();
      reportInteraction({ type: 'open', room: conn.room, interaction: view.id, kind: view.kind, viewer, variant: variantOf(view, viewer) });
    }
    this.emit('oncue-toggle', { open });
  }

  /** The viewer picks a tab. */
  private show(view: InteractionView): void {
    this.pick = view;
    this.picked = true;
    this.requestUpdate();
  }

  private async onTabKey(event: KeyboardEvent): Promise<void> {
    const shown = this.shown;
    const at = shown.indexOf(this.pick!);
    const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: -1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.show(shown.at(to % shown.length)!);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }

  private dismiss(view: InteractionView): void {
    this.dismissed.add(view.id);
    this.requestUpdate();
  }

  /** What viewers call the kind of `view`, in the stage's language. */
  private nameOf(view: InteractionView): string {
    const name = interactionWidgetKind(view.kind)?.name;
    return name?.[this.l10n.locale] ?? name?.en ?? this.l10n.t('interaction');
  }

  /** Milliseconds to `view`'s deadline while it is open and has one (a running quiz question, a timed poll); else 0. */
  private left(view: InteractionView): number {
    const at = view.status === 'open' ? view.closesAt : undefined;
    return at ? Math.max(0, at - this.rooms.serverTime()) : 0;
  }

  /** Open interactions, and closed ones not yet replaced, dismissed or past their linger: deadlines first, then newest. */
  private onStage(): InteractionView[] {
    const now = Date.now();
    const lingerMs = Math.max(0, this.linger) * 1000;
    const all = this.rooms.room.value?.interactions ?? [];
    const shown: InteractionView[] = [];
    let next = Infinity;
    for (const view of all) {
      if (view.status === 'open') {
        shown.push(view);
      } else if (view.status === 'closed' && !this.dismissed.has(view.id)) {
        let until = Infinity;
        if (lingerMs) {
          until = this.lingerUntil.get(view.id) ?? now + lingerMs - (view.closedAt === undefined ? 0 : Math.max(0, this.rooms.serverTime() - view.closedAt));
          this.lingerUntil.set(view.id, until);
          if (until > now) next = Math.min(next, until);
        }
        const replaced = all.some((other) => (other.openedAt ?? 0) > (view.closedAt ?? Infinity));
        if ((until > now && !replaced) || this.awaitsViewer(view)) shown.push(view);
      }
    }
    clearTimeout(this.timer);
    if (next < Infinity) this.timer = setTimeout(() => this.requestUpdate(), next - now + 1);
    const ids = new Set(shown.map((view) => view.id));
    for (const id of this.widgets.keys()) if (!ids.has(id)) this.widgets.delete(id);
    const started = (view: InteractionView) => view.openedAt ?? view.createdAt;
    const left = (view: InteractionView) => this.left(view) || Infinity;
    return shown.sort((a, b) => left(a) - left(b) || started(b) - started(a));
  }
  /**
   * A closed interaction that still concerns this viewer after it would leave: a lottery they entered, while any of its
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

  /** The goal bar (`<oncue-goal>`, loaded the first time a goal is on stage) showing `goal`. */
  private goalFor(goal: GoalView): HTMLElement {
    if (!this.goalBar) {
      void loadInteractionWidget('_goal').catch(() => undefined);
      this.goalBar = document.createElement('oncue-goal');
      this.goalBar.setAttribute('hide-connection', '');
    }
    this.goalBar.setAttribute('goal', goal.id);
    this.goalBar.connection = this.rooms.conn;
    return this.goalBar;
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

/** `m:ss` of a countdown. */
function clock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
