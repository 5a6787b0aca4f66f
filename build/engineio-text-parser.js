// Stand-in for `engine.io-parser` in the script-tag bundles: what engine.io-client's WebSocket transport uses
// (`protocol`, `encodePacket`, `decodePacket`), for text packets only. Over WebSocket every OnCue packet is
// text (socket.io's text encoder, engine.io's pings), so the Blob/ArrayBuffer encoders, the FileReader base64
// path and the base64 decoder (used only by HTTP long-polling, which the SDK never runs) stay out of
// `oncue.min.js`. A binary frame (never sent by the server) is handed on as the real parser does over WebSocket.
// rollup.config.js points engine.io-client's imports here; the server keeps the real parser.
// build/engineio-text-parser.spec.ts checks it against the real parser.

export const protocol = 4;

const TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'];
const ERROR_PACKET = { type: 'error', data: 'parser error' };

/**
 * `supportsBinary` is ignored: there is no binary to send.
 * @param {{ type: string, data?: unknown }} packet
 * @param {boolean} supportsBinary
 * @param {(encoded: string) => void} callback
 */
export function encodePacket({ type, data }, supportsBinary, callback) {
  if (data != null && typeof data !== 'string') throw new Error('binary packets are not supported');
  return callback(TYPES.indexOf(type) + (data || ''));
}

export function decodePacket(encoded) {
  if (typeof encoded !== 'string') return { type: 'message', data: encoded };
  const type = TYPES[encoded.charAt(0)];
  if (!type) return ERROR_PACKET;
  return encoded.length > 1 ? { type, data: encoded.substring(1) } : { type };
}
