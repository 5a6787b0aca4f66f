import type { BadgeTier, ErrorCode, GoalView, InteractionView } from '@oncue/protocol';

/** Every event the OnCue widgets dispatch, with its `detail`. All bubble and cross shadow roots. */
export interface OnCueEventMap {
  /** The server accepted a vote of this viewer. */
  'oncue-vote': { interaction: string; choices: number[] };
  /** The server accepted this viewer's answer to a quiz question. */
  'oncue-answer': { interaction: string; question: number; choice: number };
  /** The server accepted this viewer's lottery entry. */
  'oncue-enter': { interaction: string };
  /** The server accepted this viewer's blind-box guess (an option index, a whole number or a text). */
  'oncue-guess': { interaction: string; value: number | string };
  /** The server accepted this viewer's prize claim. */
  'oncue-claim': { interaction: string };
  /** The viewer checked a lottery draw or a blind box in the browser; `ok` says whether it holds. */
  'oncue-verify': { interaction: string; ok: boolean };
  /** An action failed; `message` is localised for people, `code` is for code. */
  'oncue-error': { code: ErrorCode; message: string };
  /**
   * The server refused the signed viewer token the element was given (`viewer-token`, or the connection's
   * `viewerToken`): forged, tampered with, expired or signed with another secret. The element does not connect
   * (it never falls back to an anonymous viewer); `message` is localised. Also logged with `console.warn`.
   */
  'oncue-identity-error': { code: 'bad_viewer_token'; message: string; server: string };
  /** A collapsible `<oncue-stage>` was opened or collapsed by the viewer. */
  'oncue-toggle': { open: boolean };
  /** A tap of `<oncue-cheer>`: this viewer's taps the server has not counted yet, this one included. */
  'oncue-cheer': { pending: number };
  /** A goal shown by `<oncue-goal>` was reached while the viewer watched: what it does and what it reveals. */
  'oncue-goal-reached': { goal: string; action: GoalView['action']['type']; reveal?: string; interaction?: string };
  /** This viewer earned a badge (not on first load): the tier, and the viewer's badges as a signed credential (a compact JWS). */
  'oncue-badge-earned': { tier: BadgeTier; credential?: string };
  /** The host console set a room goal. */
  'oncue-goal': { goal: GoalView };
  /** The host console created an interaction (as a draft or launched). */
  'oncue-create': { interaction: InteractionView };
}

type OnCueEvents = { [K in keyof OnCueEventMap]: CustomEvent<OnCueEventMap[K]> };

declare global {
  interface GlobalEventHandlersEventMap extends OnCueEvents {}
}
