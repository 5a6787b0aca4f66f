import type { FastifyInstance } from 'fastify';
import { routeWith, type RestRate } from '../../transport/rest-api.js';
import type { BadgeSigner } from './badge-signer.js';

/** `GET /.well-known/jwks.json` (no auth): the public key of badge credentials (docs/milestones.md). */
export function registerJwks(app: FastifyInstance, signer: BadgeSigner, rate: RestRate | false): void {
  routeWith(
    app,
    '/.well-known/jwks.json',
    {
      GET: (_request, reply) =>
        reply
          .code(200)
          .header('cache-control', 'public, max-age=300')
          .header('access-control-allow-origin', '*')
          .type('application/jwk-set+json; charset=utf-8')
          .send(JSON.stringify(signer.jwks())),
    },
    rate,
  );
}
