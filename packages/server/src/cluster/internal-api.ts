import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokensEqual } from '../identity/host-token.js';
import type { Logger } from '../logger.js';

/**
 * The calls one server process forwards to the process that owns a channel (docs/scaling.md), over HTTP on an
 * internal address, authenticated by the cluster's shared secret (kept in Redis).
 *
 *     POST /rooms  { channel, calls: RoomCall[] }  →  { answers: ({ result } | { moved: true })[] }
 *     POST /http   { channel, call: HttpCall }     →  HttpAnswer | { moved: true }
 *
 * `moved`: this process does not own the channel (any more); the caller asks Redis again. The calls of one turn to
 * one owner travel in one request.
 */

/** A call of the `RoomApi` (method name and its JSON arguments). */
export interface RoomCall {
  method: 'snapshot' | 'act' | 'create' | 'step' | 'setStatus' | 'hostEvent';
  args: unknown[];
}

/** A REST request as the public app received it. */
export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** base64 */
  body?: string;
  remoteAddress: string;
}

/** The answer to an {@link HttpCall}. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string | string[]>;
  /** base64 */
  body: string;
}

export type RoomAnswer = { result: unknown } | { moved: true };

export interface InternalApiHandlers {
  rooms(channel: string, calls: readonly RoomCall[]): Promise<RoomAnswer[]>;
  http(channel: string, call: HttpCall): Promise<HttpAnswer | { moved: true }>;
}

/** The largest forwarded request body (50 calls of at most a REST body each, with room to spare). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Starts the internal API on `host` (a free port); answers its URL. */
export async function startInternalApi(options: {
  host: string;
  secret: string;
  logger: Logger;
  handlers: InternalApiHandlers;
}): Promise<{ url: string; close(): Promise<void> }> {
  const { secret, logger, handlers } = options;
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || !tokensEqual(request.headers.authorization?.replace(/^Bearer /, '') ?? '', secret)) {
      response.writeHead(request.method === 'POST' ? 401 : 405).end();
      return;
    }
    readJson(request)
      .then(
        async (body) => {
          const { channel } = body as { channel: string };
          if (request.url === '/rooms') return send(response, { answers: await handlers.rooms(channel, (body as { calls: RoomCall[] }).calls) });
          if (request.url === '/http') return send(response, await handlers.http(channel, (body as { call: HttpCall }).call));
          response.writeHead(404).end();
        },
        (err: unknown) => {
          logger.warn(`internal call refused: ${err instanceof Error ? err.message : String(err)}`);
          if (!response.headersSent) response.writeHead(400).end();
        },
      )
      .catch((err: unknown) => {
        logger.error('internal call failed', err);
        if (!response.headersSent) response.writeHead(500).end();
      });
  });
  server.keepAliveTimeout = 60_000;
  // `exclusive`: a cluster worker gets a port of its own, not one shared by all workers (Node's cluster shares `listen(0)`).
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: 0, exclusive: true }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** How long a forwarded call may take before the caller answers `internal` (the client retries with the same key). */
const CALL_TIMEOUT_MS = 5_000;

/** Sends forwarded calls; the room calls of one turn to one owner and channel go in one request. */
export class InternalClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  private readonly batches = new Map<string, { url: string; channel: string; calls: RoomCall[]; settle: ((answer: RoomAnswer | Error) => void)[] }>();

  constructor(private readonly secret: string) {}

  /** Forwards one room call; resolves with its answer (or `moved`), rejects when the owner does not answer. */
  room(url: string, channel: string, call: RoomCall): Promise<RoomAnswer> {
    const id = `${url} ${channel}`;
    let batch = this.batches.get(id);
    if (!batch) {
      batch = { url, channel, calls: [], settle: [] };
      this.batches.set(id, batch);
      const sending = batch;
      setImmediate(() => {
        this.batches.delete(id);
        this.post(url, '/rooms', { channel, calls: sending.calls }).then(
          (body) => {
            const answers = (body as { answers: RoomAnswer[] }).answers;
            sending.settle.forEach((settle, i) => settle(answers[i] ?? new Error('no answer')));
          },
          (err: Error) => sending.settle.forEach((settle) => settle(err)),
        );
      });
    }
    batch.calls.push(call);
    return new Promise((resolve, reject) => batch.settle.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer))));
  }

  /** Forwards one REST request. */
  async http(url: string, channel: string, call: HttpCall): Promise<HttpAnswer | { moved: true }> {
    return (await this.post(url, '/http', { channel, call })) as HttpAnswer | { moved: true };
  }

  close(): void {
    this.agent.destroy();
  }

  private post(url: string, path: string, body: unknown): Promise<unknown> {
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        `${url}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          timeout: CALL_TIMEOUT_MS,
          headers: { authorization: `Bearer ${this.secret}`, 'content-type': 'application/json', 'content-length': payload.length },
        },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            reject(new Error(`the owner answered ${response.statusCode}`));
            return;
          }
          readJson(response).then(resolve, reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer in ${CALL_TIMEOUT_MS} ms`)));
      request.on('error', reject);
      request.end(payload);
    });
  }
}

function send(response: ServerResponse, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }).end(payload);
}

function readJson(stream: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stream.destroy();
        reject(new Error('body too large'));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(err as Error);
      }
    });
    stream.on('error', reject);
  });
}
