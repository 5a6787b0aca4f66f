import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ChannelMilestonesSchema,
  fail,
  MAX_REST_BODY_BYTES,
  ok,
  parse,
  RoomIdSchema,
  type ChannelMilestones,
  type OnCueError,
  type Result,
} from '@oncue/protocol';
import { jsonBody, sendError, sendResult } from '../../transport/http-reply.js';
import { authorised, routeWith } from '../../transport/rest-api.js';
import { registerJwks } from '../credential/jwks-route.js';
import type { BadgeSigner } from '../credential/badge-signer.js';
import type { MilestoneRoutesContext } from '../milestones.js';
import type { ChannelProgress } from './channel-progress.js';

type Params = { channel?: string; room?: string };

/**
 * The REST routes of progress, rewards and the badge credential (docs/milestones.md):
 *
 *     GET  /api/channels/:channel/milestones     the channel's tiers, rewards and rules (the defaults until set)
 *     POST /api/channels/:channel/milestones     replaces them (a rule naming an unknown reward: bad_request)
 *     GET  /api/channels/:channel/rewards.csv    every reward issued in the channel, with claims
 *     GET  /api/rooms/:room/flagged              viewers of the room whose rewards are held back, with the reasons
 *     GET  /.well-known/jwks.json                (no auth) the public key of badge credentials
 */
export function registerProgressRoutes(app: FastifyInstance, context: MilestoneRoutesContext, progress: ChannelProgress, signer: BadgeSigner): void {
  const { hostToken, rate } = context;
  const host =
    (id: 'channel' | 'room', handler: (target: string, request: FastifyRequest, reply: FastifyReply) => unknown) =>
    (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      if (!authorised(request.headers.authorization, hostToken))
        return sendError(reply, { code: 'unauthorized', message: 'send Authorization: Bearer <host token>' });
      const target = parseId(id, request.params[id]);
      if (!target.ok) return sendResult(reply, target);
      return handler(target.value, request, reply);
    };

  routeWith(
    app,
    '/api/channels/:channel/milestones',
    {
      GET: host('channel', (channel, _request, reply) => sendResult(reply, ok({ channel, ...progress.settingsOf(channel) }))),
      POST: host('channel', async (channel, request, reply) => {
        const body = jsonBody(request);
        if (!body.ok) return sendResult(reply, body);
        const settings = parse(ChannelMilestonesSchema, body.value, MAX_REST_BODY_BYTES);
        if (!settings.ok) return sendResult(reply, settings);
        const misplaced = badgeOutsideEvery(settings.value);
        if (misplaced) return sendError(reply, misplaced);
        const stored = await progress.setSettings(channel, settings.value);
        return sendResult(reply, stored.ok ? ok({ channel, ...stored.value }) : stored);
      }),
    },
    rate,
  );

  routeWith(
    app,
    '/api/channels/:channel/rewards.csv',
    {
      GET: host('channel', (channel, _request, reply) =>
        reply
          .code(200)
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="${channel}-rewards.csv"`)
          .type('text/csv; charset=utf-8')
          .send(progress.rewardsCsv(channel)),
      ),
    },
    rate,
  );

  routeWith(
    app,
    '/api/rooms/:room/flagged',
    { GET: host('room', (room, _request, reply) => sendResult(reply, ok({ room, flagged: progress.flaggedIn(room) }))) },
    rate,
  );

  registerJwks(app, signer, rate);
}

/** A badge is given per tier, so only by an `every` rule: another rule naming one is refused (it would never give it). */
function badgeOutsideEvery(settings: ChannelMilestones): OnCueError | undefined {
  const at = settings.rules.findIndex((rule) => rule.when.type !== 'every' && settings.rewards.find((r) => r.id === rule.reward)?.type === 'badge');
  return at < 0
    ? undefined
    : { code: 'bad_request', message: `rules.${at}.reward: a badge is given by an every rule (one per tier), not by ${settings.rules[at]!.when.type}` };
}

/** A channel is a room id's prefix, so it has a room id's syntax. */
function parseId(what: 'channel' | 'room', value: string | undefined): Result<string> {
  const parsed = parse(RoomIdSchema, value);
  return parsed.ok ? parsed : fail('bad_request', `${what}: ${parsed.error.message.replace(/^room:?\s*/, '')}`);
}
