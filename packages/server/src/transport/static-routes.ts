import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { pageSecurityPolicy } from './security-headers.js';

/**
 * A file served at exactly `path`: a page when it is HTML. A page gets a Content-Security-Policy
 * that allows its own inline scripts by hash, and may be framed only when `frameable` (then by
 * `frameAncestors`, see {@link OnCueServerOptions.frameAncestors}); otherwise `frame-ancestors 'none'`
 * and `X-Frame-Options: DENY`. Compressed on the fly (gzip or brotli, by `Accept-Encoding`).
 */
export interface StaticFileRoute {
  path: string;
  file: string;
  frameable?: boolean;
}

/**
 * A folder served under the prefix `path` (which should end with `/`; `/sdk` then redirects to
 * `/sdk/`). A file's precompressed variant (`<file>.br`, `<file>.gz`, written by
 * `build/precompress.js`) is sent when the request accepts its encoding; other files are compressed
 * on the fly. Files under the folder's `chunks/` subfolder carry a content hash in their names and
 * are cached for a year without revalidation ({@link IMMUTABLE}). With `crossOrigin`, any origin may
 * read the files (`Access-Control-Allow-Origin: *`): module scripts and `import()` of an SDK served
 * from another origin or a CDN need it.
 */
export interface StaticDirRoute {
  path: string;
  dir: string;
  crossOrigin?: boolean;
}

export type StaticRoute = StaticFileRoute | StaticDirRoute;

export interface StaticRoutesOptions {
  /** Who may frame a `frameable` page (CSP `frame-ancestors` sources); `["'none'"]` by default. */
  frameAncestors?: readonly string[];
}

/** The subfolder of a folder route whose files have content-hashed names. */
export const HASHED_FOLDER = 'chunks';
/** Cache-Control of a content-hashed file: its name changes whenever its bytes do. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of every other file: kept, but revalidated on each use (a 304 when unchanged). */
export const REVALIDATE = 'no-cache';

/**
 * Serves the routes with `@fastify/static` (ETag, Last-Modified, ranges, content types,
 * precompressed variants, and its guard against paths that leave the folder). Files are revalidated
 * on every use (`no-cache`): a rebuilt bundle is picked up at once, and an unchanged one costs a 304;
 * content-hashed files (under `chunks/`) are immutable. Responses that vary by `Accept-Encoding` say so.
 *
 * The routes live in a scope of their own: the API's CORS (any origin) does not apply to them, only
 * a `crossOrigin` folder's own `Access-Control-Allow-Origin: *`.
 */
export async function registerStaticRoutes(app: FastifyInstance, routes: readonly StaticRoute[], options: StaticRoutesOptions = {}): Promise<void> {
  if (routes.length === 0) return;
  const frameAncestors = options.frameAncestors ?? ["'none'"];
  await app.register(async (scope) => {
    // `@fastify/cors` (registered for the API) skips routes whose config says `cors: false`.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, cors: false } as typeof route.config;
    });
    // RFC 9239: JavaScript is text/javascript (the mime table still says application/javascript),
    // also for a precompressed variant, whose type `@fastify/static` sets after `setHeaders`.
    scope.addHook('onSend', async (_request, reply, payload) => {
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && /^application\/javascript\b/i.test(type)) reply.header('content-type', 'text/javascript; charset=utf-8');
      return payload;
    });

    // `reply.sendFile` for the pages, with neutral headers (a folder's CORS must not reach a page).
    await scope.register(fastifyStatic, {
      serve: false,
      decorateReply: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply) => reply.header('cache-control', REVALIDATE),
    } as FastifyStaticOptions);

    for (const route of routes) {
      if ('dir' in route) {
        const root = resolve(route.dir);
        const prefix = route.path.endsWith('/') ? route.path : `${route.path}/`;
        await scope.register(fastifyStatic, {
          root,
          prefix,
          decorateReply: false,
          preCompressed: true,
          cacheControl: false,
          setHeaders: (reply: FastifyReply, path: string) => {
            reply.header('cache-control', isHashed(root, path) ? IMMUTABLE : REVALIDATE);
            if (route.crossOrigin) reply.header('access-control-allow-origin', '*');
          },
          index: ['index.html'],
        } as FastifyStaticOptions);
        if (prefix !== '/') scope.get(prefix.slice(0, -1), (_request, reply) => reply.redirect(prefix, 301));
        continue;
      }
      const file = resolve(route.file);
      const ancestors = route.frameable ? frameAncestors : ["'none'"];
      scope.get(route.path, async (_request, reply) => {
        if (file.endsWith('.html')) await pageHeaders(reply, file, ancestors);
        // Compressed on the fly when the request accepts it, so a cache must key on the header.
        reply.header('vary', 'accept-encoding');
        return reply.sendFile(basename(file), dirname(file), { cacheControl: false });
      });
    }
  });
}

/** Whether `path` (a file found under `root`, or its precompressed variant) is under `root`'s `chunks/`. */
function isHashed(root: string, path: string): boolean {
  const [first, ...rest] = relative(root, path).split(sep);
  return first === HASHED_FOLDER && rest.length > 0;
}

/** Inline script hashes per page file, read again when the file changes. */
const hashCache = new Map<string, { mtimeMs: number; hashes: string[] }>();

async function pageHeaders(reply: FastifyReply, file: string, frameAncestors: readonly string[]): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return;
  let cached = hashCache.get(file);
  if (cached?.mtimeMs !== info.mtimeMs) {
    cached = { mtimeMs: info.mtimeMs, hashes: inlineScriptHashes(await readFile(file, 'utf8')) };
    hashCache.set(file, cached);
  }
  reply.header('content-security-policy', pageSecurityPolicy({ scriptHashes: cached.hashes, frameAncestors }));
  if (frameAncestors.length === 1 && frameAncestors[0] === "'none'") reply.header('x-frame-options', 'DENY');
  else reply.removeHeader('x-frame-options');
}

/** CSP sources (`'sha256-…'`) of the page's inline `<script>` elements. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.push(`'sha256-${createHash('sha256').update(match[1]!, 'utf8').digest('base64')}'`);
  }
  return hashes;
}
