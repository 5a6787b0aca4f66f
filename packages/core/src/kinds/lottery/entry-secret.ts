import { bytesToHex, lotteryEntryTicket } from '@oncue/protocol';
import { readItem, writeItem, type KeyValueStorage } from '../../key-value-storage.js';

/**
 * The viewer's giveaway entry secrets: 32 random bytes per server and viewer,
 * drawn on first use and kept in the storage next to the viewer token
 * (`oncue:entry-secret:<server>:<viewer>`), never sent anywhere. A lottery
 * entry goes in under the ticket `lotteryEntryTicket(lottery, secret)`, so the
 * published entry list cannot be linked to viewer ids, and the viewer finds
 * its own entry by recomputing its ticket, without trusting the server.
 *
 * One secret per viewer (not per browser): two people signing in on one
 * browser get different tickets for the same lottery.
 */
export class EntrySecrets {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly server: string,
  ) {}

  /** This viewer's secret (64 hex), drawn and stored on first use. */
  secret(viewer: string): string {
    const key = `oncue:entry-secret:${this.server}:${viewer}`;
    const stored = readItem(this.storage, key);
    if (stored && /^[0-9a-f]{64}$/.test(stored)) return stored;
    const secret = bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
    writeItem(this.storage, key, secret);
    return secret;
  }

  /** This viewer's ticket for a lottery; `undefined` where WebCrypto is unavailable (a page on plain http other than localhost). */
  async ticket(interaction: string, viewer: string): Promise<string | undefined> {
    if (!globalThis.crypto?.subtle) return undefined;
    return lotteryEntryTicket(interaction, this.secret(viewer));
  }
}
