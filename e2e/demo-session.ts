import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { startDemoServer, type DemoServer } from './start-demo-server.js';

/** A viewer's page, with the uncaught errors it had. */
export type ViewerPage = Page & { errors: string[] };

export interface DemoSession {
  readonly server: DemoServer;
  readonly browser: Browser;
  /** The REST API as the host: GET without a body, POST with one. */
  api(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** The example stream page for `room`, in a fresh browser context (its own storage, so its own viewer). */
  viewerPage(room: string): Promise<ViewerPage>;
}

/** The built demo server and Chromium for the enclosing test file: started before its tests, stopped after them. */
export function useDemoSession(): DemoSession {
  let server: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
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
    async viewerPage(room) {
      const page = (await (await browser.newContext()).newPage()) as ViewerPage;
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(String(e)));
      await page.goto(`${server.url}/?room=${room}`);
      return page;
    },
  };
}
