// Browser tests of packages/widgets in Debian's headless Chromium, against the
// real OnCue server (built by `npm run build` into packages/server/dist).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumLaunchOptions } from './e2e/chromium-launch-options.js';
import { startScriptedEndpoint } from './packages/telemetry/test/scripted-endpoint.js';
import { startSdkOrigin } from './packages/widgets/test/sdk-origin.js';

/**
 * Starts the OnCue server for the whole run and answers test commands
 * (`executeServerCommand` from `@web/test-runner-commands`):
 * - `oncue:server` → `{ url, hostToken }` of the shared server;
 * - `oncue:start-server` `{ options? }` → `{ id, url, hostToken }` of a private server a test may stop (`options`: JSON
 *   options of `startServer`, e.g. `{ metricsBucketMs: 1000 }`);
 * - `oncue:stop-server` `{ id }` stops it; `oncue:restart-server` `{ id }` starts it again on the same port and data;
 * - `oncue:viewer-token` `{ viewer, name? }` → a viewer token signed as an integrator's backend would;
 * - `oncue:aria-snapshot` `{ selector }` → Playwright's ARIA snapshot (YAML: roles, names, states) of the element;
 * - `oncue:endpoint` `{ script }` → `{ id, url }` of a scripted HTTP endpoint (statuses, `Retry-After`), and
 *   `oncue:endpoint-requests` `{ id }` → the requests it received (`{ at, contentType, body }`);
 * - `oncue:sdk-origin` `{ fail?: { prefix, times } }` → `{ url }` of packages/widgets/dist served from another origin (a CDN
 *   stand-in, see packages/widgets/test/sdk-origin.js).
 */
function oncueServer() {
  /** @type {import('./packages/server/dist/index.js').OnCueServer | undefined} */
  let shared;
  let dir = '';
  /** @type {Map<string, { server?: import('./packages/server/dist/index.js').OnCueServer, port: number, dataFile: string, hostToken: string, options: object }>} */
  const extra = new Map();
  let next = 0;
  /** @type {Map<string, Awaited<ReturnType<typeof startScriptedEndpoint>>>} */
  const endpoints = new Map();
  /** @type {typeof import('./packages/server/dist/index.js')} */
  let lib;

  // Every test server signs viewer tokens with this secret, so tests can act as an integrator's backend.
  const viewerSecret = 'wtr-viewer-secret-0123456789abcdefghijkl';
  const start = (options) =>
    // Every browser test is a new anonymous viewer from 127.0.0.1, on one shared server: no per-address caps here.
    lib.startServer({ tallyIntervalMs: 50, logger: lib.silentLogger, viewerSecret, anonymousViewers: false, maxSocketsPerAddress: false, ...options });

  return {
    name: 'oncue-server',
    async serverStart() {
      lib = await import('./packages/server/dist/index.js').catch((cause) => {
        throw new Error('The browser tests run the built server: run `npm run build` first.', { cause });
      });
      dir = mkdtempSync(join(tmpdir(), 'oncue-wtr-'));
      shared = await start({ port: 0, dataFile: join(dir, 'oncue.db') });
    },
    async serverStop() {
      await Promise.all([...extra.values()].map((e) => e.server?.close()));
      await Promise.all([...endpoints.values()].map((e) => e.close()));
      await shared?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'oncue:aria-snapshot') {
        const page = session.browser.getPage(session.id);
        return page.locator(payload.selector).first().ariaSnapshot();
      }
      if (command === 'oncue:endpoint') {
        const id = String(++next);
        const endpoint = await startScriptedEndpoint(payload?.script);
        endpoints.set(id, endpoint);
        return { id, url: endpoint.url };
      }
      if (command === 'oncue:endpoint-requests') return endpoints.get(payload.id)?.requests ?? [];
      if (command === 'oncue:sdk-origin') {
        const origin = await startSdkOrigin(payload ?? {});
        endpoints.set(String(++next), origin);
        return { url: origin.url };
      }
      if (command === 'oncue:server') return { url: shared.url, hostToken: shared.hostToken };
      if (command === 'oncue:viewer-token') return lib.signViewerToken({ secret: viewerSecret, viewer: payload.viewer, name: payload.name });
      if (command === 'oncue:start-server') {
        const id = String(++next);
        const dataFile = join(dir, `extra-${id}.db`);
        const options = payload?.options ?? {};
        const server = await start({ ...options, port: 0, dataFile });
        extra.set(id, { server, port: server.port, dataFile, hostToken: server.hostToken, options });
        return { id, url: server.url, hostToken: server.hostToken };
      }
      if (command === 'oncue:stop-server') {
        const entry = extra.get(payload.id);
        await entry?.server?.close();
        if (entry) entry.server = undefined;
        return true;
      }
      if (command === 'oncue:restart-server') {
        const entry = extra.get(payload.id);
        if (!entry) return false;
        entry.server ??= await start({ ...entry.options, port: entry.port, dataFile: entry.dataFile, hostToken: entry.hostToken });
        return true;
      }
      return undefined;
    },
  };
}

export default {
  files: ['packages/widgets/src/**/*.test.ts', 'packages/telemetry/src/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['source', 'production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'packages/widgets/tsconfig.test.json' }), oncueServer()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: chromiumLaunchOptions,
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /></head>
      <body>
        <script>window.process = { env: { NODE_ENV: 'production' } };</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
};
