import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { MAX_REST_BODY_BYTES } from '@oncue/protocol';
import { clientAddress, type AddressedRequest as AddressedRequestLike, type TrustProxy } from './client-address.js';
import type { CollectorBudgetOptions } from '../telemetry/collector-budget.js';
import { sendError, sendJson } from './http-reply.js';
import type { Logger } from '../logger.js';
import { registerRestApi, type RestApiOptions } from './rest-api.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerStaticRoutes, type StaticRoute } from './static-routes.js';
import { registerTelemetryApi } from '../telemetry/telemetry-api.js';
import type { TelemetryService } from '../telemetry/telemetry-service.js';

export interface HttpAppOptions extends Omit<RestApiOptions, 'service'> {
  /** The rooms whose REST API the app serves (unless `forwardRooms`). */
  service?: RestApiOptions['service'];
  logger: Logger;
  telemetry: TelemetryService;
  collector?: CollectorBudgetOptions;
  staticRoutes?: readonly StaticRoute[];
  /** CSP `frame-ancestors` sources of the `frameable` pages. */
  frameAncestors?: readonly string[];
  /** Whether per-address limits believe `X-Forwarded-For` (the same rule as the socket side's). */
  trustProxy?: TrustProxy;
  /**
   * Registers, instead of the REST API of `service`, routes that forward the rooms' and channels' requests to the
   * process that runs them (Redis mode: `ClusterRooms.registerForwarding`).
   */
  forwardRooms?: (app: FastifyInstance) => void;
}

/**
 * The HTTP side on Fastify: the REST API, the telemetry collector and the static pages, with
 * security headers (`@fastify/helmet`), CORS for the API (`@fastify/cors`: any origin, bearer
 * tokens, no cookies), compression (`@fastify/compress`) and static files (`@fastify/static`).
 * socket.io is attached to `app.server` by the caller.
 *
 * Fastify's own logger stays off: request URLs carry host tokens (`/host?token=…`), and the
 * project's {@link Logger} logs only failures, never URLs with their query.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: MAX_REST_BODY_BYTES, routerOptions: { maxParamLength: 500 }, return503OnClosing: false });
  setUpApi(app, options.logger);
  await registerSecurityHeaders(app);
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
    strictPreflight: false,
  });
  await app.register(compress, { global: true, threshold: 1024 });
  const addressOf = await registerRateLimit(app, options.trustProxy);

  if (options.forwardRooms) options.forwardRooms(app);
  else if (options.service) registerRestApi(app, { ...options, service: options.service });
  else throw new Error('the app needs the rooms (service) or routes that forward to them (forwardRooms)');
  registerTelemetryApi(app, options.telemetry, options.hostToken, options.collector, addressOf);
  await registerStaticRoutes(app, options.staticRoutes ?? [], { frameAncestors: options.frameAncestors });
  return app;
}

/**
 * The REST API of the rooms of one process that owns them (a channel's, on Redis), without the public app's
 * headers, CORS, compression, collector and pages: the public app of whichever process a request reached forwards
 * it here (`app.inject`), and sends the answer back through its own (`ClusterRooms`).
 */
export async function createRestApp(options: RestApiOptions & { logger: Logger; trustProxy?: TrustProxy }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: MAX_REST_BODY_BYTES, routerOptions: { maxParamLength: 500 }, return503OnClosing: false });
  setUpApi(app, options.logger);
  await registerRateLimit(app, options.trustProxy);
  registerRestApi(app, options);
  await app.ready();
  return app;
}

/** Bodies read as bytes (routes parse and validate them), and errors answered in the protocol's shape. */
function setUpApi(app: FastifyInstance, logger: Logger): void {
  // Every body is read as bytes and parsed by the route (`jsonBody`) and validated with valibot:
  // a beacon's `text/plain` batch is JSON too, and the error bodies stay the protocol's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply.header('connection', 'close'), {
        code: 'payload_too_large',
        message: `the body is larger than the limit of ${MAX_REST_BODY_BYTES} bytes`,
      });
    }
    if (error.statusCode === 429) {
      // From `@fastify/rate-limit` (which set Retry-After).
      return sendError(reply, { code: 'rate_limited', message: 'too many requests from this address; retry later' });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, { code: 'bad_request', message: error.message });
    }
    logger.error(`${request.method} ${request.routeOptions.url ?? 'unknown route'} failed`, error);
    return sendError(reply, { code: 'internal', message: 'unexpected server error' });
  });
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!;
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      // The protocol has no `not_found` code: the body says `bad_request`.
      return sendJson(reply, 404, { error: { code: 'bad_request', message: `no route ${request.method} ${pathname}` } });
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
  });
}

/**
 * Per-address limits on the routes that ask for one (`config.rateLimit`: the REST API); the collector counts events
 * itself. One address rule for every per-address limit, HTTP and socket alike. Answers that rule.
 */
async function registerRateLimit(app: FastifyInstance, trustProxy: TrustProxy | undefined): Promise<(request: { raw: AddressedRequestLike }) => string> {
  const addressOf = (request: { raw: AddressedRequestLike }): string => clientAddress(request.raw, trustProxy ?? false);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: addressOf,
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
  });
  return addressOf;
}
