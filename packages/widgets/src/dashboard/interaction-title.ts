/**
 * How the dashboard names an interaction, from its host view (`GET /api/rooms/:room/interactions`):
 * its `question`, its `prize`, or the `prompt` of the first of its `questions` (worded by `several`
 * when there are more). Read by field, so a new kind with one of these fields is named too; `undefined`
 * when it has none (the dashboard then shows the id).
 */
export function interactionTitle(view: Record<string, unknown>, several: (first: string, count: number) => string): string | undefined {
  for (const field of ['question', 'prize', 'title'] as const) {
    const value = view[field];
    if (typeof value === 'string' && value) return value;
  }
  const questions = Array.isArray(view.questions) ? (view.questions as Array<{ prompt?: unknown }>) : [];
  const first = questions[0]?.prompt;
  return typeof first === 'string' && first ? several(first, questions.length) : undefined;
}
