import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/test-server.js';

const root = mkdtempSync(join(tmpdir(), 'oncue-static-'));
mkdirSync(join(root, 'dist', 'nested'), { recursive: true });
writeFileSync(join(root, 'page.html'), '<!doctype html><title>stream</title>');
writeFileSync(join(root, 'secret.txt'), 'do not serve');
writeFileSync(join(root, 'dist', 'oncue.min.js'), 'console.log("sdk")');
writeFileSync(join(root, 'dist', 'oncue.min.js.map'), '{}');
writeFileSync(join(root, 'dist', 'nested', 'style.css'), 'body{}');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const routes = [
  { path: '/', file: join(root, 'page.html') },
  { path: '/sdk/', dir: join(root, 'dist') },
];

/** A raw GET, so that `..` reaches the server as written. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'GET', path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static routes', () => {
  it('serves an exact file route and a folder by prefix with content types', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const page = await fetch(`${t.server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>stream</title>');

    const sdk = await fetch(`${t.server.url}/sdk/oncue.min.js`);
    expect(sdk.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await sdk.text()).toBe('console.log("sdk")');
    expect((await fetch(`${t.server.url}/sdk/oncue.min.js.map`)).headers.get('content-type')).toMatch(/^application\/json/);
    expect((await fetch(`${t.server.url}/sdk/nested/style.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${t.server.url}/sdk/missing.js`)).status).toBe(404);
    expect((await fetch(`${t.server.url}/page.html`)).status).toBe(404);
    expect((await fetch(`${t.server.url}/sdk`, { redirect: 'manual' })).status).toBe(301);
  });

  it('never serves files outside the folder', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    for (const path of [
      '/sdk/../secret.txt',
      '/sdk/..%2fsecret.txt',
      '/sdk/%2e%2e/secret.txt',
      '/sdk/nested/..%2f..%2fsecret.txt',
      '/sdk/%00',
      '/sdk/..\\secret.txt',
    ]) {
      const response = await rawGet(t.server.url, path);
      expect(response.body, path).not.toContain('do not serve');
      expect(response.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('keeps the API and socket.io next to the static routes', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    expect((await t.rest('GET', '/api/health', { token: null })).status).toBe(200);
    const viewer = await t.connectViewer();
    expect(viewer.welcome.role).toBe('viewer');
  });
});
