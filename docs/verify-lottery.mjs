#!/usr/bin/env node
// Recomputes an OnCue lottery draw from its public fields alone, with nothing
// but Node's own crypto (no OnCue code). Usage:
//
//   node verify-lottery.mjs https://live.example.com/api/rooms/shop-42/interactions/<id>/proof
//   node verify-lottery.mjs <url of GET /api/rooms/:room/interactions/:id> <host token>
//   node verify-lottery.mjs draw.json            (a saved answer of either)
//
// Add `--secret <64 hex>` (your entry secret, kept by your browser under
// `oncue:entry-secret:<server>:<viewer id>`) to also check your own entry:
// your ticket, SHA-256("<lottery id>:<secret>"), must be in the entry list.
//
// Prints what it checked and exits 0 when the draw holds, 1 when it does not.
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const args = process.argv.slice(2);
const secretAt = args.indexOf('--secret');
const secret = secretAt >= 0 ? args.splice(secretAt, 2)[1] : undefined;
const [source, token] = args;
if (!source || (secretAt >= 0 && !/^[0-9a-f]{64}$/.test(secret ?? ''))) {
  console.error('usage: node verify-lottery.mjs <proof URL | GET URL + host token | JSON file> [--secret <64 lowercase hex>]');
  process.exit(2);
}
const draw = /^https?:\/\//.test(source)
  ? await (await fetch(source, { headers: token ? { authorization: `Bearer ${token}` } : {} })).json()
  : JSON.parse(await readFile(source, 'utf8'));

const { id, commitment, seed, entryList, winners } = draw;
const fail = (why) => {
  console.log(`FAIL: ${why}`);
  process.exit(1);
};
if (typeof seed !== 'string') fail('no seed yet: the lottery has not been drawn');

// 1. The seed is the one committed to at launch: SHA-256 of its 32 bytes.
const seedBytes = Buffer.from(seed, 'hex');
if (seedBytes.length !== 32 || createHash('sha256').update(seedBytes).digest('hex') !== commitment) fail('the seed does not match the commitment');

// 2. The entry list is sorted ascending, without repeats.
for (let i = 1; i < entryList.length; i++) if (!(entryList[i - 1] < entryList[i])) fail('the entry list is not sorted and distinct');

// 3. Partial Fisher–Yates: position i takes a uniform index in [i, n) from HMAC-SHA-256(seed, "i:t"), rejection-sampled.
const n = entryList.length;
const order = [...Array(n).keys()];
for (let i = 0; i < Math.min(winners.length, n); i++) {
  const range = n - i;
  const limit = 2 ** 32 - (2 ** 32 % range);
  let x;
  for (let t = 0; ; t++) {
    x = createHmac('sha256', seedBytes).update(`${i}:${t}`).digest().readUInt32BE(0);
    if (x < limit) break;
  }
  const j = i + (x % range);
  [order[i], order[j]] = [order[j], order[i]];
}
const expected = order.slice(0, winners.length).map((k) => entryList[k]);
if (expected.length !== winners.length || expected.some((id, k) => id !== winners[k])) fail(`the winners should be ${expected.join(', ')}`);

// 4. With --secret: this viewer's own ticket is in the list (whatever the server said its entry was).
let mine;
if (secret) {
  mine = createHash('sha256').update(`${id}:${secret}`, 'utf8').digest('hex');
  if (!entryList.includes(mine)) fail(`your entry ${mine.slice(0, 8)}… is not in the entry list`);
}

console.log(`OK: ${winners.length} winner(s) of ${n} entries follow from the committed seed`);
for (const winner of winners) console.log(`  ${winner}`);
if (mine) console.log(`your entry ${mine.slice(0, 8)}… is in the list; ${winners.includes(mine) ? 'it won' : 'it did not win'}`);
