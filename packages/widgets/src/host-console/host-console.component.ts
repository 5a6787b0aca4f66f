import type { RoomConnection } from '@oncue/core';
import type { ErrorCode, InteractionView, Result } from '@oncue/protocol';
import { html, nothing, type PropertyValues, type ReactiveElement, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { hostTokenForm } from '../shared/host-token-form.js';
import { Localize, type Catalogues } from '../shared/localize.js';
import { OnCueElement } from '../shared/oncue-element.js';
import { RoomController } from '../shared/room-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { Ticker } from '../shared/ticker.js';
import { hostConsoleStyles } from './host-console.styles.js';
import { wordsOf, type HostItemContext } from './host-item.js';
import { hostKinds, type AnyHostKind, type HostKindElement, type HostKindMessages } from './host-kinds.js';
import { hostMessages } from './host-messages.js';
import { problemAlert, refused, type Refusal } from './problem.js';

/** Why the sign-in form shows instead of the console: no token yet, a submitted token being tried, a token the server refused. */
type SignIn = 'needed' | 'pending' | 'refused';

/** An element a kind shows in the console, with the connection the console lends it. */
type KindElement = HTMLElement & { connection?: RoomConnection };

/**
 * @customElement oncue-host-console
 * @summary The host's console: create interactions of every registered kind (polls, quizzes, giveaways), launch drafts, move them on, close them, watch them live.
 *
 * Connects to `server` + `room` as host with `token` (or uses a host `connection`). Without a token, or
 * when the server refuses it at connection, a sign-in form asks for one ("Host token", "Connect");
 * submitting sets `token` and connects again, and a refused token is announced (`role="alert"`) with
 * the form still there to try again. The token is kept in memory only, never in Web Storage.
 * Once connected, the room's name heads the console, with links to the stream page (`stream-url`) and the
 * dashboard (`dashboard-url`) when they are given. On a wide console (56rem and more: 1280 px screens) the
 * form is on the left and what happens in the room on the right, so the launch buttons (which stay in view at
 * the bottom of a long form) and the live interaction are both on screen without scrolling; a narrow console
 * stacks them. A switch ("Create: Poll / Quiz / Giveaway") offers every kind of the host registry
 * (`host-kinds.ts`, `registerHostKind`) and shows the chosen kind's form element: `<oncue-poll-form>`,
 * `<oncue-quiz-builder>`, the launch form of `<oncue-lottery-panel>`. Once a form created something, a
 * confirmation says so (`role="status"`: "Poll launched · View it live", the link going to the stream page).
 * "Live now" shows the open interactions, the list below every other interaction of
 * the room, newest first, each rendered by its kind's registry line (status, live tally, a quiz's current
 * question and leaderboard) with the actions the console runs for every kind: launch a draft, move on
 * (`host:next`, sent with the step the host sees, so a double tap never skips one), close. A kind may add a
 * panel of its own above the list (the giveaways with their draws and claims). Everything is a native form
 * control: keyboard and screen readers work as usual.
 *
 * @event oncue-create - The server created an interaction. `detail: { interaction }` (the view).
 * @event oncue-error - The server refused an action. `detail: { code, message }` (`message` is localised).
 *
 * @csspart base - The wrapper.
 * @csspart header - The room's name and its links, at the top.
 * @csspart room - The room's name.
 * @csspart link - The links to the stream page and the dashboard, and the confirmation's "View it live".
 * @csspart confirmation - What a form just did ("Poll launched · View it live"), `role="status"`.
 * @csspart live - The "Live now" panel: the open interactions.
 * @csspart sign-in - The sign-in form, shown while there is no accepted host token.
 * @csspart token - The host token field of the sign-in form.
 * @csspart kind - The switch of kinds above the form ("Poll / Quiz / Giveaway").
 * @csspart form - The poll form (`<oncue-poll-form>`'s parts `form`, `field`, `button`, `primary`, `error` are exported).
 * @csspart quiz-builder - The `<oncue-quiz-builder>` shown for "Quiz".
 * @csspart field - Each text/number input and textarea of the console and the poll form.
 * @csspart button - Each secondary button.
 * @csspart primary - The "Launch now" and "Connect" buttons.
 * @csspart error - Error messages (poll form validation, server refusals, a refused host token).
 * @csspart field-error - A poll form validation message beside its field (exported from `<oncue-poll-form>`).
 * @csspart counter - The length counters of the poll form's fields (exported from `<oncue-poll-form>`).
 * @csspart list - The lists of interactions ("Live now" and the others).
 * @csspart item - One interaction in the list.
 * @csspart status - The status badge of an interaction.
 * @csspart bar - A tally bar.
 * @csspart connection - The connection notice.
 * @csspart lottery-form - For "Giveaway": `<oncue-lottery-panel show="form">` (and its form, exported under the same name).
 * @csspart goals - The room's goals: `<oncue-goal-panel>` (set a goal that launches a draft, reveals a coupon code or shows a message; follow and cancel them); its form and list are exported as `goal-form` and `goal-list`.
 * @csspart lottery-list - The room's giveaways, once there are any: `<oncue-lottery-panel show="list">` (draw, winners, claims, CSV).
 *
 * @cssproperty --accent-color - Primary buttons, bars. Default `var(--oncue-accent, #e0003c)`.
 * @cssproperty --on-accent-color - Text on the accent colour. Default `var(--oncue-on-accent, #fff)`.
 * @cssproperty --surface-color - Panels. Default `var(--oncue-surface, #fff)`.
 * @cssproperty --text-color - Text. Default `var(--oncue-text, #161823)`.
 * @cssproperty --muted-color - Secondary text. Default `var(--oncue-muted, #6b6f7b)`.
 * @cssproperty --danger-color - Errors. Default `var(--oncue-danger, #c4002b)`.
 * @cssproperty --border-color - Field borders. Default `var(--oncue-border, rgb(22 24 35 / 0.16))`.
 * @cssproperty --border-radius - Corners. Default `var(--oncue-radius, 12px)`.
 * @cssproperty --font-family - Font. Default `var(--oncue-font, system-ui, …)`.
 * @cssproperty --tap-size - Smallest height of a control. Default `var(--oncue-tap-size, 44px)`.
 */
export class OnCueHostConsole extends OnCueElement {
  static override styles = [baseStyles, hostConsoleStyles];

  /** Server URL. */
  @property() server = '';
  /** Room name. */
  @property() room = '';
  /**
   * Host token (from the server's configuration). Without one the console shows its sign-in form,
   * which sets this property (not the attribute: the token stays out of the DOM).
   */
  @property() token = '';
  /** A host connection (from `connect({ server, room, hostToken })`) to use instead of the attributes; not released by the console. */
  @property({ attribute: false }) connection?: RoomConnection;
  /** The page where viewers watch this room: linked at the top ("Stream page") and from a launch's confirmation. */
  @property({ attribute: 'stream-url' }) streamUrl = '';
  /** The room's dashboard: linked at the top ("Dashboard"). */
  @property({ attribute: 'dashboard-url' }) dashboardUrl = '';

  /** The kind chosen in the switch (the registry's first kind until the host picks one). */
  @state() private chosen = '';
  /** A refusal of an action in the list, worded by the kind of the interaction it concerns. */
  @state() private listProblem: { refusal: Refusal; kind: AnyHostKind } | null = null;
  /** Kinds whose elements could not be loaded (shown with a message; choosing the kind again retries). */
  @state() private unavailable: ReadonlySet<string> = new Set();
  /** What a form just created, for the confirmation (cleared when another kind is chosen). */
  @state() private created: { kind: string; draft: boolean } | null = null;
  /** Interactions with a host action in flight. */
  @state() private busy: ReadonlySet<string> = new Set();
  /** What is typed in the sign-in form's token field. */
  @state() private tokenDraft = '';
  /** The sign-in form was submitted with nothing in it. */
  @state() private tokenMissing = false;
  /** A token from the sign-in form is being tried: the form stays until the connection opens or fails. */
  private signingIn = false;
  /** What to focus after this update: the chosen kind's form (the sign-in went through), or the token again (refused). */
  private focusAfterUpdate?: 'form' | 'token';
  /** The kinds' elements, created once each (a form keeps what was typed while another kind is shown). */
  private readonly elements = new Map<string, KindElement>();
  /** The kinds' loads, started the first time one of their elements is shown. */
  private readonly loads = new Map<AnyHostKind, Promise<unknown>>();

  private readonly l10n = new Localize(this, hostMessages);
  private readonly kinds = new StoreController(this, hostKinds);
  // No token, no connection: a viewer connection would be of no use to the console.
  private readonly rooms = new RoomController(this, () =>
    this.token ? { connection: this.connection, server: this.server, room: this.room, hostToken: this.token } : { connection: this.connection },
  );

  constructor() {
    super();
    // Re-renders the countdowns of open interactions (closing times, the pause before a next step).
    new Ticker(this, 1000, () => Boolean(this.rooms.room.value?.interactions.some((i) => i.status === 'open' && (i.closesAt || ('nextAt' in i && i.nextAt)))));
  }

  /** Runs after the room controller followed the target and before rendering: settles a sign-in in progress. */
  protected override update(changed: PropertyValues<this>): void {
    const state = this.rooms.state.value;
    if (changed.has('token')) this.tokenMissing = false;
    if (this.signingIn && (state === 'open' || this.knownFailure())) {
      this.signingIn = false;
      // Keyboard and screen reader users go on from where they are: the console's first field, or the token again.
      if (this.shadowRoot?.activeElement?.closest('[part~="sign-in"]')) this.focusAfterUpdate = state === 'open' ? 'form' : 'token';
      if (state === 'open') this.tokenDraft = '';
    }
    super.update(changed);
  }

  protected override updated(): void {
    const focus = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (focus === 'token') {
      const field = this.renderRoot.querySelector<HTMLInputElement>('#host-token');
      field?.focus();
      field?.select();
    } else if (focus === 'form') {
      const kind = this.current();
      const form = kind && this.element(kind, 'form', kind.form);
      // The form may still be loading: focus it once it is defined and rendered.
      if (form)
        void this.load(kind).then(async () => {
          await customElements.whenDefined(kind.form.tag);
          await (form as Partial<ReactiveElement>).updateComplete;
          if (form.isConnected) form.focus();
        });
    }
  }

  override render(): TemplateResult {
    const { t } = this.l10n;
    const state = this.rooms.state.value;
    const signIn = this.signIn();
    if (signIn) return html`<div part="base" class="base">${this.renderSignIn(signIn)}</div>`;
    return html`<div part="base" class="base console">
      ${this.renderHeader()}
      <p part="connection" class="notice connection" role="status">${state === 'reconnecting' || state === 'unreachable' || state === 'failed' ? t(state) : ''}</p>
      <div class="columns">
        <div class="column" @oncue-create=${this.onCreate}>${this.renderKindSwitch()} ${this.renderForm()}</div>
        <div class="column">
          ${this.renderConfirmation()} ${this.renderLive()} ${this.renderPanels()}
          <oncue-goal-panel part="goals" exportparts="form: goal-form, list: goal-list" .connection=${this.rooms.conn}></oncue-goal-panel>
          ${this.renderList()}
        </div>
      </div>
    </div>`;
  }

  /** The room's name and the links to its stream page and dashboard. */
  private renderHeader(): TemplateResult {
    const { t } = this.l10n;
    const room = this.room || this.rooms.conn?.room || '';
    const link = (href: string, label: string) =>
      href ? html`<a part="link" href=${href} target="_blank" rel="noopener">${label}<span class="sr-only"> ${t('newTab')}</span></a>` : nothing;
    return html`<div part="header" class="console-head">
      <p part="room" class="room"><span class="room-label">${t('roomLabel')}</span> <strong>${room}</strong></p>
      ${
        this.streamUrl || this.dashboardUrl
          ? html`<nav class="links" aria-label=${t('roomLinks')}>${link(this.streamUrl, t('streamLink'))} ${link(this.dashboardUrl, t('dashboardLink'))}</nav>`
          : nothing
      }
    </div>`;
  }

  /** A form created an interaction: say so beside the live column. */
  private onCreate(event: CustomEvent<{ interaction: InteractionView }>): void {
    const { kind, status } = event.detail.interaction;
    this.created = { kind, draft: status === 'draft' };
  }

  /** "Poll launched · View it live" (or "Poll saved as a draft"), in a status region that is always there. */
  private renderConfirmation(): TemplateResult {
    const { t } = this.l10n;
    const created = this.created;
    const kind = created && this.registered().find((k) => k.kind === created.kind);
    const name = kind ? this.words(kind).t('kindLabel') : '';
    return html`<p part="confirmation" class="notice confirmation" role="status">${
      created
        ? html`<span>${created.draft ? t('draftSaved', name) : t('launched', name)}</span>${
            !created.draft && this.streamUrl
              ? html` <span aria-hidden="true">·</span> <a part="link" href=${this.streamUrl} target="_blank" rel="noopener">${t('viewLive')}<span class="sr-only"> ${t('newTab')}</span></a>`
              : nothing
          }`
        : nothing
    }</p>`;
  }

  /** Whether the sign-in form replaces the console, and why. A borrowed `connection` never signs in. */
  private signIn(): SignIn | undefined {
    if (this.connection) return undefined;
    if (!this.token) return 'needed';
    const failure = this.knownFailure();
    if (failure) return failure === 'unauthorized' ? 'refused' : undefined;
    return this.signingIn ? 'pending' : undefined;
  }

  /** Why the current connection failed for good, if it did. */
  private knownFailure(): ErrorCode | undefined {
    return this.rooms.state.value === 'failed' ? this.rooms.failure.value?.code : undefined;
  }

  private renderSignIn(signIn: SignIn): TemplateResult {
    const { t } = this.l10n;
    return hostTokenForm({
      t: (key) => t(key),
      problem: this.tokenMissing ? t('tokenMissing') : signIn === 'refused' ? t('tokenRefused') : '',
      status: signIn === 'pending' ? t(this.rooms.state.value === 'unreachable' ? 'unreachable' : 'connecting') : '',
      draft: this.tokenDraft,
      onInput: (value) => (this.tokenDraft = value),
      onSubmit: (event) => this.onSignIn(event),
    });
  }

  private onSignIn(event: SubmitEvent): void {
    event.preventDefault();
    const token = this.tokenDraft.trim();
    this.tokenMissing = !token;
    if (!token) return;
    this.signingIn = true;
    // The same token again after a refusal: a fresh connection asks the server again (its configuration may have changed).
    if (token !== this.token) this.token = token;
    else if (this.rooms.state.value === 'failed') this.rooms.reconnect();
    this.requestUpdate();
  }

  /** The registered kinds, in the order of the switch. */
  private registered(): readonly AnyHostKind[] {
    return this.kinds.value ?? [];
  }

  /** The kind whose form shows: the one chosen, or the first registered. */
  private current(): AnyHostKind | undefined {
    const kinds = this.registered();
    return kinds.find((k) => k.kind === this.chosen) ?? kinds[0];
  }

  /** The words of a kind's catalogue in the console's language. */
  private words(kind: AnyHostKind) {
    return wordsOf(kind.messages as Catalogues<HostKindMessages>, this.l10n.locale);
  }

  private renderKindSwitch(): TemplateResult {
    const { t } = this.l10n;
    const current = this.current();
    return html`<fieldset part="kind" class="group kind-switch">
      <legend class="field-label">${t('createWhat')}</legend>
      <div class="kind-options">
        ${this.registered().map(
          (kind) => html`<label class="check kind-option">
            <input type="radio" name="new-kind" value=${kind.kind} .checked=${kind === current} @change=${() => this.choose(kind)} />
            ${this.words(kind).t('kindLabel')}
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private choose(kind: AnyHostKind): void {
    this.chosen = kind.kind;
    this.created = null;
    if (this.unavailable.has(kind.kind)) {
      const unavailable = new Set(this.unavailable);
      unavailable.delete(kind.kind);
      this.unavailable = unavailable;
    }
  }

  /** The chosen kind's form element (in a panel under its heading when the registry line gives one). */
  private renderForm(): TemplateResult | typeof nothing {
    const kind = this.current();
    if (!kind) return nothing;
    if (this.unavailable.has(kind.kind)) return html`<p part="error" class="error" role="alert">${this.l10n.t('kindUnavailable')}</p>`;
    const form = this.element(kind, 'form', kind.form);
    if (!kind.form.heading) return html`${form}`;
    const id = `${kind.kind}-form-heading`;
    return html`<section class="panel" aria-labelledby=${id}>
      <h2 id=${id} class="heading">${(this.words(kind).t as (key: string) => string)(kind.form.heading)}</h2>
      ${form}
    </section>`;
  }

  /** The panels of kinds that have one, once the room has an interaction of the kind or its form is chosen. */
  private renderPanels(): unknown[] {
    const interactions = this.rooms.room.value?.interactions ?? [];
    const current = this.current();
    return this.registered()
      .filter((kind) => kind.panel && (kind === current || interactions.some((i) => i.kind === kind.kind)))
      .map((kind) => (this.unavailable.has(kind.kind) ? nothing : this.element(kind, 'panel', kind.panel!)));
  }

  /**
   * The element of a kind for `role`, created the first time with the registry line's attributes, its
   * elements loaded, and the console's connection lent to it on every render.
   */
  private element(kind: AnyHostKind, role: 'form' | 'panel', spec: HostKindElement): KindElement {
    const key = `${kind.kind}:${role}`;
    let element = this.elements.get(key);
    if (!element || element.localName !== spec.tag) {
      element = document.createElement(spec.tag) as KindElement;
      for (const [name, value] of Object.entries(spec.attributes ?? {})) element.setAttribute(name, value);
      this.elements.set(key, element);
      void this.load(kind);
    }
    element.connection = this.rooms.conn;
    return element;
  }

  /** Loads a kind's elements once; a failed load is shown and tried again when the kind is chosen again. */
  private load(kind: AnyHostKind): Promise<unknown> {
    let loading = this.loads.get(kind);
    if (!loading) {
      loading = kind.load().catch((error: unknown) => {
        this.loads.delete(kind);
        for (const role of ['form', 'panel']) this.elements.delete(`${kind.kind}:${role}`);
        this.unavailable = new Set([...this.unavailable, kind.kind]);
        throw error;
      });
      loading.catch(() => undefined);
      this.loads.set(kind, loading);
    }
    return loading;
  }

  /** The room's interactions that the list shows (those of kinds with an `item`), newest first, the open ones or the others. */
  private listed(open: boolean): InteractionView[] {
    const kinds = new Set(
      this.registered()
        .filter((k) => k.item)
        .map((k) => k.kind),
    );
    return [...(this.rooms.room.value?.interactions ?? [])].reverse().filter((i) => kinds.has(i.kind) && (i.status === 'open') === open);
  }

  /** The items of `views`, each rendered by its kind's registry line. */
  private renderItems(views: InteractionView[]): TemplateResult {
    const byKind = new Map(this.registered().map((k) => [k.kind, k]));
    return html`<ol part="list" class="list" role="list">
      ${views.map((view) => {
        const kind = byKind.get(view.kind)!;
        return kind.item!(view, this.itemContext(kind, view));
      })}
    </ol>`;
  }

  /** "Live now": the open interactions, at the top of the live column, where a refusal of an action in the list shows too. */
  private renderLive(): TemplateResult {
    const { t } = this.l10n;
    const live = this.listed(true);
    const problem = this.listProblem;
    return html`<section part="live" class="panel" aria-labelledby="live-heading">
      <h2 id="live-heading" class="heading">${t('liveNow')}</h2>
      ${problem ? problemAlert(this.words(problem.kind).t, problem.refusal) : nothing}
      ${live.length ? this.renderItems(live) : html`<p class="hint">${t('nothingLive')}</p>`}
    </section>`;
  }

  /** The room's other interactions (drafts, closed ones); left out while every interaction is live. */
  private renderList(): TemplateResult | typeof nothing {
    const { t } = this.l10n;
    const others = this.listed(false);
    if (!others.length && this.rooms.room.value?.interactions.length) return nothing;
    return html`<section class="panel" aria-labelledby="list-heading">
      <h2 id="list-heading" class="heading">${t('interactions')}</h2>
      ${others.length ? this.renderItems(others) : html`<p class="hint">${this.rooms.room.value?.synced ? t('none') : t('loading')}</p>`}
    </section>`;
  }

  /** What an item of the list gets: its kind's words, the server clock, and the actions the console runs for every kind. */
  private itemContext(kind: AnyHostKind, view: InteractionView): HostItemContext {
    const { t, number } = this.words(kind);
    return {
      t: t as unknown as HostItemContext['t'],
      number,
      now: this.rooms.serverTime(),
      busy: this.busy.has(view.id),
      transition: (to) => void this.act(kind, view.id, (conn) => (to === 'open' ? conn.openInteraction(view.id) : conn.closeInteraction(view.id))),
      next: (step) => void this.act(kind, view.id, (conn) => conn.nextStep(view.id, step)),
    };
  }

  /** Runs a host action on one interaction of the list, one at a time per interaction; a refusal shows above the list. */
  private async act(kind: AnyHostKind, id: string, action: (conn: RoomConnection) => Promise<Result<unknown>>): Promise<void> {
    const conn = this.rooms.conn;
    if (!conn || this.busy.has(id)) return;
    this.busy = new Set([...this.busy, id]);
    this.listProblem = null;
    const result = await action(conn).catch(() => null);
    const busy = new Set(this.busy);
    busy.delete(id);
    this.busy = busy;
    if (!result?.ok) this.listProblem = { refusal: refused(this, this.words(kind).t, result), kind };
  }
}
