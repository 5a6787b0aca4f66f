import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startServer } from '@oncue/server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ReadableAtom } from 'nanostores';
import type { PollView, QuizView } from '@oncue/protocol';
import { connect, memoryStorage, type ConnectionOptions, type KeyValueStorage, type RoomConnection } from '../src/index.js';

type RunningServer = Awaited<ReturnType<typeof startServer>>;

/** A real reference server on an ephemeral port, with its own data file; it can stop and come back on the same port. */
export interface TestServer {
  readonly url: string;
  readonly hostToken: string;
  /** The secret viewer tokens are signed with (an integrator's backend would know it). */
  readonly viewerSecret: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Ends every socket.io session from the server side (as a server would to shed clients). */
  disconnectEveryone(): void;
  dispose(): Promise<void>;
}

/** Starts the test server; `extra` server options (e.g. `kinds`: kinds a test adds) apply to every start. */
export async function startTestServer(extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'oncue-core-'));
  const dataFile = join(dir, 'oncue.db');
  const viewerSecret = `viewer-secret-${process.pid}-0123456789abcdefghijklmnop`;
  const options = { dataFile, hostToken: `host-token-${process.pid}`, viewerSecret, tallyIntervalMs: 10, logger: silentLogger, ...extra };
  let running: RunningServer | undefined = await startServer({ ...options, port: 0 });
  const { url, port, hostToken } = running;
  const stop = async (): Promise<void> => {
    const closing = running;
    running = undefined;
    await closing?.close();
  };
  return {
    url,
    hostToken,
    viewerSecret,
    stop,
    async restart() {
      running ??= await startServer({ ...options, port });
    },
    disconnectEveryone() {
      running?.io.disconnectSockets(true);
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fast reconnection and acks for tests. */
export const FAST = { reconnectionDelayMs: 50, reconnectionDelayMaxMs: 200, ackTimeoutMs: 2000 } satisfies Partial<ConnectionOptions>;

let roomCount = 0;
/** A room name no other test uses. */
export function freshRoom(): string {
  return `room-${process.pid}-${++roomCount}`;
}

/** Collects connections and releases them after each test. */
export class Connections {
  private readonly open: RoomConnection[] = [];

  viewer(server: TestServer, room: string, storage: KeyValueStorage = memoryStorage(), options: Partial<ConnectionOptions> = {}): RoomConnection {
    return this.add(connect({ server: server.url, room, storage, ...FAST, ...options }));
  }

  host(server: TestServer, room: string, options: Partial<ConnectionOptions> = {}): RoomConnection {
    return this.add(connect({ server: server.url, room, storage: memoryStorage(), hostToken: server.hostToken, ...FAST, ...options }));
  }

  add(conn: RoomConnection): RoomConnection {
    this.open.push(conn);
    return conn;
  }

  releaseAll(): void {
    for (const conn of this.open.splice(0)) conn.release();
  }
}

/** Resolves with the store's value once `predicate` holds (at once if it already does). */
export function until<T>(store: ReadableAtom<T>, predicate: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      unsubscribe?.();
      reject(new Error(`timed out waiting; last value: ${JSON.stringify(store.get())}`));
    }, timeoutMs);
    unsubscribe = store.subscribe((value) => {
      if (done || !predicate(value)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe?.());
      resolve(value);
    });
    if (done) unsubscribe();
  });
}

/** A live poll with two options, created by the host. */
export async function createPoll(host: RoomConnection, extra: Record<string, unknown> = {}): Promise<PollView> {
  await until(host.$connection, (state) => state === 'open');
  const result = await host.createInteraction({ kind: 'poll', question: 'Tea or coffee?', options: [{ label: 'Tea' }, { label: 'Coffee' }], ...extra });
  if (!result.ok) throw new Error(`createInteraction failed: ${result.error.code} ${result.error.message}`);
  return result.value as PollView;
}

/** A live quiz created by the host: two questions by default, the first open at once. */
export async function createQuiz(host: RoomConnection, extra: Record<string, unknown> = {}): Promise<QuizView> {
  await until(host.$connection, (state) => state === 'open');
  const result = await host.createInteraction({
    kind: 'quiz',
    questions: [
      { prompt: 'Two plus two?', options: [{ label: '3' }, { label: '4' }], correct: 1, seconds: 30 },
      { prompt: 'Largest planet?', options: [{ label: 'Jupiter' }, { label: 'Mars' }], correct: 0, seconds: 30 },
    ],
    ...extra,
  });
  if (!result.ok) throw new Error(`createInteraction failed: ${result.error.code} ${result.error.message}`);
  return result.value as QuizView;
}

/** The tally of one interaction as a connection sees it. */
export function tallyOf(conn: RoomConnection, id: string): number[] | undefined {
  const view = conn.$room.get().interactions.find((i) => i.id === id);
  return view?.kind === 'poll' ? view.tally : undefined;
}

/**
 * One real server for the enclosing `describe` block: started before its
 * tests (handed to `onStart`), disposed after them; the returned
 * {@link Connections} are released after each test, then `afterEachTest` runs.
 */
export function useTestServer(onStart: (server: TestServer) => void, afterEachTest?: (server: TestServer) => Promise<void>): Connections {
  const conns = new Connections();
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    onStart(server);
  });
  afterEach(async () => {
    conns.releaseAll();
    if (server && afterEachTest) await afterEachTest(server);
  });
  afterAll(() => server?.dispose());
  return conns;
}
