#!/usr/bin/env node
/**
 * `node packages/server/dist/cli.js` (`oncue-server` once installed): runs the OnCue server, with the demo pages in
 * the repository, and the script-tag SDK at `/sdk/` when `@oncue/widgets` is built or installed beside it.
 *
 * Environment: `PORT` (8787), `HOST` (0.0.0.0), `ONCUE_HOST_TOKEN` (generated
 * and printed when unset; never printed when set), `ONCUE_DATA_FILE` (.oncue-data/oncue.db), `ONCUE_ALERT_WEBHOOK`
 * (URL telemetry alerts are POSTed to), `ONCUE_ALERT_MIN_VIEWERS` (viewers a bucket needs before participation and
 * deviation alerts fire, default 20), `ONCUE_METRICS_BUCKET_MS` (metrics bucket, default 60000),
 * `ONCUE_FRAME_ANCESTORS` (space-separated CSP sources that may frame the stream page, e.g.
 * `https://streamer.example`; default none), `ONCUE_SHARED_ADDRESS_VIEWERS` (viewers per address before the credit
 * signal flags them, default 20), `ONCUE_CREDENTIAL_ISSUER` (`iss` of badge credentials, default `oncue`),
 * and the limits read by `budgetOptionsFromEnv` (docs/server.md, "Limits").
 *
 * Scale-out (docs/scaling.md): `ONCUE_REDIS_URL` (Redis mode: all state in Redis, several processes share the rooms),
 * `ONCUE_WORKERS` (worker processes on this machine sharing the port, default 1; more than 1 needs Redis),
 * `ONCUE_INTERNAL_HOST` (the address other processes reach this one at, default 127.0.0.1: set it to this machine's
 * private address when processes run on several machines).
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { budgetOptionsFromEnv } from './budget-env.js';
import { DEFAULT_DATA_FILE, DEFAULT_PORT, startServer } from './start-server.js';
import { startupBanner } from './startup-banner.js';
import { runWorkers, STOP_MESSAGE } from './cluster/run-workers.js';

// In the repository, cli.ts (src/) and cli.js (dist/) both sit two levels below packages/server, and the demo pages
// are under examples/. An installed server (node_modules/@oncue/server) has no demo pages: it serves only the API
// and the SDK.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const demoPages = [
  { path: '/', file: join(root, 'examples/stream-page/index.html'), frameable: true },
  { path: '/host', file: join(root, 'examples/host-console/index.html') },
  { path: '/dashboard', file: join(root, 'examples/dashboard/index.html') },
  { path: '/gallery', file: join(root, 'examples/gallery/index.html') },
].filter((page) => existsSync(page.file));

/**
 * The folder `/sdk/` serves: the built script-tag SDK of the `@oncue/widgets` this server resolves (the workspace's
 * packages/widgets in the repository, `node_modules/@oncue/widgets` when both packages are installed), or none.
 */
function sdkFolder(): string | undefined {
  try {
    const dist = join(dirname(createRequire(import.meta.url).resolve('@oncue/widgets/package.json')), 'dist');
    return existsSync(join(dist, 'oncue.min.js')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const workers = process.env.ONCUE_WORKERS ? Number(process.env.ONCUE_WORKERS) : 1;
  if (!(Number.isInteger(workers) && workers >= 1))
    throw new Error(`ONCUE_WORKERS must be a whole number of processes, 1 or more, not ${process.env.ONCUE_WORKERS}`);
  const redisUrl = process.env.ONCUE_REDIS_URL || undefined;
  if (workers > 1 && !redisUrl) throw new Error('ONCUE_WORKERS above 1 needs ONCUE_REDIS_URL: processes share rooms through Redis (docs/scaling.md)');
  if (workers > 1 && cluster.isPrimary) {
    runWorkers(workers);
    return;
  }
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  const presetToken = process.env.ONCUE_HOST_TOKEN || undefined;
  const bucketMs = process.env.ONCUE_METRICS_BUCKET_MS ? Number(process.env.ONCUE_METRICS_BUCKET_MS) : undefined;
  if (bucketMs !== undefined && !(Number.isInteger(bucketMs) && bucketMs >= 1000)) {
    throw new Error(`ONCUE_METRICS_BUCKET_MS must be a whole number of milliseconds, at least 1000, not ${process.env.ONCUE_METRICS_BUCKET_MS}`);
  }
  const alertMinViewers = process.env.ONCUE_ALERT_MIN_VIEWERS ? Number(process.env.ONCUE_ALERT_MIN_VIEWERS) : undefined;
  if (alertMinViewers !== undefined && !(Number.isInteger(alertMinViewers) && alertMinViewers >= 0)) {
    throw new Error(`ONCUE_ALERT_MIN_VIEWERS must be a whole number of viewers, 0 or more, not ${process.env.ONCUE_ALERT_MIN_VIEWERS}`);
  }
  const retentionDays = process.env.ONCUE_TELEMETRY_RETENTION_DAYS ? Number(process.env.ONCUE_TELEMETRY_RETENTION_DAYS) : undefined;
  if (retentionDays !== undefined && !(retentionDays > 0)) {
    throw new Error(`ONCUE_TELEMETRY_RETENTION_DAYS must be a number of days above 0, not ${process.env.ONCUE_TELEMETRY_RETENTION_DAYS}`);
  }
  const sharedAddressViewers = process.env.ONCUE_SHARED_ADDRESS_VIEWERS ? Number(process.env.ONCUE_SHARED_ADDRESS_VIEWERS) : undefined;
  if (sharedAddressViewers !== undefined && !(Number.isInteger(sharedAddressViewers) && sharedAddressViewers >= 1)) {
    throw new Error(`ONCUE_SHARED_ADDRESS_VIEWERS must be a whole number of viewers, 1 or more, not ${process.env.ONCUE_SHARED_ADDRESS_VIEWERS}`);
  }
  const sdk = sdkFolder();
  if (!sdk && (cluster.isPrimary || cluster.worker?.id === 1))
    console.log('[oncue] no built @oncue/widgets found: /sdk/ is not served (install @oncue/widgets beside @oncue/server)');
  const server = await startServer({
    sharedAddressViewers,
    credentialIssuer: process.env.ONCUE_CREDENTIAL_ISSUER || undefined,
    port,
    host: process.env.HOST || '0.0.0.0',
    hostToken: presetToken,
    dataFile: process.env.ONCUE_DATA_FILE || DEFAULT_DATA_FILE,
    redisUrl,
    internalHost: process.env.ONCUE_INTERNAL_HOST || undefined,
    alertWebhook: process.env.ONCUE_ALERT_WEBHOOK || undefined,
    alertMinViewers,
    metricsBucketMs: bucketMs,
    telemetryRetentionDays: retentionDays,
    viewerSecret: process.env.ONCUE_VIEWER_SECRET || undefined,
    signedNamesOnly: process.env.ONCUE_SIGNED_NAMES_ONLY === '1',
    frameAncestors: process.env.ONCUE_FRAME_ANCESTORS ? process.env.ONCUE_FRAME_ANCESTORS.split(/\s+/).filter(Boolean) : undefined,
    ...budgetOptionsFromEnv(process.env),
    staticRoutes: [...demoPages, ...(sdk ? [{ path: '/sdk/', dir: sdk, crossOrigin: true }] : [])],
  });
  // With several workers, the first one speaks for all (they share the port and, through Redis, the host token).
  if (cluster.isPrimary || cluster.worker?.id === 1)
    for (const line of startupBanner(server.url, server.hostToken, presetToken === undefined)) console.log(line);

  let stopping = false;
  /** Signals received while stopping; the primary's request is not one (a Ctrl-C reaches a worker both ways). */
  let signals = 0;
  const stop = (signal: string, fromPrimary = false): void => {
    if (!fromPrimary) signals += 1;
    if (stopping && (fromPrimary || signals < 2)) return;
    if (stopping) {
      console.log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: closing (committing pending writes)…`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('close failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A worker of ONCUE_WORKERS: the primary asks it to stop (once; a worker already stopping goes on).
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) stop('stop from the primary', true);
  });
}

main().catch((err: unknown) => {
  console.error('[oncue] could not start:', err);
  process.exit(1);
});
