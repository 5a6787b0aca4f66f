import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import {
  fail,
  HostStepRequestSchema,
  IdempotencyKeySchema,
  InteractionIdSchema,
  MAX_REST_BODY_BYTES,
  ok,
  parse,
  RoomIdSchema,
  type InteractionView,
  type Result,
} from '@oncue/protocol';
import { tokensEqual } from './host-token.js';
import { readJsonBody, sendError, sendJson, sendText, CORS_HEADERS } from './http-json.js';
import type { KindRegistry } from './interaction-kind.js';
import type { Logger } from './logger.js';
import { parseInteractionSpec } from './parse-interaction-spec.js';
import type { RoomService } from './room-service.js';

export interface RestApiOptions {
  service: RoomService;
  kinds: KindRegistry;
  hostToken: string;
  now: () => number;
  logger: Logger;
}

/** Handles one request under `/api/`; resolves once it is answered. */
export type RestHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/**
 * The REST API for hosts and backends (`Authorization: Bearer <host token>`):
 *
 *     GET  /api/health                                   (no auth)
 *     POST /api/rooms/:room/interactions                 create (+ open unless draft); `Idempotency-Key` header
 *     GET  /api/rooms/:room/interactions                 list
 *     GET  /api/rooms/:room/interactions/:id             one
 *     POST /api/rooms/:room/interactions/:id/open
 *     POST /api/rooms/:room/interactions/:id/close
 *     POST /api/rooms/:room/interactions/:id/next        kinds with steps (a quiz): closes the open question and opens the
 *                                                        next; optional body `{ "from": n, "reveal": true }`, `Idempotency-Key`
 *     GET  /api/rooms/:room/interactions/:id/proof       (no auth; kinds with a public view: a lottery's draw proof)
 *     GET  /api/rooms/:room/interactions/:id/<file>      (kinds with exports: a lottery's `claims.csv`)
 *
 * A hand-written router: seven routes do not need a framework. Errors are
 * `{ "error": { code, message } }` with the status of the code.
 */
export function createRestApi(options: RestApiOptions): RestHandler {
  const { service, kinds, hostToken, now, logger } = options;

  const answer = (res: ServerResponse, result: Result<unknown>, status = 200): void => {
    if (result.ok) sendJson(res, status, result.value);
    else sendError(res, result.error);
  };
  const rest = (view: InteractionView): Record<string, unknown> => service.restView(view);

  return async (req, res, pathname) => {
    try {
      const method = req.method ?? 'GET';
      if (method === 'OPTIONS') {
        res.writeHead(204, CORS_HEADERS);
        res.end();
        return;
      }
      if (pathname === '/api/health') {
        if (method !== 'GET' && method !== 'HEAD') return notAllowed(res, 'GET');
        return sendJson(res, 200, { status: 'ok', serverTime: now() });
      }

      const parts = pathname.split('/').slice(1); // ['api', 'rooms', room, 'interactions', id?, action?]
      if (parts[1] !== 'rooms' || parts[3] !== 'interactions' || parts.length > 6 || parts.slice(2).some((p) => p === '')) {
        return notFound(res, method, pathname);
      }
      if (parts[5] === 'proof' && parts.length === 6) {
        if (method !== 'GET' && method !== 'HEAD') return notAllowed(res, 'GET');
        const proofRoom = parse(RoomIdSchema, decodeSegment(parts[2]!));
        const proofId = parse(InteractionIdSchema, decodeSegment(parts[4]!));
        if (!proofRoom.ok) return answer(res, proofRoom);
        if (!proofId.ok) return answer(res, proofId);
        return answer(res, service.publicView(proofRoom.value, proofId.value));
      }
      if (!authorised(req.headers.authorization, hostToken)) {
        return sendError(res, { code: 'unauthorized', message: 'send Authorization: Bearer <host token>' });
      }
      const room = parse(RoomIdSchema, decodeSegment(parts[2]!));
      if (!room.ok) return answer(res, room);
      const [, , , , rawId, action] = parts;

      if (rawId === undefined) {
        if (method === 'GET') {
          const list = service.list(room.value);
          return answer(res, list.ok ? { ok: true, value: { room: room.value, interactions: list.value.map(rest) } } : list);
        }
        if (method !== 'POST') return notAllowed(res, 'GET, POST');
        const parsedKey = idempotencyKey(req);
        if (!parsedKey.ok) return answer(res, parsedKey);
        const body = await readJsonBody(req, MAX_REST_BODY_BYTES);
        if (!body.ok) {
          return sendError(res, body.error, body.error.code === 'payload_too_large' ? { Connection: 'close' } : {});
        }
        const spec = parseInteractionSpec(kinds, body.value, MAX_REST_BODY_BYTES);
        if (!spec.ok) return answer(res, spec);
        const created = await service.create(room.value, spec.value, parsedKey.value);
        return answer(res, created.ok ? { ok: true, value: rest(created.value) } : created, 201);
      }

      const id = parse(InteractionIdSchema, decodeSegment(rawId));
      if (!id.ok) return answer(res, id);
      if (action === undefined) {
        if (method !== 'GET') return notAllowed(res, 'GET');
        const found = service.get(room.value, id.value);
        return answer(res, found.ok ? { ok: true, value: rest(found.value) } : found);
      }
      if (action !== 'open' && action !== 'close' && action !== 'next') {
        if (method !== 'GET') return notFound(res, method, pathname);
        const file = service.exportFile(room.value, id.value, action);
        if (!file.ok) return answer(res, file);
        if (!file.value) return notFound(res, method, pathname);
        return sendText(res, 200, file.value.body, file.value.contentType, { 'Content-Disposition': `attachment; filename="${id.value}-${action}"` });
      }
      if (method !== 'POST') return notAllowed(res, 'POST');
      if (action === 'next') {
        const key = idempotencyKey(req);
        if (!key.ok) return answer(res, key);
        const body = await readJsonBody(req, MAX_REST_BODY_BYTES, { empty: {} });
        if (!body.ok) return sendError(res, body.error);
        const request = parse(RestStepRequestSchema, body.value);
        if (!request.ok) return answer(res, request);
        const { from, reveal } = request.value;
        const stepped = await service.step(room.value, id.value, { mode: reveal ? 'end' : 'next', from }, key.value);
        return answer(res, stepped.ok ? { ok: true, value: rest(stepped.value) } : stepped);
      }
      const moved = await service.setStatus(room.value, id.value, action === 'open' ? 'open' : 'closed');
      return answer(res, moved.ok ? { ok: true, value: rest(moved.value) } : moved);
    } catch (err) {
      logger.error(`${req.method} ${pathname} failed`, err);
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'unexpected server error' });
      else res.destroy();
    }
  };
}

/**
 * The body of `POST …/next`: `host:next` without the interaction id (in the path) and the key (a header).
 * Strict: a misspelt `reveal` must not quietly move on to the next question.
 */
const RestStepRequestSchema = v.strictObject({ from: HostStepRequestSchema.entries.from, reveal: HostStepRequestSchema.entries.reveal });

/** The optional `Idempotency-Key` header. */
function idempotencyKey(req: IncomingMessage): Result<string | undefined> {
  const header = req.headers['idempotency-key'];
  if (header === undefined) return ok(undefined);
  const key = parse(IdempotencyKeySchema, Array.isArray(header) ? header[0] : header);
  return key.ok ? key : fail('bad_request', `Idempotency-Key: ${key.error.message}`);
}

/** Whether an `Authorization` header carries the host token. */
export function authorised(header: string | undefined, hostToken: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && tokensEqual(match[1]!, hostToken);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Unknown route: 404 (the protocol has no `not_found` code, so the body says `bad_request`). */
function notFound(res: ServerResponse, method: string, pathname: string): void {
  sendJson(res, 404, { error: { code: 'bad_request', message: `no route ${method} ${pathname}` } });
}

function notAllowed(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: { code: 'bad_request', message: `method not allowed; use ${allow}` } }, { Allow: allow });
}
