import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of the server's pages. Scripts: this origin (the `/sdk/` bundles) and
 * the page's own inline scripts by hash, nothing else (no `'unsafe-inline'`, no `eval`). Styles
 * allow inline (the pages' `<style>` blocks and the widgets' style attributes; an injected style
 * cannot run code). Images: this origin and any `https:` host (option images), `data:`. Connections:
 * this origin only (socket.io, REST, telemetry).
 */
export function pageSecurityPolicy(options: { scriptHashes?: readonly string[]; frameAncestors?: readonly string[] } = {}): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", ...(options.scriptHashes ?? [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'https:', 'data:'],
    ['connect-src', "'self'"],
    ['font-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', ...(options.frameAncestors?.length ? options.frameAncestors : ["'none'"])],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/**
 * Security headers on every answer (`@fastify/helmet`): the strict page CSP (pages replace it with
 * one that lists their inline scripts), `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`
 * (the host console and dashboard carry the host token in their URL), `nosniff`, and HSTS
 * (ignored by browsers over plain HTTP). Cross-origin reads of the SDK bundles stay allowed
 * (`Cross-Origin-Resource-Policy: cross-origin`): integrators load them from their own pages.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
  const policy = pageSecurityPolicy();
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', policy);
  });
}
