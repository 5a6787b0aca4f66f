import type { RoomConnection } from '@oncue/core';

/** What an element must accept to be shown by `<oncue-stage>` for its kind of interaction. */
export interface InteractionWidget extends HTMLElement {
  /** The stage's shared connection. */
  connection?: RoomConnection;
  /** The interaction id (also set as the `interaction` attribute). */
  interaction: string;
}

const tags = new Map<string, string>([
  ['poll', 'oncue-poll'],
  ['quiz', 'oncue-quiz'],
  ['lottery', 'oncue-lottery'],
]);

/**
 * Tells every `<oncue-stage>` which element renders a kind of interaction
 * (e.g. `registerInteractionWidget('quiz', 'oncue-quiz')`). The stage creates
 * it with `interaction` and `hide-connection` attributes and sets its
 * `connection` property.
 */
export function registerInteractionWidget(kind: string, tag: string): void {
  tags.set(kind, tag);
}

/** The tag that renders `kind`, if one is registered. */
export function interactionWidgetTag(kind: string): string | undefined {
  return tags.get(kind);
}
