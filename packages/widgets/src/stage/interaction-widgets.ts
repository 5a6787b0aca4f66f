import type { RoomConnection } from '@oncue/core';
import type { InteractionView, PersonalState } from '@oncue/protocol';
import { roomWidgets } from './room-widgets.js';
import { viewerKinds } from './viewer-kinds.js';

/** What an element must accept to be shown by `<oncue-stage>` for its kind of interaction. */
export interface InteractionWidget extends HTMLElement {
  /** The stage's shared connection. */
  connection?: RoomConnection;
  /** The interaction id (also set as the `interaction` attribute). */
  interaction: string;
}

/** Loads the module that defines a kind's element (e.g. `() => import('./my-kind.js')`). */
export type InteractionWidgetLoader = () => Promise<unknown>;

/** A kind of interaction as the viewer side knows it: one line of {@link viewerKinds}, or a kind added at run time. */
export interface ViewerKind {
  /** The interaction kind, as the server names it (`'poll'`). */
  kind: string;
  /** The custom element that renders it (`'oncue-poll'`). */
  tag: string;
  /** Defines `tag` when called; without it the page defines the element itself. */
  load?: InteractionWidgetLoader;
  /**
   * Whether a closed interaction stays on stage after its linger because it still concerns this viewer (a lottery
   * whose prize they can still claim). `now` is the server's clock. Kept out of the kind's chunk: the stage decides
   * before the element is loaded.
   */
  awaitsViewer?: (view: InteractionView, personal: PersonalState | undefined, now: number) => boolean;
  /** What viewers call the kind, by locale (`{ en: 'Poll', 'zh-CN': '投票' }`): the stage's tabs and folded pill. */
  name?: Record<string, string>;
}

const kinds = new Map<string, ViewerKind>([...viewerKinds, ...roomWidgets].map((entry) => [entry.kind, entry]));
const listeners = new Set<(entry: ViewerKind) => void>();

/**
 * Tells every `<oncue-stage>` which element renders a kind of interaction
 * (e.g. `registerInteractionWidget('quiz', 'oncue-quiz')`), and optionally how to load it
 * (`registerInteractionWidget('guess', 'my-guess', () => import('./my-guess.js'))`): the loader runs the first
 * time the kind is on a stage or its element is in the page; `name` is what viewers call the kind, by locale (the
 * stage's tabs and folded pill; kept when omitted). The stage creates the element with `interaction` and
 * `hide-connection` attributes and sets its `connection` property.
 */
export function registerInteractionWidget(kind: string, tag: string, load?: InteractionWidgetLoader, name?: Record<string, string>): void {
  const entry: ViewerKind = { ...kinds.get(kind), kind, tag, load };
  if (name) entry.name = name;
  kinds.set(kind, entry);
  for (const listener of listeners) listener(entry);
}

/** The tag that renders `kind`, if one is registered. */
export function interactionWidgetTag(kind: string): string | undefined {
  return kinds.get(kind)?.tag;
}

/** The registered kind for `kind`, if any. */
export function interactionWidgetKind(kind: string): ViewerKind | undefined {
  return kinds.get(kind);
}

/** The registered kind rendered by the element `tag` (lower case), if any. */
export function interactionWidgetKindOfTag(tag: string): ViewerKind | undefined {
  for (const entry of kinds.values()) if (entry.tag === tag) return entry;
  return undefined;
}

/** Calls `listener` for every kind registered from now on; returns the unsubscribe function. */
export function onInteractionWidgetRegistered(listener: (entry: ViewerKind) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
