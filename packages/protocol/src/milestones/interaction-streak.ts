/** One interaction launched in a room, in launch order, as the streak rule sees it. */
export interface LaunchedInteraction {
  id: string;
  /** Over: a viewer who did not take part has missed it. An open one breaks nothing yet. */
  closed: boolean;
}

/**
 * A viewer's current run of interactions taken part in: consecutive launched interactions of the room (in launch
 * order) with none missed. It is counted back from the latest interaction; one still open that the viewer has not
 * (yet) taken part in is skipped, not a miss; a closed one the viewer did not take part in ends the run.
 */
export function interactionStreak(launched: readonly LaunchedInteraction[], tookPart: ReadonlySet<string>): number {
  let run = 0;
  for (let i = launched.length - 1; i >= 0; i--) {
    const interaction = launched[i]!;
    if (tookPart.has(interaction.id)) run += 1;
    else if (interaction.closed) break;
  }
  return run;
}
