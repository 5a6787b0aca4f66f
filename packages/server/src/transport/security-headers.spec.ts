import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from './static-routes.js';
import { startTestServer } from '../../test/test-server.js';

const root = mkdtempSync(join(tmpdir(), 'oncue-headers-'));
mkdirSync(join(root, 'dist'), { recursive: true });
const inline = "\n      document.title = 'stage';\n    ";
writeFileSync(join(root, 'stage.html'), `<!doctype html><style>body{margin:0}</style><script src="/sdk/oncue.min.js"></script><script>${inline}</script>`);
writeFileSync(join(root, 'host.html'), '<!doctype html><title>host</title><script>console.log(1)</script>');
writeFileSync(join(root, 'dist', 'oncue.min.js'), `/* sdk */\n${'console.log("sdk");\n'.repeat(500)}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const routes = [
  { path: '/', file: join(root, 'stage.html'), frameable: true },
  { path: '/host', file: join(root, 'host.html') },
  { path: '/dashboard', file: join(root, 'host.html') },
  { path: '/sdk/', dir: join(root, 'dist'), crossOrigin: true },
];
const directive = (csp: string | null, name: string) =>
  csp
    ?.split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

describe('security headers', () => {
  it('gives the pages a CSP that allows their own inline scripts by hash and nothing inline besides', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const page = await fetch(`${t.server.url}/`);
    const csp = page.headers.get('content-security-policy');
    const hash = `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' ${hash}`);
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'base-uri')).toBe("base-uri 'none'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
    expect(inlineScriptHashes('<script src="/x.js"></script><script type="module">a()</script>')).toEqual([
      `'sha256-${createHash('sha256').update('a()').digest('base64')}'`,
    ]);
  });

  it('forbids framing the host console and the dashboard, and lets the stream page be framed only by who frameAncestors names', async () => {
    const t = await startTestServer({ staticRoutes: routes, frameAncestors: ['https://streamer.example'] });
    for (const path of ['/host?room=demo&token=secret', '/dashboard?room=demo&token=secret']) {
      const response = await fetch(`${t.server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(directive(response.headers.get('content-security-policy'), 'frame-ancestors'), path).toBe("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    const stage = await fetch(`${t.server.url}/`);
    expect(directive(stage.headers.get('content-security-policy'), 'frame-ancestors')).toBe('frame-ancestors https://streamer.example');
    expect(stage.headers.get('x-frame-options')).toBeNull();

    const strict = await startTestServer({ staticRoutes: routes });
    const unframed = await fetch(`${strict.server.url}/`);
    expect(directive(unframed.headers.get('content-security-policy'), 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(unframed.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends no-referrer and nosniff on the API too, and lets other sites load the SDK', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const api = await t.rest('GET', '/api/health', { token: null });
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    const sdk = await fetch(`${t.server.url}/sdk/oncue.min.js`);
    expect(sdk.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(sdk.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves static files with an ETag (304 when unchanged) and compressed', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const sdk = await fetch(`${t.server.url}/sdk/oncue.min.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('content-encoding')).toBe('gzip');
    expect(sdk.headers.get('cache-control')).toBe('no-cache');
    const etag = sdk.headers.get('etag');
    expect(etag).toMatch(/^(W\/)?"/);
    expect(await sdk.text()).toContain('console.log("sdk")');
    // node:http, not fetch: fetch adds `Cache-Control: no-cache` to a request with If-None-Match.
    const again = await new Promise<number>((resolve, reject) => {
      request(`${t.server.url}/sdk/oncue.min.js`, { headers: { 'if-none-match': etag! } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(again).toBe(304);
  });
});
