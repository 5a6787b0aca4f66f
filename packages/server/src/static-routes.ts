import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/**
 * A file served at exactly `path`, or a folder served under the prefix `path`
 * (which should end with `/`; `/sdk` then redirects to `/sdk/`).
 */
export type StaticRoute = { path: string; file: string } | { path: string; dir: string };

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves `pathname` from the first matching route. Resolves `false` when no
 * route matches (the caller answers 404). Paths are decoded segment by
 * segment and refused when a segment is `.`/`..`, holds a separator or NUL,
 * or the result would leave the folder.
 */
export async function serveStatic(routes: readonly StaticRoute[], req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  for (const route of routes) {
    if ('file' in route) {
      if (pathname !== route.path) continue;
      await send(req, res, resolve(route.file));
      return true;
    }
    const prefix = route.path.endsWith('/') ? route.path : `${route.path}/`;
    if (pathname === prefix.slice(0, -1) && prefix !== '/') {
      res.writeHead(301, { Location: prefix });
      res.end();
      return true;
    }
    if (!pathname.startsWith(prefix)) continue;
    const file = resolveInside(route.dir, pathname.slice(prefix.length));
    if (file === undefined) {
      sendText(res, 400, 'Bad path');
      return true;
    }
    await send(req, res, file);
    return true;
  }
  return false;
}

function resolveInside(dir: string, rest: string): string | undefined {
  const root = resolve(dir);
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '') continue;
    if (segment === '.' || segment === '..' || /[\\/\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  const file = join(root, ...segments);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

async function send(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  let path = file;
  let info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    path = join(path, 'index.html');
    info = await stat(path).catch(() => undefined);
  }
  if (!info?.isFile()) {
    sendText(res, 404, 'Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentTypeOf(path),
    'Content-Length': String(info.size),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Origin': '*',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
