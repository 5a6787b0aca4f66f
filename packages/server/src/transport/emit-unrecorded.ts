import type { Socket } from 'socket.io';

/** The socket.io 4 internal that writes one packet to a socket's connection (what `emit` did before connection-state recovery). */
interface PacketWriter {
  packet(packet: { type: number; data: unknown[] }): void;
  notifyOutgoingListeners?(packet: { type: number; data: unknown[] }): void;
}

/** socket.io's packet type of an event (`socket.io-parser`'s `PacketType.EVENT`). */
const EVENT_PACKET = 2;

/**
 * Emits `event` to this one socket **without** connection-state recovery's record of it.
 *
 * With `connectionStateRecovery` on, socket.io (4.x) sends every `socket.emit` through the adapter, which keeps
 * the packet for `maxDisconnectionDuration` (2 minutes here) so that a recovered session gets what it missed; a
 * Redis streams adapter writes each one to its stream. That is right for room updates, and wrong for what the
 * client never needs again: the batched `acked` answers (docs/protocol.md, "Batched answers": an answer lost
 * with its connection is never re-sent; the client re-sends the action with its key). Kept, they are most of
 * the server's heap under load: 20 s of the ingest benchmark (~2,500 `acked` frames a second) left 322 MB of
 * heap after a full GC, against 31 MB when they are sent through here (bench/README.md).
 *
 * Delivery is the same as `emit`'s on a live connection (same frame, same order with the socket's other
 * packets); on a closed connection the event is dropped, as `emit` drops it without recovery. Outgoing
 * listeners (`socket.onAnyOutgoing`) still see it.
 */
export function emitUnrecorded(socket: Socket, event: string, ...args: unknown[]): void {
  const packet = { type: EVENT_PACKET, data: [event, ...args] };
  const writer = socket as unknown as PacketWriter;
  writer.notifyOutgoingListeners?.(packet);
  writer.packet(packet);
}
