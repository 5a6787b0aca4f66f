import cluster, { type Worker } from 'node:cluster';

/** What the primary sends a worker to make it stop gracefully (`cli.ts`). */
export const STOP_MESSAGE = 'oncue:stop';

/** A worker that dies within this long of its start is not started again at once (a crash loop backs off). */
const QUICK_DEATH_MS = 5_000;

/**
 * `ONCUE_WORKERS=N` (docs/scaling.md): this primary process starts N workers that each run the server (the same
 * script) and share its port (Node's `cluster`: the SDK is WebSocket-only, so no sticky sessions are needed). A worker
 * that dies is replaced; SIGINT/SIGTERM stop every worker gracefully (each commits its pending writes), then the
 * primary exits.
 */
export function runWorkers(count: number): void {
  let stopping = false;
  const startedAt = new Map<Worker, number>();
  const fork = (): void => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
  };
  for (let i = 0; i < count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    console.error(`[oncue] worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    if (lived < QUICK_DEATH_MS) setTimeout(fork, QUICK_DEATH_MS);
    else fork();
  });
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.log(`${signal} again: exiting without waiting`);
      for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping ${startedAt.size} workers (each commits its pending writes)…`);
    // A message rather than the signal: a terminal's Ctrl-C already reached the workers, and a second signal tells a
    // worker to exit without waiting.
    for (const worker of startedAt.keys()) worker.send(STOP_MESSAGE);
    if (startedAt.size === 0) process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
