#!/usr/bin/env node
// Verifies an OnCue badge credential (ViewerProgress.credential: a compact JWS, ES256) the way a shop's backend
// would: with the public key the OnCue server publishes at /.well-known/jwks.json, and nothing but Node's
// built-ins (Node 18+). No call to OnCue about the viewer is needed; fetch (and cache) the key set once.
//
//   node docs/verify-badge.mjs https://oncue.example.com eyJhbGciOiJFUzI1NiIs...
//
// Prints the viewer, channel and badges when the signature holds; exits with 1 when it does not.
import { createPublicKey, verify } from 'node:crypto';

const [server, jws] = process.argv.slice(2);
if (!server || !jws) {
  console.error('usage: node verify-badge.mjs <oncue server url> <credential>');
  process.exit(2);
}

const parts = jws.split('.');
if (parts.length !== 3) fail('not a compact JWS (three dot-separated parts)');
const [encodedHeader, encodedPayload, encodedSignature] = parts;
const header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
// Only ES256: never let the token choose a weaker algorithm (or "none").
if (header.alg !== 'ES256') fail(`unexpected algorithm ${header.alg}`);

const response = await fetch(new URL('/.well-known/jwks.json', server));
if (!response.ok) fail(`could not fetch the key set: HTTP ${response.status}`);
const { keys } = await response.json();
const jwk = keys.find((k) => k.kid === header.kid);
if (!jwk) fail(`no key ${header.kid} in the server's key set`);

const valid = verify(
  'sha256',
  Buffer.from(`${encodedHeader}.${encodedPayload}`),
  { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
  Buffer.from(encodedSignature, 'base64url'),
);
if (!valid) fail('the signature does not hold: the credential was changed or not made by this server');

const claims = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString('utf8'));
console.log(`verified: viewer ${claims.sub} in channel ${claims.channel} (issuer ${claims.iss}, issued ${new Date(claims.iat * 1000).toISOString()})`);
for (const badge of claims.badges) console.log(`  ${badge.name} (at ${badge.at} valid interactions), earned ${new Date(badge.earnedAt).toISOString()}`);

function fail(message) {
  console.error(`not verified: ${message}`);
  process.exit(1);
}
