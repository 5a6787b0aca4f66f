import { html, nothing, type TemplateResult } from 'lit';
import type { Localize } from '../shared/localize.js';
import type { HostMessages } from './host-messages.js';
import { problemText, type Problem } from './problem.js';

/**
 * A mistake in a host form and where it shows: `field` (an element id) gets `aria-invalid="true"` and the focus, and is
 * described by the message, which shows beside `anchor` (the field itself, or a group of fields such as the options).
 * `fields` lists more ids marked with it (the radio buttons of a group).
 */
export interface FieldProblem<M extends HostMessages = HostMessages> {
  problem: Problem<M>;
  field: string;
  anchor: string;
  fields?: readonly string[];
}

/** Id of the message shown at `anchor`. */
export const errorId = (anchor: string): string => `${anchor}-error`;

/** Whether `field` is the one (or one of those) a form mistake concerns: the value of its `aria-invalid`. */
export function invalidFlag(invalid: FieldProblem<never> | FieldProblem | null, field: string): 'true' | 'false' {
  return invalid && (invalid.field === field || invalid.fields?.includes(field)) ? 'true' : 'false';
}

/** The `aria-describedby` of `field`: the message of the mistake it has, then `more` (a hint, a counter); `undefined` when empty. */
export function describedBy(invalid: FieldProblem<never> | FieldProblem | null, field: string, ...more: (string | undefined)[]): string | undefined {
  const ids = [invalidFlag(invalid, field) === 'true' ? errorId(invalid!.anchor) : undefined, ...more].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The message of a form mistake, if it belongs at `anchor`: announced (`role="alert"`), `part="error field-error"`. */
export function fieldError<M extends HostMessages>(t: Localize<M>['t'], invalid: FieldProblem<M> | null, anchor: string): TemplateResult | typeof nothing {
  if (invalid?.anchor !== anchor) return nothing;
  return html`<p part="error field-error" class="error field-error" id=${errorId(anchor)} role="alert">${problemText(t, invalid.problem)}</p>`;
}

/** Id of the length counter of the field `field`. */
export const counterId = (field: string): string => `${field}-count`;

/**
 * How much of a field's limit is used ("37/120", `part="counter"`), with the id `counterId(field)` for its `aria-describedby`.
 * Over the limit it says so in the danger colour; the form refuses the text then, it never cuts it.
 */
export function lengthCounter(field: string, length: number, max: number): TemplateResult {
  return html`<span part="counter" class="counter ${length > max ? 'over' : ''}" id=${counterId(field)}>${length}/${max}</span>`;
}

/** Whether a field of `length` characters shows its counter: always for `always`, otherwise once it nears its limit (or passes it). */
export const showsCounter = (length: number, max: number, always = false): boolean => always || length >= Math.floor(max * 0.75);
