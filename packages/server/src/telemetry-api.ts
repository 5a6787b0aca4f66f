import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_REST_BODY_BYTES, parse, RoomIdSchema, TelemetryBatchSchema } from '@oncue/protocol';
import { CORS_HEADERS, readJsonBody, sendError, sendJson } from './http-json.js';
import { authorised } from './rest-api.js';
import { TokenBucket, type TokenBucketRate } from './rate-limiter.js';
import type { TelemetryService } from './telemetry-service.js';
import { toCsv, toNdjson } from './telemetry-export.js';

/**
 * Telemetry requests per client address (token bucket): generous, since a venue's viewers may share
 * one address behind NAT (a reporter sends about one request per 5 s), but a wall for floods.
 */
export const TELEMETRY_RATE: TokenBucketRate = { ratePerSecond: 50, burst: 200 };

/** Lets a cross-origin reporter read `Retry-After`. */
const EXPOSE = { 'Access-Control-Expose-Headers': 'Retry-After' };
const ROOM_ROUTE = /^\/api\/rooms\/([^/]+)\/(metrics|telemetry\.csv|telemetry\.ndjson)$/;

/**
 * The collector's HTTP routes; resolves `false` for any other path (the REST API takes it):
 *
 *     POST /api/telemetry                        a batch from a reporter (no auth: viewers send it)
 *     GET  /api/rooms/:room/metrics              metrics and alerts (host token)
 *     GET  /api/rooms/:room/telemetry.csv        every stored event of the room (host token)
 *     GET  /api/rooms/:room/telemetry.ndjson
 *
 * The batch body may be sent as `text/plain` (no CORS preflight, beacon-friendly); it is parsed as JSON either way.
 */
export function createTelemetryApi(telemetry: TelemetryService, hostToken: string, rate: TokenBucketRate | false = TELEMETRY_RATE) {
  const buckets = new Map<string, TokenBucket>();
  /** One bucket per client address; the map is emptied when it grows large (a flood of addresses only resets the limits). */
  const allowed = (req: IncomingMessage): boolean => {
    if (!rate) return true;
    const address = req.socket.remoteAddress ?? '';
    let bucket = buckets.get(address);
    if (!bucket) {
      if (buckets.size >= 10_000) buckets.clear();
      buckets.set(address, (bucket = new TokenBucket(rate)));
    }
    return bucket.take();
  };
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const method = req.method ?? 'GET';
    if (pathname === '/api/telemetry') {
      if (method === 'OPTIONS') return false;
      if (method !== 'POST') {
        sendJson(res, 405, { error: { code: 'bad_request', message: 'method not allowed; use POST' } }, { Allow: 'POST', ...EXPOSE });
        return true;
      }
      if (!allowed(req)) {
        req.resume();
        sendError(res, { code: 'rate_limited', message: 'too many telemetry requests; retry later' }, { 'Retry-After': '1', ...EXPOSE });
        return true;
      }
      const body = await readJsonBody(req, MAX_REST_BODY_BYTES);
      const batch = body.ok ? parse(TelemetryBatchSchema, body.value, MAX_REST_BODY_BYTES) : body;
      if (!batch.ok) {
        sendError(res, batch.error, batch.error.code === 'payload_too_large' ? { Connection: 'close', ...EXPOSE } : EXPOSE);
        return true;
      }
      sendJson(res, 200, await telemetry.ingest(batch.value.events), EXPOSE);
      return true;
    }
    const match = ROOM_ROUTE.exec(pathname);
    if (!match || method === 'OPTIONS') return false;
    if (method !== 'GET') {
      sendJson(res, 405, { error: { code: 'bad_request', message: 'method not allowed; use GET' } }, { Allow: 'GET' });
      return true;
    }
    if (!authorised(req.headers.authorization, hostToken)) {
      sendError(res, { code: 'unauthorized', message: 'send Authorization: Bearer <host token>' });
      return true;
    }
    let decoded = match[1]!;
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // keep it raw: validation refuses it
    }
    const room = parse(RoomIdSchema, decoded);
    if (!room.ok) {
      sendError(res, room.error);
      return true;
    }
    if (match[2] === 'metrics') {
      sendJson(res, 200, await telemetry.dashboard(room.value));
      return true;
    }
    const csv = match[2] === 'telemetry.csv';
    const records = await telemetry.records(room.value);
    const text = csv ? toCsv(records) : toNdjson(records);
    res.writeHead(200, {
      ...CORS_HEADERS,
      'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="oncue-${room.value}-telemetry.${csv ? 'csv' : 'ndjson'}"`,
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-store',
    });
    res.end(text);
    return true;
  };
}
