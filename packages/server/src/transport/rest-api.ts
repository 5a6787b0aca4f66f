import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
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
import { tokensEqual } from '../identity/host-token.js';
import { jsonBody, notAllowed, sendError, sendJson, sendResult } from './http-reply.js';
import type { KindRegistry } from '../kinds/interaction-kind.js';
import { parseInteractionSpec } from '../rooms/parse-interaction-spec.js';
import type { RoomService } from '../rooms/room-service.js';
import type { Milestones } from '../milestones/milestones.js';

export interface RestApiOptions {
  service: RoomService;
  kinds: KindRegistry;
  hostToken: string;
  now: () => number;
  /** Requests per client address to the REST API (`@fastify/rate-limit`); default {@link REST_RATE}; `false`: none. */
  restRate?: RestRate | false;
  /** Goals, channel settings, rewards (docs/milestones.md): their routes are registered beside these. */
  milestones?: Milestones;
}

export interface RestRate {
  max: number;
  timeWindowMs: number;
}

/** REST requests per client address: far above what a host console or a backend sends, a wall for scripts (the proof is public). */
export const REST_RATE: RestRate = { max: 600, timeWindowMs: 60_000 };

type Params = { room?: string; id?: string; file?: string };
type Handler = (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => Promise<unknown> | unknown;

const OTHER_METHODS: HTTPMethods[] = ['DELETE', 'PATCH', 'PUT', 'POST', 'GET', 'HEAD'];

/**
 * Registers `handlers` for `url` and a 405 (with `Allow`) for every other method.
 * GET routes answer HEAD too (Fastify adds it).
 */
export function routeWith(app: FastifyInstance, url: string, handlers: Partial<Record<'GET' | 'POST', Handler>>, rate?: RestRate | false): void {
  const config: { rateLimit?: { max: number; timeWindow: number } } = rate ? { rateLimit: { max: rate.max, timeWindow: rate.timeWindowMs } } : {};
  const taken = Object.keys(handlers) as ('GET' | 'POST')[];
  for (const method of taken) app.route({ method, url, config, handler: handlers[method]! as never });
  const allow = taken.join(', ');
  const others = OTHER_METHODS.filter((m) => !taken.includes(m as 'GET') && !(m === 'HEAD' && taken.includes('GET')));
  app.route({ method: others, url, config, handler: (_request, reply) => notAllowed(reply, allow) });
}

/**
 * The REST API for hosts and backends (`Authorization: Bearer <host token>`), on Fastify:
 *
 *     GET  /api/health                                   (no auth)
 *     POST /api/rooms/:room/interactions                 create (+ open unless draft); `Idempotency-Key` header
 *     GET  /api/rooms/:room/interactions                 list
 *     GET  /api/rooms/:room/interactions/:id             one
 *     POST /api/rooms/:room/interactions/:id/open
 *     POST /api/rooms/:room/interactions/:id/close
 *     POST /api/rooms/:room/interactions/:id/cancel      kinds that can be called off (a blind box before its reveal): nobody wins
 *     POST /api/rooms/:room/interactions/:id/next        kinds with steps (a quiz): closes the open question and opens the
 *                                                        next; optional body `{ "from": n, "reveal": true }`, `Idempotency-Key`
 *     GET  /api/rooms/:room/interactions/:id/proof       (no auth; kinds with a public view: a lottery's draw proof;
 *                                                        a draft answers 404 as if absent)
 *     GET  /api/rooms/:room/interactions/:id/<file>      (kinds with exports: a lottery's `claims.csv`)
 *
 * Errors are `{ "error": { code, message } }` with the status of the code; bodies are read raw and
 * validated with valibot (see `jsonBody`), at most `MAX_REST_BODY_BYTES`.
 */
export function registerRestApi(app: FastifyInstance, options: RestApiOptions): void {
  const { service, kinds, hostToken, now } = options;
  const rate = options.restRate ?? REST_RATE;
  const route = (url: string, handlers: Partial<Record<'GET' | 'POST', Handler>>) => routeWith(app, url, handlers, rate);
  const rest = (view: InteractionView): Record<string, unknown> => service.restView(view);
  const asRest = (result: Result<InteractionView>): Result<unknown> => (result.ok ? ok(rest(result.value)) : result);

  /** Checks the host token, then the room (and the interaction id when the route has one). */
  const host =
    (
      handler: (target: { room: string; id: string }, request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => Promise<unknown> | unknown,
    ): Handler =>
    (request, reply) => {
      if (!authorised(request.headers.authorization, hostToken))
        return sendError(reply, { code: 'unauthorized', message: 'send Authorization: Bearer <host token>' });
      const target = parseTarget(request.params);
      if (!target.ok) return sendResult(reply, target);
      return handler(target.value, request, reply);
    };

  options.milestones?.routes(app, { hostToken, rate });

  route('/api/health', { GET: (_request, reply) => sendJson(reply, 200, { status: 'ok', serverTime: now() }) });

  route('/api/rooms/:room/interactions', {
    GET: host(({ room }, _request, reply) => {
      const list = service.list(room);
      return sendResult(reply, list.ok ? ok({ room, interactions: list.value.map(rest) }) : list);
    }),
    POST: host(async ({ room }, request, reply) => {
      const key = idempotencyKey(request);
      if (!key.ok) return sendResult(reply, key);
      const body = jsonBody(request);
      if (!body.ok) return sendResult(reply, body);
      const spec = parseInteractionSpec(kinds, body.value, MAX_REST_BODY_BYTES);
      if (!spec.ok) return sendResult(reply, spec);
      return sendResult(reply, asRest(await service.create(room, spec.value, key.value)), 201);
    }),
  });

  route('/api/rooms/:room/interactions/:id', {
    GET: host(({ room, id }, _request, reply) => sendResult(reply, asRest(service.get(room, id)))),
  });

  for (const action of ['open', 'close'] as const) {
    route(`/api/rooms/:room/interactions/:id/${action}`, {
      POST: host(async ({ room, id }, _request, reply) => sendResult(reply, asRest(await service.setStatus(room, id, action === 'open' ? 'open' : 'closed')))),
    });
  }

  route('/api/rooms/:room/interactions/:id/next', {
    POST: host(async ({ room, id }, request, reply) => {
      const key = idempotencyKey(request);
      if (!key.ok) return sendResult(reply, key);
      const body = jsonBody(request, { empty: {} });
      if (!body.ok) return sendResult(reply, body);
      if (Array.isArray(body.value)) return sendError(reply, { code: 'bad_request', message: 'the body must be a JSON object' });
      const step = parse(RestStepRequestSchema, body.value);
      if (!step.ok) return sendResult(reply, step);
      const { from, reveal } = step.value;
      return sendResult(reply, asRest(await service.step(room, id, { mode: reveal ? 'end' : 'next', from }, key.value)));
    }),
  });

  route('/api/rooms/:room/interactions/:id/cancel', {
    POST: host(async ({ room, id }, request, reply) => {
      const key = idempotencyKey(request);
      if (!key.ok) return sendResult(reply, key);
      return sendResult(reply, asRest(await service.step(room, id, { mode: 'cancel' }, key.value)));
    }),
  });

  route('/api/rooms/:room/interactions/:id/proof', {
    GET: (request, reply) => {
      const target = parseTarget(request.params);
      if (!target.ok) return sendResult(reply, target);
      const { room, id } = target.value;
      // A draft is not public yet (its prizes are unannounced): answer as if it did not exist.
      const found = service.get(room, id);
      if (found.ok && found.value.status === 'draft') return sendError(reply, { code: 'unknown_interaction', message: `no interaction ${id} in room ${room}` });
      return sendResult(reply, service.publicView(room, id));
    },
  });

  app.route({
    method: ['GET', 'HEAD'],
    url: '/api/rooms/:room/interactions/:id/:file',
    config: rate ? { rateLimit: { max: rate.max, timeWindow: rate.timeWindowMs } } : {},
    handler: host(({ room, id }, request, reply) => {
      const name = request.params.file!;
      const file = service.exportFile(room, id, name);
      if (!file.ok) return sendResult(reply, file);
      if (!file.value) return reply.callNotFound();
      return reply
        .code(200)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${id}-${name}"`)
        .type(file.value.contentType)
        .send(file.value.body);
    }),
  });
}

/**
 * The body of `POST …/next`: `host:next` without the interaction id (in the path) and the key (a header).
 * Strict, and an object (not `[]`): a misspelt `reveal` must not quietly move on to the next question.
 */
const RestStepRequestSchema = v.strictObject({ from: HostStepRequestSchema.entries.from, reveal: HostStepRequestSchema.entries.reveal });

function parseTarget(params: Params): Result<{ room: string; id: string }> {
  const room = parse(RoomIdSchema, params.room);
  if (!room.ok) return room;
  if (params.id === undefined) return ok({ room: room.value, id: '' });
  const id = parse(InteractionIdSchema, params.id);
  return id.ok ? ok({ room: room.value, id: id.value }) : id;
}

/** The optional `Idempotency-Key` header. */
function idempotencyKey(request: FastifyRequest): Result<string | undefined> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return ok(undefined);
  const key = parse(IdempotencyKeySchema, Array.isArray(header) ? header[0] : header);
  return key.ok ? key : fail('bad_request', `Idempotency-Key: ${key.error.message}`);
}

/** Whether an `Authorization` header carries the host token. */
export function authorised(header: string | undefined, hostToken: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && tokensEqual(match[1]!, hostToken);
}
