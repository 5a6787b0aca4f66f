#!/usr/bin/env node
// Checks a revealed OnCue blind box from its public proof alone, with nothing but Node's own crypto (no OnCue code;
// the rules are in docs/blindbox.md). Usage:
//
//   node verify-blindbox.mjs https://live.example.com/api/rooms/shop-42/interactions/<id>/proof
//   node verify-blindbox.mjs box.json            (a saved proof)
//
// Add `--secret <64 hex>` (your entry secret, kept by your browser under
// `oncue:entry-secret:<server>:<viewer id>`) to also find your own guess:
// your entry id, SHA-256("<box id>:<secret>"), must be in the list of guesses.
//
// Prints what it checked and exits 0 when the box holds, 1 when it does not.
import { createHash, createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const args = process.argv.slice(2);
const secretAt = args.indexOf('--secret');
const secret = secretAt >= 0 ? args.splice(secretAt, 2)[1] : undefined;
const [source] = args;
if (!source || (secretAt >= 0 && !/^[0-9a-f]{64}$/.test(secret ?? ''))) {
  console.error('usage: node verify-blindbox.mjs <proof URL | JSON file> [--secret <64 lowercase hex>]');
  process.exit(2);
}
const box = /^https?:\/\//.test(source) ? await (await fetch(source)).json() : JSON.parse(await readFile(source, 'utf8'));
const { id, guess, reward, commitment, seedCommitment, answer, salt, seed, guesses, winners } = box;
const fail = (why) => {
  console.log(`FAIL: ${why}`);
  process.exit(1);
};
if (typeof salt !== 'string') fail('no salt yet: the box has not been revealed');

// 1. The answer is the one committed to at launch: SHA-256 of `<canonical answer JSON>:<salt>`.
const canonical = JSON.stringify({ type: guess.type, answer });
if (createHash('sha256').update(`${canonical}:${salt}`, 'utf8').digest('hex') !== commitment) fail('the answer and salt do not match the commitment');

// 2. A draw's seed is the one committed to at launch.
if (reward.type === 'draw' && (typeof seed !== 'string' || createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex') !== seedCommitment)) {
  fail('the draw seed does not match its commitment');
}

// 3. Who guessed right: equal to the answer; texts after NFKC, lower case, NFKC, no punctuation or spaces.
const normalise = (text) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\p{P}\p{Z}\s]/gu, '');
const right = (value) =>
  guess.type === 'text' ? typeof value === 'string' && normalise(value) !== '' && answer.some((a) => normalise(a) === normalise(value)) : value === answer;

// 4. The winners by the rule, from the guesses in acceptance order.
let expected;
if (reward.type === 'closest') {
  expected = guesses
    .map((g, order) => ({ entry: g.entry, distance: Math.abs(g.value - answer), order }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, reward.winners)
    .map((g) => g.entry);
} else {
  const rightOnes = guesses.filter((g) => right(g.value)).map((g) => g.entry);
  if (reward.type === 'all') expected = rightOnes;
  else if (reward.type === 'first') expected = rightOnes.slice(0, reward.winners);
  else {
    // The giveaway's draw (docs/lottery.md) over the sorted entry ids of the right guesses.
    const list = [...new Set(rightOnes)].sort();
    const order = [...Array(list.length).keys()];
    for (let i = 0; i < Math.min(reward.winners, list.length); i++) {
      const range = list.length - i;
      const limit = 2 ** 32 - (2 ** 32 % range);
      let x;
      for (let t = 0; ; t++) {
        x = createHmac('sha256', Buffer.from(seed, 'hex')).update(`${i}:${t}`).digest().readUInt32BE(0);
        if (x < limit) break;
      }
      const j = i + (x % range);
      [order[i], order[j]] = [order[j], order[i]];
    }
    expected = order.slice(0, Math.min(reward.winners, list.length)).map((k) => list[k]);
  }
}
if (expected.length !== winners.length || expected.some((e, k) => e !== winners[k])) fail(`the winners should be ${expected.join(', ') || 'nobody'}`);

// 5. With --secret: this viewer's own guess is in the list.
let mine;
if (secret) {
  const entry = createHash('sha256').update(`${id}:${secret}`, 'utf8').digest('hex');
  mine = guesses.find((g) => g.entry === entry);
  if (!mine) fail(`your entry ${entry.slice(0, 8)}… has no guess in the list`);
}

console.log(
  `OK: the answer ${canonical} was committed before the first guess; ${winners.length} winner(s) of ${guesses.length} guesses follow from the ${reward.type} rule`,
);
for (const winner of winners) console.log(`  ${winner}`);
if (mine) console.log(`your guess ${JSON.stringify(mine.value)} is in the list; ${winners.includes(mine.entry) ? 'it won' : 'it did not win'}`);
