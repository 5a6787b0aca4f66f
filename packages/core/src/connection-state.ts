/**
 * Where a room connection stands:
 * - `connecting`: first attempt, never open yet (also while retrying a first attempt);
 * - `open`: connected to the server;
 * - `reconnecting`: was open, dropped, socket.io-client is retrying with backoff;
 * - `failed`: the server refused the handshake (`unauthorized` / `bad_request`); no more retries.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'failed';
