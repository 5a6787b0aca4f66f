import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS build script without types
import { precompressDir } from '../../../../build/precompress.js';
import { startTestServer } from '../../test/test-server.js';
import { IMMUTABLE } from './static-routes.js';

// A built SDK folder as `npm run build` leaves it: scripts with precompressed variants, a source map
// without, and a content-hashed chunk under chunks/.
const root = mkdtempSync(join(tmpdir(), 'oncue-delivery-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'chunks'), { recursive: true });
const sdk = `/* sdk */\n${Array.from({ length: 400 }, (_, i) => `customElements.define("oncue-x${i}", class extends HTMLElement {});`).join('\n')}`;
writeFileSync(join(dist, 'oncue.min.js'), sdk);
writeFileSync(join(dist, 'oncue.min.js.map'), JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'A'.repeat(4000) }));
writeFileSync(join(dist, 'chunks', 'poll-3f9a1c2b.js'), `export const poll = ${JSON.stringify('poll '.repeat(500))};`);
precompressDir(dist);
const page = `<!doctype html><title>stream</title><p>${'live '.repeat(600)}</p><script>document.title = 'stream';</script>`;
writeFileSync(join(root, 'page.html'), page);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const routes = [
  { path: '/', file: join(root, 'page.html'), frameable: true },
  { path: '/sdk/', dir: dist, crossOrigin: true },
  { path: '/plain/', dir: dist },
];

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with node:http: the bytes as sent (fetch would decode them) and only the headers given. */
function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const decode = (r: RawResponse): Buffer =>
  r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body;

describe('static files served like a CDN', () => {
  it('sends the precompressed brotli or gzip variant by Accept-Encoding, decoding to the original bytes', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const url = `${t.server.url}/sdk/oncue.min.js`;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    // The file written at build time, as it is: not compressed again on the fly.
    expect(br.body.equals(readFileSync(join(dist, 'oncue.min.js.br')))).toBe(true);
    expect(decode(br).toString()).toBe(sdk);

    const gzip = await get(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.body.equals(readFileSync(join(dist, 'oncue.min.js.gz')))).toBe(true);
    expect(decode(gzip).toString()).toBe(sdk);

    const identity = await get(url);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
    expect(identity.body.toString()).toBe(sdk);
    // Each variant has its own validator, so a cache never answers one variant's 304 with another's bytes.
    expect(new Set([br.headers.etag, gzip.headers.etag, identity.headers.etag]).size).toBe(3);
  });

  it('compresses a file without a variant (a source map) and a page on the fly', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const map = await get(`${t.server.url}/sdk/oncue.min.js.map`, { 'accept-encoding': 'br' });
    expect(map.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(map).toString())).toMatchObject({ version: 3 });

    const html = await get(`${t.server.url}/`, { 'accept-encoding': 'gzip' });
    expect(html.status).toBe(200);
    expect(html.headers['content-encoding']).toBe('gzip');
    expect(html.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(html).toString()).toBe(page);
    // The page keeps its security headers.
    expect(html.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);

    const plain = await get(`${t.server.url}/`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(page);
  });

  it('caches content-hashed chunks for a year without revalidation', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    for (const encoding of ['br', 'gzip', 'identity']) {
      const chunk = await get(`${t.server.url}/sdk/chunks/poll-3f9a1c2b.js`, { 'accept-encoding': encoding });
      expect(chunk.status, encoding).toBe(200);
      expect(chunk.headers['cache-control'], encoding).toBe(IMMUTABLE);
      expect(chunk.headers['cache-control'], encoding).toBe('public, max-age=31536000, immutable');
      expect(decode(chunk).toString(), encoding).toContain('export const poll');
    }
    // Only what is under chunks/: a file elsewhere (even named like a chunk) is revalidated.
    expect((await get(`${t.server.url}/sdk/oncue.min.js`)).headers['cache-control']).toBe('no-cache');
    expect((await get(`${t.server.url}/sdk/chunks/missing-00000000.js`)).status).toBe(404);
  });

  it('revalidates everything else: no-cache with ETag and Last-Modified, and a 304 when unchanged', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    for (const [path, encoding] of [
      ['/sdk/oncue.min.js', 'br'],
      ['/sdk/oncue.min.js', 'gzip'],
      ['/sdk/oncue.min.js', 'identity'],
      ['/', 'gzip'],
      ['/', 'identity'],
    ] as const) {
      const what = `${path} ${encoding}`;
      const first = await get(`${t.server.url}${path}`, { 'accept-encoding': encoding });
      expect(first.status, what).toBe(200);
      expect(first.headers['cache-control'], what).toBe('no-cache');
      expect(first.headers.etag, what).toMatch(/^(W\/)?"/);
      expect(first.headers['last-modified'], what).toBeTruthy();
      const byTag = await get(`${t.server.url}${path}`, { 'accept-encoding': encoding, 'if-none-match': first.headers.etag as string });
      expect(byTag.status, what).toBe(304);
      expect(byTag.body.length, what).toBe(0);
      const byDate = await get(`${t.server.url}${path}`, { 'accept-encoding': encoding, 'if-modified-since': first.headers['last-modified'] as string });
      expect(byDate.status, what).toBe(304);
      const stale = await get(`${t.server.url}${path}`, { 'accept-encoding': encoding, 'if-none-match': 'W/"not-this-one"' });
      expect(stale.status, what).toBe(200);
    }
  });

  it('lets any origin read the files of a crossOrigin folder only, not the pages or another folder', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const origin = { origin: 'https://streamer.example' };
    for (const path of ['/sdk/oncue.min.js', '/sdk/chunks/poll-3f9a1c2b.js']) {
      const response = await get(`${t.server.url}${path}`, origin);
      expect(response.headers['access-control-allow-origin'], path).toBe('*');
      expect(response.headers['cross-origin-resource-policy'], path).toBe('cross-origin');
    }
    const revalidated = await get(`${t.server.url}/sdk/oncue.min.js`, origin);
    expect(
      (await get(`${t.server.url}/sdk/oncue.min.js`, { ...origin, 'if-none-match': revalidated.headers.etag as string })).headers[
        'access-control-allow-origin'
      ],
    ).toBe('*');
    expect((await get(`${t.server.url}/`, origin)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(`${t.server.url}/plain/oncue.min.js`, origin)).headers['access-control-allow-origin']).toBeUndefined();
    // The API keeps its own CORS (any origin, bearer tokens).
    expect((await get(`${t.server.url}/api/health`, origin)).headers['access-control-allow-origin']).toBe('*');
  });

  it('leaves socket.io and the REST API answering beside the compressed static routes', async () => {
    const t = await startTestServer({ staticRoutes: routes });
    const health = await get(`${t.server.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.status).toBe(200);
    expect(JSON.parse(decode(health).toString())).toBeTruthy();
    // engine.io answers its own path before Fastify (and its compression) sees the request.
    const polling = await get(`${t.server.url}/socket.io/?EIO=4&transport=polling`, { 'accept-encoding': 'br, gzip' });
    expect(polling.status).toBe(200);
    expect(polling.headers['content-encoding']).toBeUndefined();
    expect(polling.body.toString()).toMatch(/^0\{"sid":/);
    const viewer = await t.connectViewer();
    expect(viewer.welcome.role).toBe('viewer');
  });
});
