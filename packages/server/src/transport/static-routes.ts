import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import fastifyStatic, { type FastifyStaticOptions } from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { pageSecurityPolicy } from './security-headers.js';

/**
 * A file served at exactly `path`, or a folder served under the prefix `path`
 * (which should end with `/`; `/sdk` then redirects to `/sdk/`).
 *
 * An HTML file route is a page: it gets a Content-Security-Policy that allows its own inline
 * scripts by hash, and may be framed only when `frameable` (then by `frameAncestors`, see
 * {@link OnCueServerOptions.frameAncestors}); otherwise `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
 */
export type StaticRoute = { path: string; file: string; frameable?: boolean } | { path: string; dir: string };

export interface StaticRoutesOptions {
  /** Who may frame a `frameable` page (CSP `frame-ancestors` sources); `["'none'"]` by default. */
  frameAncestors?: readonly string[];
}

/**
 * Serves the routes with `@fastify/static` (ETag, Last-Modified, ranges, content types, and its
 * guard against paths that leave the folder). Files are revalidated on every use (`no-cache`):
 * a rebuilt bundle is picked up at once, and an unchanged one costs a 304.
 */
export async function registerStaticRoutes(app: FastifyInstance, routes: readonly StaticRoute[], options: StaticRoutesOptions = {}): Promise<void> {
  const frameAncestors = options.frameAncestors ?? ["'none'"];
  let decorated = false;
  const useStatic = async (root: string, prefix: string) => {
    const serve = prefix !== '';
    await app.register(fastifyStatic, {
      root,
      prefix: serve ? prefix : '/',
      decorateReply: !decorated,
      serve,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header('cache-control', 'no-cache');
        // RFC 9239: JavaScript is text/javascript (the mime table still says application/javascript).
        if (/\.m?js$/i.test(path)) reply.header('content-type', 'text/javascript; charset=utf-8');
      },
      index: ['index.html'],
    } as FastifyStaticOptions);
    decorated = true;
  };
  for (const route of routes) {
    if ('dir' in route) {
      const prefix = route.path.endsWith('/') ? route.path : `${route.path}/`;
      await useStatic(resolve(route.dir), prefix);
      if (prefix !== '/') app.get(prefix.slice(0, -1), (_request, reply) => reply.redirect(prefix, 301));
      continue;
    }
    if (!decorated) await useStatic(resolve(dirname(route.file)), '');
    const file = resolve(route.file);
    const ancestors = route.frameable ? frameAncestors : ["'none'"];
    app.get(route.path, async (_request, reply) => {
      if (file.endsWith('.html')) await pageHeaders(reply, file, ancestors);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(basename(file), dirname(file), { cacheControl: false });
    });
  }
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
