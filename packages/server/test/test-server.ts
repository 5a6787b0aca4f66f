/**
 * Test fixtures: a real server on an ephemeral port with a real SQLite file in
 * a temporary folder, real socket.io clients, and `fetch` for REST. Everything
 * started here is closed after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import type {
  ActReceipt,
  ActRequestInput,
  InteractionSpecInput,
  InteractionView,
  PersonalState,
  PersonalUpdate,
  PollView,
  QuizView,
  Result,
  RoomSnapshot,
  RoomUpdate,
  Welcome,
} from '@oncue/protocol';
import { silentLogger, type Logger } from '../src/logger.js';
import { startServer, type OnCueServer, type OnCueServerOptions } from '../src/start-server.js';

export const HOST_TOKEN = 'test-host-token-0123456789';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  const pending = cleanups.splice(0).reverse();
  for (const cleanup of pending) await cleanup();
});

export interface ConnectOptions {
  room?: string;
  viewerToken?: string;
  hostToken?: string;
  /** Display name for leaderboards. */
  name?: string;
  /** How long the client waits before acking the server's `clock` probes (default 0; `null`: never acks). */
  clockAckDelayMs?: number | null;
  /** How long the client holds its engine.io heartbeat replies (pongs) before sending them (default 0), as a client gaming its measured round trip would. */
  pongDelayMs?: number;
  /** Connect here instead of the server (e.g. through a delaying proxy). */
  url?: string;
}

export interface TestClient {
  socket: Socket;
  welcome: Welcome;
  /** Latest interaction views, merged from the snapshot and every update. */
  views: Map<string, InteractionView>;
  /** What the server shows back of this viewer's own entries, by interaction (`RoomSnapshot.mine`). */
  mine: Record<string, unknown>;
  /** Version of the last snapshot or update applied. */
  version: number;
  updates: RoomUpdate[];
  snapshots: RoomSnapshot[];
  /** Personal state by interaction, from the snapshot and every `personal` event. */
  personal: Record<string, PersonalState>;
  /** Everything the socket received, in order (events with their payloads, and the answers to its own acks). */
  received: { event: string; payload: unknown }[];
  /** Emits with an ack and resolves with the `Result`. */
  request<T = unknown>(event: string, payload: unknown): Promise<Result<T>>;
  /** Sends a viewer action: `act` with `{ interaction, action, payload, key }` made from `request` (see {@link actRequest}). */
  act<T = ActReceipt>(action: string, request: ActionRequest): Promise<Result<T>>;
  poll(id: string): PollView | undefined;
  quiz(id: string): QuizView | undefined;
  /** Resolves once `predicate` holds (checked after every message). */
  waitFor(predicate: () => boolean, what?: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

export interface RestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  server: OnCueServer;
  dataFile: string;
  room: string;
  connectViewer(options?: ConnectOptions): Promise<TestClient>;
  connectHost(options?: ConnectOptions): Promise<TestClient>;
  /** Connects and answers the refusal (`connect_error`) instead of a client. */
  connectRefused(auth: unknown): Promise<{ message: string; data: any }>;
  rest<T = any>(
    method: string,
    path: string,
    init?: { body?: unknown; rawBody?: string; token?: string | null; headers?: Record<string, string> },
  ): Promise<RestResponse<T>>;
  /** Creates an interaction as the host over REST and answers its id. */
  createPoll(spec?: Partial<InteractionSpecInput> & Record<string, unknown>, room?: string): Promise<string>;
  /** `close()` then `startServer` again on the same data file (and the given overrides). */
  restart(overrides?: Partial<OnCueServerOptions>): Promise<void>;
}

export const POLL = { kind: 'poll', question: 'Best snack?', options: [{ label: 'Popcorn' }, { label: 'Nachos' }, { label: 'Fruit' }] } as const;

/** A viewer action as tests write it: the interaction, the key and the payload's fields side by side. */
export type ActionRequest = { interaction: string; key: string } & Record<string, unknown>;

/** The `act` envelope of an action written as {@link ActionRequest}: `{ interaction, action, payload: { …the rest }, key }`. */
export function actRequest(action: string, { interaction, key, ...payload }: ActionRequest): ActRequestInput {
  return { interaction, action, payload, key };
}

let keyCounter = 0;
/** A fresh idempotency key. */
export function newKey(): string {
  keyCounter += 1;
  return `key-${process.pid}-${Date.now().toString(36)}-${keyCounter}`;
}

export async function startTestServer(options: Partial<OnCueServerOptions> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'oncue-server-'));
  const dataFile = join(dir, 'oncue.db');
  // Tests open many anonymous viewers from 127.0.0.1: the per-address cap on new ones is off unless a test sets it.
  const baseOptions: OnCueServerOptions = {
    port: 0,
    hostToken: HOST_TOKEN,
    dataFile,
    tallyIntervalMs: 20,
    logger: silentLogger,
    anonymousViewers: false,
    ...options,
  };
  let server = await startServer(baseOptions);
  const clients = new Set<TestClient>();
  cleanups.push(async () => {
    for (const client of clients) client.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const room = 'test-room';

  const fixture: TestServer = {
    get server() {
      return server;
    },
    dataFile,
    room,
    async connectViewer(connectOptions = {}) {
      const client = await openClient(connectOptions.url ?? server.url, { room, ...connectOptions });
      clients.add(client);
      return client;
    },
    async connectHost(connectOptions = {}) {
      const client = await openClient(connectOptions.url ?? server.url, { room, hostToken: HOST_TOKEN, ...connectOptions });
      clients.add(client);
      return client;
    },
    connectRefused(auth) {
      return new Promise((resolve, reject) => {
        const socket = connect(server.url, { auth: auth as Record<string, unknown>, transports: ['websocket'], forceNew: true, reconnection: false });
        socket.on('connect', () => {
          socket.close();
          reject(new Error('the connection was accepted'));
        });
        socket.on('connect_error', (err: Error & { data?: unknown }) => {
          socket.close();
          resolve({ message: err.message, data: err.data });
        });
      });
    },
    async rest(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      const token = init.token === undefined ? HOST_TOKEN : init.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) body = JSON.stringify(init.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${server.url}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    async createPoll(spec = {}, inRoom = room) {
      const response = await fixture.rest('POST', `/api/rooms/${inRoom}/interactions`, { body: { ...POLL, ...spec } });
      if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id as string;
    },
    async restart(overrides = {}) {
      for (const client of clients) client.close();
      clients.clear();
      await server.close();
      server = await startServer({ ...baseOptions, ...overrides });
    },
  };
  return fixture;
}

function openClient(url: string, options: ConnectOptions): Promise<TestClient> {
  const { clockAckDelayMs = 0, pongDelayMs = 0, url: _url, ...auth } = options;
  const socket = connect(url, { auth: { ...auth }, transports: ['websocket'], forceNew: true, reconnection: false });
  if (pongDelayMs > 0) {
    // engine.io-client answers the server's heartbeat pings in `_sendPacket('pong')`: hold those replies.
    socket.io.on('open', () => {
      const engine = socket.io.engine as unknown as { _sendPacket(type: string, ...rest: unknown[]): void };
      const send = engine._sendPacket.bind(engine);
      engine._sendPacket = (type, ...rest) => {
        if (type === 'pong') setTimeout(() => send(type, ...rest), pongDelayMs);
        else send(type, ...rest);
      };
    });
  }
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  let welcome: Welcome | undefined;
  const client: TestClient = {
    socket,
    get welcome() {
      return welcome!;
    },
    views: new Map(),
    mine: {},
    version: -1,
    updates: [],
    snapshots: [],
    personal: {},
    received: [],
    act<T>(action: string, request: ActionRequest) {
      return client.request<T>('act', actRequest(action, request));
    },
    async request<T>(event: string, payload: unknown) {
      const result = (await socket.timeout(5000).emitWithAck(event, payload)) as Result<T>;
      client.received.push({ event: `ack:${event}`, payload: result });
      return result;
    },
    poll(id) {
      return client.views.get(id) as PollView | undefined;
    },
    quiz(id) {
      return client.views.get(id) as QuizView | undefined;
    },
    waitFor(predicate, what = 'the expected state', timeoutMs = 5000) {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      });
    },
    close() {
      socket.close();
    },
  };
  socket.onAny((event: string, ...args: unknown[]) => {
    client.received.push({ event, payload: args.find((a) => typeof a !== 'function') });
  });
  socket.on('clock', (_probe: unknown, ack: () => void) => {
    if (clockAckDelayMs === null) return;
    if (clockAckDelayMs === 0) ack();
    else setTimeout(ack, clockAckDelayMs);
  });
  socket.on('personal', (update: PersonalUpdate) => {
    client.personal = { ...client.personal, [update.interaction]: update.personal };
    notify();
  });
  socket.on('welcome', (w: Welcome) => {
    welcome = w;
    notify();
  });
  socket.on('snapshot', (snapshot: RoomSnapshot) => {
    client.snapshots.push(snapshot);
    client.views = new Map(snapshot.interactions.map((i) => [i.id, i]));
    client.mine = snapshot.mine;
    client.personal = { ...snapshot.personal };
    client.version = snapshot.version;
    notify();
  });
  socket.on('update', (update: RoomUpdate) => {
    client.updates.push(update);
    for (const view of update.interactions) client.views.set(view.id, view);
    client.version = update.version;
    notify();
  });
  return new Promise((resolve, reject) => {
    socket.on('connect_error', (err) => {
      socket.close();
      reject(err);
    });
    void client.waitFor(() => welcome !== undefined && client.snapshots.length > 0, 'welcome and snapshot').then(() => resolve(client), reject);
  });
}

/** A logger that remembers errors, for tests that check nothing unexpected happened. */
export function recordingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { info: () => {}, warn: () => {}, error: (msg, err) => errors.push(err ?? msg), errors };
}
