import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail, HostGoalCancelRequestSchema, IdempotencyKeySchema, ok, parse, RoomIdSchema, type Result } from '@oncue/protocol';
import { jsonBody, sendError, sendResult } from '../../transport/http-reply.js';
import { authorised, routeWith } from '../../transport/rest-api.js';
import type { MilestoneRoutesContext } from '../milestones.js';
import type { RoomGoals } from './room-goals.js';

type Params = { room?: string; goal?: string };
type Request = FastifyRequest<{ Params: Params }>;

/**
 * The goals' REST routes (host token, like rest-api.ts; errors `{ "error": { code, message } }`):
 *
 *     POST /api/rooms/:room/goals                 sets a goal (body: GoalSpec; optional `Idempotency-Key`); creates the room; 201
 *     GET  /api/rooms/:room/goals                 `{ room, goals }`, oldest first
 *     GET  /api/rooms/:room/goals/:goal           one goal
 *     POST /api/rooms/:room/goals/:goal/cancel    cancels an active goal
 */
export function registerGoalRoutes(app: FastifyInstance, goals: RoomGoals, { hostToken, rate }: MilestoneRoutesContext): void {
  const host =
    (handler: (target: { room: string; goal: string }, request: Request, reply: FastifyReply) => Promise<unknown> | unknown) =>
    (request: Request, reply: FastifyReply) => {
      if (!authorised(request.headers.authorization, hostToken))
        return sendError(reply, { code: 'unauthorized', message: 'send Authorization: Bearer <host token>' });
      const target = parseTarget(request.params);
      if (!target.ok) return sendResult(reply, target);
      return handler(target.value, request, reply);
    };

  routeWith(
    app,
    '/api/rooms/:room/goals',
    {
      GET: host(({ room }, _request, reply) => {
        const list = goals.list(room);
        return sendResult(reply, list.ok ? ok({ room, goals: list.value }) : list);
      }),
      POST: host(async ({ room }, request, reply) => {
        const key = idempotencyKey(request);
        if (!key.ok) return sendResult(reply, key);
        const body = jsonBody(request);
        if (!body.ok) return sendResult(reply, body);
        return sendResult(reply, await goals.create(room, body.value, key.value), 201);
      }),
    },
    rate,
  );

  routeWith(app, '/api/rooms/:room/goals/:goal', { GET: host(({ room, goal }, _request, reply) => sendResult(reply, goals.get(room, goal))) }, rate);

  routeWith(
    app,
    '/api/rooms/:room/goals/:goal/cancel',
    { POST: host(async ({ room, goal }, _request, reply) => sendResult(reply, await goals.cancel(room, goal))) },
    rate,
  );
}

function parseTarget(params: Params): Result<{ room: string; goal: string }> {
  const room = parse(RoomIdSchema, params.room);
  if (!room.ok) return room;
  if (params.goal === undefined) return ok({ room: room.value, goal: '' });
  const goal = parse(HostGoalCancelRequestSchema.entries.goal, params.goal);
  return goal.ok ? ok({ room: room.value, goal: goal.value }) : fail('unknown_goal', `no goal ${params.goal} in room ${room.value}`);
}

/** The optional `Idempotency-Key` header. */
function idempotencyKey(request: FastifyRequest): Result<string | undefined> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return ok(undefined);
  const key = parse(IdempotencyKeySchema, Array.isArray(header) ? header[0] : header);
  return key.ok ? key : fail('bad_request', `Idempotency-Key: ${key.error.message}`);
}
