import type { ErrorCode } from '@oncue/protocol';
import type { Localize } from '../shared/localize.js';
import type { HostMessages } from './host-messages.js';

/** Something to tell the host: a form mistake (a message key and its number) or a server refusal. */
export type Problem = { key: keyof HostMessages; arg?: number } | { code: ErrorCode; detail: string };

/** The console's translate function. */
export type HostTranslate = Localize<HostMessages>['t'];

/** The localised text of a problem; a refused request's detail is added for `bad_request` (it names the field). */
export function problemText(t: HostTranslate, problem: Problem): string {
  const translate = t as unknown as (key: string, ...args: unknown[]) => string;
  if ('key' in problem) return translate(problem.key, problem.arg);
  const message = translate(`error_${problem.code}`) || translate('error_internal');
  return problem.detail && problem.code === 'bad_request' ? `${message} (${problem.detail})` : message;
}
