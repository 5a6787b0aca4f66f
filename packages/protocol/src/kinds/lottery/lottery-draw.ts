/**
 * The lottery draw, shared by the server (which draws) and the browser (which
 * verifies): commit–reveal with a seed committed at launch, and a partial
 * Fisher–Yates shuffle of the sorted entry list driven by HMAC-SHA-256 of the
 * seed. WebCrypto only (`globalThis.crypto.subtle`: Node 20, every browser),
 * no validation library, so the viewer bundle can carry it.
 *
 * The algorithm, byte for byte (docs/lottery.md has a worked example):
 *
 * - seed: 32 random bytes, written as 64 lowercase hex characters;
 * - commitment: lowercase hex of SHA-256(seed bytes);
 * - entry secret of a viewer: 32 random bytes the viewer's client draws once (per server and viewer) and
 *   keeps to itself, written as 64 lowercase hex characters;
 * - entry id (the ticket) of a viewer: lowercase hex of SHA-256(UTF-8 of `<interaction id>:<entry secret hex>`),
 *   sent by the client with `enter`; nobody without the secret can tell whose it is (a viewer id, a name or an
 *   enumerated numeric user id hashes to nothing in the list), and the viewer recomputes it to find itself;
 * - entry list: the distinct entry ids, sorted ascending (plain string order,
 *   which for lowercase hex is byte order);
 * - order: start from `a = [0, 1, …, n−1]`; for `i = 0, 1, …` swap `a[i]` with
 *   `a[i + r]` where `r` is uniform in `[0, n−i)`: for attempt `t = 0, 1, …`
 *   take `h = HMAC-SHA-256(key = seed bytes, message = UTF-8 of "<i>:<t>")`,
 *   `x` = the first 4 bytes of `h` as a big-endian unsigned 32-bit integer;
 *   accept `r = x mod (n−i)` if `x < 2^32 − (2^32 mod (n−i))`, else try the next `t`
 *   (rejection sampling: no modulo bias);
 * - winners of the first `k` prizes: `entryList[a[0]], …, entryList[a[k−1]]`.
 *   Each step depends only on `i`, so the first `k` positions are the same
 *   whatever is drawn later: a redraw takes the next positions (`a[k]`, …).
 */

import { sha256Hex, subtleCrypto as subtle } from './lottery-ticket.js';

const encoder = new TextEncoder();
const TWO_32 = 2 ** 32;

/** Bytes of a hex string; throws on odd length or a non-hex character. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error('not a hex string');
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** The commitment published at launch: hex SHA-256 of the seed's bytes. */
export function lotteryCommitment(seedHex: string): Promise<string> {
  return sha256Hex(hexToBytes(seedHex));
}

/** The entry list as the draw uses it: distinct ids, ascending. */
export function sortEntryList(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The first `count` positions of the draw order: indexes into the entry list (fewer when the list is shorter).
 * Works from the list's size alone and keeps only the swapped positions, so a draw over millions of entries
 * costs what its `count` steps cost.
 */
export async function drawOrder(seedHex: string, size: number, count: number): Promise<number[]> {
  const key = await subtle().importKey('raw', hexToBytes(seedHex), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  /** `a[p]` of the algorithm for the positions swapped so far; every other position still holds its own index. */
  const swapped = new Map<number, number>();
  const at = (p: number): number => swapped.get(p) ?? p;
  const steps = Math.min(count, size);
  const order: number[] = [];
  for (let i = 0; i < steps; i++) {
    const range = size - i;
    const limit = TWO_32 - (TWO_32 % range);
    let r = 0;
    for (let attempt = 0; ; attempt++) {
      const mac = new DataView(await subtle().sign('HMAC', key, encoder.encode(`${i}:${attempt}`)));
      const x = mac.getUint32(0, false);
      if (x < limit) {
        r = x % range;
        break;
      }
    }
    const j = i + r;
    const [ai, aj] = [at(i), at(j)];
    swapped.set(i, aj);
    swapped.set(j, ai);
    order.push(aj);
  }
  return order;
}

/** The first `count` winners of a draw from `seedHex` and the sorted `entryList` (any indexable list: a lazy one too). */
export async function drawWinners(seedHex: string, entryList: ArrayLike<string>, count: number): Promise<string[]> {
  const order = await drawOrder(seedHex, entryList.length, count);
  return order.map((i) => entryList[i]!);
}

/** What anyone needs to check a draw: all public once the draw happened. */
export interface DrawProof {
  commitment: string;
  seed: string;
  entryList: readonly string[];
  /** Every winner of every draw of the lottery, in draw order (redraws after the first draw). */
  winners: readonly string[];
}

export type DrawCheck =
  | { ok: true }
  /** `commitment`: the seed does not hash to the commitment; `list`: the list is not sorted and distinct; `winners`: they are not what the seed and list give. */
  | { ok: false; reason: 'commitment' | 'list' | 'winners' };

/** Recomputes a draw from its proof and says whether it holds. */
export async function verifyDraw(proof: DrawProof): Promise<DrawCheck> {
  let commitment: string;
  try {
    commitment = await lotteryCommitment(proof.seed);
  } catch {
    return { ok: false, reason: 'commitment' };
  }
  if (commitment !== proof.commitment.toLowerCase()) return { ok: false, reason: 'commitment' };
  const sorted = sortEntryList(proof.entryList);
  if (sorted.length !== proof.entryList.length || sorted.some((id, i) => id !== proof.entryList[i])) return { ok: false, reason: 'list' };
  const expected = await drawWinners(proof.seed, proof.entryList, proof.winners.length);
  const same = expected.length === proof.winners.length && expected.every((id, i) => id === proof.winners[i]);
  return same ? { ok: true } : { ok: false, reason: 'winners' };
}
