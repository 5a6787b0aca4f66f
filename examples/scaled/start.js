#!/usr/bin/env node
// `npm run start:scaled`: the demo in Redis mode (docs/scaling.md) on this machine: a redis-server started with the
// safe configuration (docs/redis.conf: AOF, appendfsync always, no eviction) on port 6390 with its files in
// .oncue-data/redis, and the server with two worker processes sharing port 8787 (ONCUE_WORKERS=2). Ctrl-C stops both.
// Needs `redis-server` on the PATH (Debian: apt-get install redis-server). Run `npm run build` first (the npm script does).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const port = process.env.ONCUE_DEMO_REDIS_PORT ?? '6390';
const dir = `${root}.oncue-data/redis`;
mkdirSync(dir, { recursive: true });

// Its own process group: a terminal's Ctrl-C reaches the server (which commits its writes to Redis) but not Redis,
// which is stopped once the server has exited.
const redis = spawn('redis-server', [`${root}docs/redis.conf`, '--port', port, '--dir', dir], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
redis.once('error', (err) => {
  console.error(`[oncue] could not start redis-server (${err.message}); install it (apt-get install redis-server)`);
  process.exit(1);
});
const server = spawn(process.execPath, [`${root}packages/server/dist/cli.js`], {
  stdio: 'inherit',
  env: { ONCUE_WORKERS: '2', ...process.env, ONCUE_REDIS_URL: `redis://127.0.0.1:${port}` },
});
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
};
// Ctrl-C in a terminal reaches the whole process group (the server's primary and workers included): nothing to pass on.
process.on('SIGINT', () => {});
process.on('SIGTERM', stop);
server.once('exit', (code) => {
  // The workers committed their writes; now Redis (SIGTERM: it fsyncs the AOF and exits).
  redis.kill('SIGTERM');
  redis.once('exit', () => process.exit(code ?? 0));
});
