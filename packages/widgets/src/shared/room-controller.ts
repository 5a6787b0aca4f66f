import { connect, forgetViewer, variantOf } from '@oncue/core';
import type { ConnectionState, PendingAction, RoomConnection, RoomState } from '@oncue/core';
import type { InteractionView, OnCueError } from '@oncue/protocol';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OnCueElement } from './oncue-element.js';
import { matchLocale, requestedLocale } from './localize.js';
import { connectionMessages } from './connection-messages.js';
import { StoreController } from './store-controller.js';
import type { ShownInteraction } from './widget-telemetry.js';

/** Where an element gets its room from: a shared connection, or a server and room to connect to. */
export interface RoomTarget {
  connection?: RoomConnection;
  server?: string;
  room?: string;
  hostToken?: string;
  /** The viewer's display name (leaderboards). */
  viewerName?: string;
  /**
   * A viewer token the integrator's backend signed for the signed-in user; `''` (the attribute present and
   * empty): the user logged out, forget the identity this browser keeps for the server and connect anonymously.
   */
  viewerToken?: string | undefined;
}

/**
 * Gives an element a room connection and re-renders it on every change of the
 * room, the connection state and the pending actions. A borrowed `connection`
 * is used as is; otherwise the controller connects to `server`/`room`, and
 * releases that handle when the element leaves the page or the target changes.
 */
export class RoomController implements ReactiveController {
  /** The connection in use, if any. */
  conn: RoomConnection | undefined;
  readonly state: StoreController<ConnectionState>;
  readonly room: StoreController<RoomState>;
  readonly pending: StoreController<PendingAction[]>;
  /** Why the connection failed for good (a refused handshake), if it did. */
  readonly failure: StoreController<OnCueError | undefined>;
  private owned = false;
  private key = '';
  private connected = false;
  /** The refusal already announced with `oncue-identity-error`. */
  private announced: OnCueError | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & Partial<Pick<OnCueElement, 'emit'>>,
    private readonly target: () => RoomTarget,
  ) {
    this.state = new StoreController(host);
    this.room = new StoreController(host);
    this.pending = new StoreController(host);
    this.failure = new StoreController(host);
    host.addController(this);
  }

  /** The server's clock now (ms since the epoch), for countdowns; the local clock without a connection. */
  serverTime(): number {
    return this.conn?.serverNow() ?? Date.now();
  }

  /** What telemetry should know of `view` as this viewer sees it (room, kind, viewer, A/B variant); `undefined` without a view. */
  shown(view: InteractionView | undefined): ShownInteraction | undefined {
    const conn = this.conn;
    if (!view || !conn || conn.role !== 'viewer') return undefined;
    const viewer = conn.$viewer.get();
    return { room: conn.room, interaction: view.id, kind: view.kind, viewer, variant: variantOf(view, viewer) };
  }

  hostConnected(): void {
    this.connected = true;
    this.host.requestUpdate();
  }

  /** Runs before each render: follow the host's current target. */
  hostUpdate(): void {
    if (!this.connected) return;
    const { connection, server, room, hostToken, viewerName, viewerToken } = this.target();
    if (connection) {
      if (connection !== this.conn) this.use(connection, false);
      return;
    }
    const key = server && room ? JSON.stringify([server, room, hostToken ?? '', viewerName ?? '', viewerToken ?? null]) : '';
    if (this.owned && key === this.key) return;
    if (!key) return this.use(undefined, false);
    if (viewerToken === '' && !hostToken) forgetViewer(server);
    this.use(
      connect({
        server: server!,
        room: room!,
        hostToken: hostToken || undefined,
        name: viewerName?.trim() || undefined,
        viewerToken: viewerToken || undefined,
      }),
      true,
    );
    this.key = key;
  }

  /**
   * Drops the connection this controller opened, so that the next update opens a fresh one (to
   * try a refused host token again, say). A borrowed connection is left as it is.
   */
  reconnect(): void {
    if (!this.owned) return;
    this.use(undefined, false);
    this.host.requestUpdate();
  }

  /** Announces a refused signed viewer token once per refusal, from the element that owns the connection. */
  hostUpdated(): void {
    const failure = this.owned ? this.failure.value : undefined;
    if (failure === this.announced) return;
    this.announced = failure;
    if (failure?.code !== 'bad_viewer_token' || !this.conn) return;
    const locale = this.host instanceof Element ? matchLocale(requestedLocale(this.host), Object.keys(connectionMessages)) : 'en';
    const message = connectionMessages[locale]?.error_bad_viewer_token ?? connectionMessages.en.error_bad_viewer_token;
    this.host.emit?.('oncue-identity-error', { code: 'bad_viewer_token', message, server: this.conn.server });
  }

  hostDisconnected(): void {
    this.connected = false;
    this.use(undefined, false);
  }

  private use(conn: RoomConnection | undefined, owned: boolean): void {
    if (this.owned) this.conn?.release();
    this.conn = conn;
    this.owned = owned;
    this.key = '';
    this.state.store = conn?.$connection;
    this.room.store = conn?.$room;
    this.pending.store = conn?.$pending;
    this.failure.store = conn?.$failure;
  }
}
