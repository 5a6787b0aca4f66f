/**
 * The lottery's hashing primitives and the viewer's entry ticket (see lottery-draw.ts for the whole algorithm).
 * Apart from the draw and its verification so that a viewer entering a lottery loads only these few lines; the
 * script-tag SDK fetches the verification on demand, when the viewer verifies a draw.
 */

const encoder = new TextEncoder();
/** WebCrypto's `subtle`, or a clear error where the page has none (plain http other than localhost). */
export function subtleCrypto(): SubtleCrypto {
  const crypto = globalThis.crypto;
  if (!crypto?.subtle) throw new Error('WebCrypto (crypto.subtle) is not available: use https or localhost');
  return crypto.subtle;
}

/** Lowercase hex of bytes. */
export function bytesToHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let hex = '';
  for (const byte of view) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Lowercase hex SHA-256 of a string (UTF-8) or bytes. */
export async function sha256Hex(input: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  return bytesToHex(await subtleCrypto().digest('SHA-256', bytes));
}

/** An entry secret or an entry ticket: 64 lowercase hex characters (32 bytes). */
export const ENTRY_HEX = /^[0-9a-f]{64}$/;

/**
 * A viewer's entry ticket for one lottery, its id in the published entry list:
 * hex SHA-256 of `<interaction>:<secret>`, where `secret` is the 64-hex entry
 * secret only the viewer's client holds. Salted per lottery, so the tickets of
 * one viewer in two lotteries cannot be linked; derived from no viewer id, so
 * no enumeration of viewer ids finds it.
 */
export function lotteryEntryTicket(interaction: string, secretHex: string): Promise<string> {
  if (!ENTRY_HEX.test(secretHex)) return Promise.reject(new Error('an entry secret is 64 lowercase hex characters'));
  return sha256Hex(`${interaction}:${secretHex}`);
}
