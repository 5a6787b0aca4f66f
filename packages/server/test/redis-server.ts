/**
 * Test fixture: a real `redis-server` on a free loopback port, with its data (the AOF) in a temporary folder.
 * Every process started here is killed, and its folder removed, after each test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach } from 'vitest';

export interface RedisProcess {
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Its working folder (the AOF lives here). */
  dir: string;
  /** Stops it gracefully (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills it at once (SIGKILL), as a crash would, and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder (reading its AOF back), and waits until it answers PING. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open but nothing is answered, as with a hung Redis or lost packets. */
  pause(): void;
  /** Lets a paused Redis go on (SIGCONT). */
  resume(): void;
}

export interface StartRedisOptions {
  /** AOF fsync policy (default `always`: every write is on disk before Redis answers it). */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** More `redis-server` arguments (e.g. `['--maxmemory', '2mb']`). */
  args?: string[];
}

const running = new Set<ChildProcess>();
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all([...running].map((child) => exitOf(child, 'SIGKILL')));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts a real redis-server (AOF on, no RDB snapshots, loopback only) and resolves once it answers PING. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'oncue-redis-'));
  dirs.push(dir);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'];
  args.push('--appendfsync', options.appendfsync ?? 'always', ...(options.args ?? []));
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    running.add(started);
    let output = '';
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.once('exit', () => running.delete(started));
    try {
      await waitForPing(port, started);
    } catch (err) {
      await exitOf(started, 'SIGKILL');
      throw new Error(`redis-server did not start on port ${port}: ${(err as Error).message}\n${output}`);
    }
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop: () => (child ? exitOf(child, 'SIGTERM') : Promise.resolve()),
    kill: () => (child ? exitOf(child, 'SIGKILL') : Promise.resolve()),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    restart: async () => {
      if (child) await exitOf(child, 'SIGTERM');
      await launch();
    },
  };
}

async function waitForPing(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode})`);
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch {
      // not up yet (or still loading its AOF)
    } finally {
      probe.disconnect();
    }
    if (Date.now() > deadline) throw new Error('no PONG in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exitOf(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    if (signal !== 'SIGKILL') child.kill('SIGCONT'); // a paused (SIGSTOPped) process only acts on SIGTERM once it runs
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
