import type { RoomConnection } from '@oncue/core';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { OnCueElement } from './oncue-element.js';
import { RoomController } from './room-controller.js';

/**
 * Base of the elements that show something of a room (the kinds' elements, `<oncue-cheer>`, `<oncue-goal>`,
 * `<oncue-milestone-badge>`): where the room comes from, the viewer's display name and the connection notice.
 */
export class OnCueRoomElement extends OnCueElement {
  /** Server URL, e.g. `https://live.example.com`. Ignored when `connection` is set. */
  @property() server = '';
  /** Room name. Ignored when `connection` is set. */
  @property() room = '';
  /** A shared room connection (from `connect()`) to use instead of `server` + `room`; the element does not release it. */
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
  /** Hide the connection notice (when the page or a stage already shows it). */
  @property({ type: Boolean, attribute: 'hide-connection' }) hideConnection = false;

  /** The room: this element's target (`connection`, or `server` + `room`). */
  protected readonly rooms = new RoomController(this, () => this);

  /** The connection notice ("Reconnecting…", unreachable, failed) in the element's language, unless hidden; empty when all is well. */
  protected connectionNotice(t: (state: 'reconnecting' | 'unreachable' | 'failed') => string): string {
    const state = this.rooms.state.value;
    return !this.hideConnection && (state === 'reconnecting' || state === 'unreachable' || state === 'failed') ? t(state) : '';
  }

  /**
   * The `connection` part: a polite status line, empty when all is well; while the connection is down, the notice
   * and that taps are kept meanwhile (the outbox sends them on reconnect). Styled on its own surface by cardStyles.
   */
  protected renderConnection(t: (key: 'reconnecting' | 'unreachable' | 'failed' | 'keptOffline') => string): TemplateResult {
    const notice = this.connectionNotice(t);
    return html`<p part="connection" class="notice connection" role="status">${
      notice ? html`<span>${notice}</span> ${this.rooms.state.value === 'failed' ? '' : html`<span class="kept">${t('keptOffline')}</span>`}` : ''
    }</p>`;
  }
}

/**
 * Base of the elements that show one interaction of a room (`<oncue-poll>`, `<oncue-quiz>`, `<oncue-lottery>`, …):
 * the room, and which interaction.
 */
export class OnCueInteractionElement extends OnCueRoomElement {
  /** Id of the interaction to show. */
  @property() interaction = '';
}
