import type { OnCueError } from './error-code.js';

/** What every acknowledged action answers: a value or a typed error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: OnCueError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: OnCueError['code'], message: string, details?: Pick<OnCueError, 'retryAfterMs'>): Result<T> {
  return { ok: false, error: details?.retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs: details.retryAfterMs } };
}
