/** The parts of an engine.io connection that hold what a client has not read yet (engine.io 6 internals). */
export interface EngineConnection {
  writeBuffer?: readonly { data?: unknown }[];
  transport?: { name?: string; socket?: { bufferedAmount?: number } };
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): unknown;
  on(event: 'flush', listener: () => void): unknown;
}

/**
 * Counts what the server holds for one connection that its client has not
 * read: packets engine.io queues while its transport is busy (they pile up when
 * the client does not read) plus what the WebSocket still buffers
 * (`bufferedAmount`). Kept incrementally from engine.io's `packetCreate` and
 * `flush` events, so each check is O(1).
 */
export class UnreadBytes {
  private queued = 0;

  constructor(private readonly conn: EngineConnection) {
    conn.on('packetCreate', (packet) => {
      this.queued += sizeOf(packet.data);
    });
    conn.on('flush', () => {
      this.queued = 0;
    });
  }

  /** Bytes waiting for the client right now. */
  get bytes(): number {
    const transport = this.conn.transport;
    const buffered = transport?.name === 'websocket' ? (transport.socket?.bufferedAmount ?? 0) : 0;
    return this.queued + buffered;
  }
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return data === undefined ? 0 : 64;
}
