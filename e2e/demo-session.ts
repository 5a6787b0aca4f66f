import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { startDemoServer, type DemoServer } from './start-demo-server.js';

/** A viewer page with the page errors it has thrown so far. */
export type ViewerPage = Page & { errors: string[] };

export interface DemoSession {
  readonly server: DemoServer;
  readonly browser: Browser;
  /** Calls the REST API as host: GET without a body, POST with one. */
  api(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** The example stream page in a browser context of its own (its own storage, so its own viewer id). */
  viewerPage(room: string, query?: Record<string, string>): Promise<ViewerPage>;
  /** The host console page, signed in with the host token. */
  hostPage(room: string): Promise<Page>;
}

/**
 * Starts the built CLI (as `npm start` does) and Debian's Chromium for the
 * tests of one file, and stops both afterwards. `env` (read when the server
 * starts, after the file's earlier `beforeAll` hooks) adds environment variables.
 */
export function useDemoSession(env: () => Record<string, string> = () => ({})): DemoSession {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer(env());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    async api(path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${server.hostToken}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async viewerPage(room, query = {}) {
      const page = (await (await browser.newContext()).newPage()) as ViewerPage;
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(String(e)));
      await page.goto(`${server.url}/?${new URLSearchParams({ room, ...query })}`);
      return page;
    },
    async hostPage(room) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}/host?room=${room}&token=${server.hostToken}`);
      return page;
    },
  };
}
