import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_REST_BODY_BYTES, MAX_TELEMETRY_BATCH_EVENTS, parse, RoomIdSchema, TelemetryBatchSchema } from '@oncue/protocol';
import { CollectorBudget, type CollectorBudgetOptions } from './collector-budget.js';
import { jsonBody, sendError, sendJson, sendResult } from '../transport/http-reply.js';
import { authorised, routeWith as route } from '../transport/rest-api.js';
import type { TelemetryService } from './telemetry-service.js';
import { toCsv, toNdjson } from './telemetry-export.js';

export { TELEMETRY_RATE } from './collector-budget.js';

/**
 * The collector's HTTP routes:
 *
 *     POST /api/telemetry                        a batch from a reporter (no auth: viewers send it)
 *     GET  /api/rooms/:room/metrics              metrics and alerts (host token)
 *     GET  /api/rooms/:room/telemetry.csv        every stored event of the room (host token)
 *     GET  /api/rooms/:room/telemetry.ndjson
 *
 * The batch body may be sent as `text/plain` (no CORS preflight, beacon-friendly); it is parsed as
 * JSON either way. A batch is held to the {@link CollectorBudget} (by events, not requests) before
 * it is stored; a refused one answers 429 `rate_limited` with `Retry-After`, and nothing of it is stored.
 */
export function registerTelemetryApi(
  app: FastifyInstance,
  telemetry: TelemetryService,
  hostToken: string,
  budgetOptions: CollectorBudgetOptions = {},
  addressOf: (request: FastifyRequest) => string = (request) => request.ip,
): void {
  const budget = new CollectorBudget(budgetOptions);
  const refuse = (reply: FastifyReply, refusal: { message: string; retryAfter: number }) =>
    sendError(reply.header('retry-after', String(refusal.retryAfter)), { code: 'rate_limited', message: refusal.message });

  // The request budget is counted before the body is read.
  app.addHook('preParsing', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/api/telemetry') return;
    const refused = budget.request(addressOf(request));
    if (refused) {
      request.raw.resume();
      await refuse(reply, refused);
    }
  });

  route(app, '/api/telemetry', {
    POST: async (request, reply) => {
      const body = jsonBody(request);
      if (!body.ok) return sendResult(reply, body);
      // The budget is counted on the raw batch, before the costlier validation of every event.
      const events = (body.value as { events?: unknown } | null)?.events;
      if (Array.isArray(events) && events.length <= MAX_TELEMETRY_BATCH_EVENTS) {
        const allowed = budget.batch(
          addressOf(request),
          events.map((e: { room?: unknown } | null) => ({ room: String(e?.room) })),
        );
        if ('refused' in allowed) return refuse(reply, allowed.refused);
        if (!allowed.ok) return sendResult(reply, allowed);
      }
      const batch = parse(TelemetryBatchSchema, body.value, MAX_REST_BODY_BYTES);
      if (!batch.ok) return sendResult(reply, batch);
      return sendJson(reply, 200, await telemetry.ingest(batch.value.events));
    },
  });

  const hostRead =
    (handler: (room: string, reply: FastifyReply) => Promise<unknown>) => (request: FastifyRequest<{ Params: { room?: string } }>, reply: FastifyReply) => {
      if (!authorised(request.headers.authorization, hostToken))
        return sendError(reply, { code: 'unauthorized', message: 'send Authorization: Bearer <host token>' });
      const room = parse(RoomIdSchema, request.params.room);
      if (!room.ok) return sendResult(reply, room);
      return handler(room.value, reply);
    };

  route(app, '/api/rooms/:room/metrics', { GET: hostRead(async (room, reply) => sendJson(reply, 200, await telemetry.dashboard(room))) });
  for (const format of ['csv', 'ndjson'] as const) {
    route(app, `/api/rooms/:room/telemetry.${format}`, {
      GET: hostRead(async (room, reply) => {
        const records = await telemetry.records(room);
        return reply
          .code(200)
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="oncue-${room}-telemetry.${format}"`)
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .send(format === 'csv' ? toCsv(records) : toNdjson(records));
      }),
    });
  }
}
