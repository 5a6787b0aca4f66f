import type { ErrorCode, OnCueError } from '@oncue/protocol';
import { html, nothing, type TemplateResult } from 'lit';
import type { Localize } from '../shared/localize.js';
import type { OnCueElement } from '../shared/oncue-element.js';
import type { HostMessages } from './host-messages.js';

/** A server refusal: its code, and the server's detail (shown for `bad_request`, which names the field). */
export interface Refusal {
  code: ErrorCode;
  detail: string;
}

/** Something to tell the host: a form mistake (a message key of `M` and its number) or a server refusal. */
export type Problem<M extends HostMessages = HostMessages> = { key: keyof M & string; arg?: number } | Refusal;

/** The localised text of a problem. */
export function problemText<M extends HostMessages>(t: Localize<M>['t'], problem: Problem<M>): string {
  const translate = t as unknown as (key: string, ...args: unknown[]) => string;
  if ('key' in problem) return translate(problem.key, problem.arg);
  const message = translate(`error_${problem.code}`) || translate('error_internal');
  return problem.detail && problem.code === 'bad_request' ? `${message} (${problem.detail})` : message;
}

/** A problem as an alert paragraph (`part="error"`, `role="alert"`), or nothing. */
export function problemAlert<M extends HostMessages>(t: Localize<M>['t'], problem: Problem<M> | null): TemplateResult | typeof nothing {
  return problem ? html`<p part="error" class="error" role="alert">${problemText(t, problem)}</p>` : nothing;
}

/**
 * The refusal of a request (or `internal` when it got no answer), reported as
 * an `oncue-error` event from `host` with the localised message.
 */
export function refused<M extends HostMessages>(host: OnCueElement, t: Localize<M>['t'], result: { ok: false; error: OnCueError } | null): Refusal {
  const refusal: Refusal = { code: result?.error.code ?? 'internal', detail: result?.error.message ?? '' };
  host.emit('oncue-error', { code: refusal.code, message: problemText(t, refusal) });
  return refusal;
}
