import type { KeyValueStorage } from './key-value-storage.js';

export interface ConnectionOptions {
  /** The server's origin, e.g. `'http://localhost:8787'` (socket.io's default path `/socket.io`). */
  server: string;
  room: string;
  /** Connect as host (host:* actions allowed). */
  hostToken?: string;
  /**
   * The viewer's display name for leaderboards (the platform nickname, say): 1-32 characters.
   * Sent with the handshake; connections with different names are separate connections.
   */
  name?: string;
  /**
   * A viewer token your backend signed for the signed-in user (with the server's `viewerSecret`,
   * optionally carrying their display name): this connection is that viewer. The token is not stored:
   * connections without it are the browser's anonymous viewer (the server issues an anonymous token on
   * the first connection and the core keeps it; `forgetViewer()` forgets it on logout). A token the
   * server refuses fails the connection: `$connection` 'failed', `$failure` `bad_viewer_token`.
   */
  viewerToken?: string;
  /**
   * Persistent storage for the viewer token and the outbox; default
   * `localStorage` when available, else in-memory. Pass `null` for in-memory
   * (one in-memory storage shared by the page).
   */
  storage?: KeyValueStorage | null;
  /** How long to wait for an answer before re-sending (votes) or retrying (host actions). Default 8000. */
  ackTimeoutMs?: number;
  /** First reconnection delay; doubles per attempt with ±50 % jitter. Default 1000. */
  reconnectionDelayMs?: number;
  /** Longest reconnection delay. Default 5000. */
  reconnectionDelayMaxMs?: number;
}
