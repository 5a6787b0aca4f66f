import type { FastifyReply, FastifyRequest } from 'fastify';
import { fail, HTTP_STATUS, ok, type OnCueError, type Result } from '@oncue/protocol';

/** `{ "error": { code, message } }` with the HTTP status of the code; JSON bodies are never cached. */
export function sendError(reply: FastifyReply, error: OnCueError): FastifyReply {
  return sendJson(reply, HTTP_STATUS[error.code], { error: { code: error.code, message: error.message } });
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** A `Result` as a REST answer: the value with `status`, or the error with the status of its code. */
export function sendResult(reply: FastifyReply, result: Result<unknown>, status = 200): FastifyReply {
  return result.ok ? sendJson(reply, status, result.value) : sendError(reply, result.error);
}

/** Routes answer 405 for methods they do not take (the protocol has no code for it: the body says `bad_request`). */
export function notAllowed(reply: FastifyReply, allow: string): FastifyReply {
  return sendJson(reply, 405, { error: { code: 'bad_request', message: `method not allowed; use ${allow}` } }).header('allow', allow);
}

/**
 * The request body as JSON. Every content type is read as raw bytes (see `createHttpApp`), so a
 * beacon's `text/plain` is JSON too. An empty body is `bad_request`, or `options.empty` when given.
 */
export function jsonBody(request: FastifyRequest, options: { empty?: unknown } = {}): Result<unknown> {
  const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
  if (text.trim() === '') return 'empty' in options ? ok(options.empty) : fail('bad_request', 'the body is empty; send JSON');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('bad_request', 'the body is not valid JSON');
  }
}
