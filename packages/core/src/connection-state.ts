/**
 * Where a room connection stands:
 * - `connecting`: first attempt, never open yet;
 * - `unreachable`: never open yet, and an attempt failed (server down, network blocked); retrying with backoff;
 * - `open`: connected to the server;
 * - `reconnecting`: was open, dropped, socket.io-client is retrying with backoff;
 * - `failed`: the server refused the handshake (`unauthorized`, `bad_request`, or `bad_viewer_token`: the signed
 *   viewer token passed to `connect()` does not verify); no more retries.
 */
export type ConnectionState = 'connecting' | 'unreachable' | 'open' | 'reconnecting' | 'failed';
