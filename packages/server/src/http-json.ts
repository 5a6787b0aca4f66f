import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail, HTTP_STATUS, ok, type OnCueError, type Result } from '@oncue/protocol';

/** CORS for the REST API: any origin (widgets and dashboards live on other sites); auth is a bearer token, not cookies. */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key',
  'Access-Control-Max-Age': '600',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(json);
}

/** `{ "error": { code, message } }` with the HTTP status of the code. */
export function sendError(res: ServerResponse, error: OnCueError, headers: Record<string, string> = {}): void {
  sendJson(res, HTTP_STATUS[error.code], { error: { code: error.code, message: error.message } }, headers);
}

/**
 * Reads a JSON request body of at most `limit` bytes. A larger body answers
 * `payload_too_large`: up to `16 × limit` it is drained first so the client
 * reads the answer cleanly; beyond that the connection is closed. An empty
 * body is `bad_request`, or `options.empty` when given (for optional bodies).
 */
export function readJsonBody(req: IncomingMessage, limit: number, options: { empty?: unknown } = {}): Promise<Result<unknown>> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    const hardLimit = limit * 16;
    const tooLarge = (size: number) => fail<unknown>('payload_too_large', `the body is ${size} bytes; the limit is ${limit}`);
    if (Number.isFinite(declared) && declared > hardLimit) {
      resolve(tooLarge(declared));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > hardLimit) {
        settled = true;
        resolve(tooLarge(size));
      } else if (size <= limit) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      if (size > limit) return resolve(tooLarge(size));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve('empty' in options ? ok(options.empty) : fail('bad_request', 'the body is empty; send JSON'));
      try {
        resolve(ok(JSON.parse(text) as unknown));
      } catch {
        resolve(fail('bad_request', 'the body is not valid JSON'));
      }
    });
    req.on('error', () => {
      if (settled) return;
      settled = true;
      resolve(fail('bad_request', 'the request body could not be read'));
    });
  });
}
