import { sha256Hex } from '../lottery/lottery-ticket.js';

/** What the host puts in the box: an option index (`choice`), a number (`number`) or the accepted texts (`text`). */
export type BlindboxAnswer = { type: 'choice'; answer: number } | { type: 'number'; answer: number } | { type: 'text'; answer: readonly string[] };

/**
 * The canonical answer JSON the commitment covers: `{"type":…,"answer":…}`, those two keys in that order, no
 * white space, strings as JSON.stringify writes them (UTF-8, only `"`, `\` and control characters escaped: the
 * same as Python's `json.dumps(…, ensure_ascii=False, separators=(',', ':'))` for the texts a launch accepts),
 * integers in plain decimal. Accepted texts are committed as the host typed them, in their order.
 */
export function blindboxAnswerJson(box: BlindboxAnswer): string {
  return JSON.stringify({ type: box.type, answer: box.answer });
}

/** The commitment published at launch: lowercase hex SHA-256 of UTF-8 `<canonical answer JSON>:<salt>`, the salt 64 lowercase hex characters. */
export function blindboxCommitment(box: BlindboxAnswer, saltHex: string): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(saltHex)) return Promise.reject(new Error('a salt is 64 lowercase hex characters'));
  return sha256Hex(`${blindboxAnswerJson(box)}:${saltHex}`);
}
