import type { RoomConnection } from '../../room-connection.js';
import { EntrySecrets } from './entry-secret.js';

/**
 * This viewer's entry ticket for a lottery: hex SHA-256 of `<lottery id>:<secret>`, with a 32-byte secret this
 * client drew for this server and viewer and keeps in the connection's storage (never sent; see {@link EntrySecrets}).
 * {@link enter} sends it; it is the viewer's id in the published entry list, so a page can find its own entry
 * without trusting the server's word. `undefined` before the viewer is known, or where WebCrypto is missing
 * (plain http off localhost).
 */
export async function entryTicket(conn: Pick<RoomConnection, 'server' | 'storage' | '$viewer'>, interaction: string): Promise<string | undefined> {
  const viewer = conn.$viewer.get();
  if (viewer === undefined) return undefined;
  return new EntrySecrets(conn.storage, conn.server).ticket(interaction, viewer).catch(() => undefined);
}
