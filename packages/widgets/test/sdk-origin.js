// A stand-in for a CDN in browser tests: serves packages/widgets/dist (oncue.min.js and chunks/) over HTTP from
// 127.0.0.1 on a port of its own, so a test page is on a different origin than the SDK. `fail: { prefix, times }`
// makes the first `times` requests for chunks/<prefix>… answer 503, to test how the SDK retries a chunk that fails.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const types = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.json': 'application/json' };

/** @param {{ fail?: { prefix: string, times: number } }} [options] */
export async function startSdkOrigin(options = {}) {
  let failures = options.fail?.times ?? 0;
  /** @type {string[]} */
  const requests = [];
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    requests.push(path);
    response.setHeader('access-control-allow-origin', '*');
    if (failures > 0 && path.startsWith(`/chunks/${options.fail?.prefix}`)) {
      failures--;
      response.writeHead(503, { 'cache-control': 'no-store' }).end('unavailable');
      return;
    }
    try {
      const body = await readFile(join(dist, path));
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
