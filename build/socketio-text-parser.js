// Stand-in for `socket.io-parser` in the script-tag bundles: the same wire
// format (protocol 5) for text packets only. OnCue's protocol is JSON and never
// sends binary attachments, so the binary encoder/reconstructor (and the
// `hasBinary` walk over every outgoing payload) stay out of `oncue.min.js`.
// rollup.config.js points socket.io-client's imports here; the server keeps
// the real parser. build/socketio-text-parser.spec.ts checks both directions
// against the real parser.
import { Emitter } from '@socket.io/component-emitter';

export const protocol = 5;

export const PacketType = { CONNECT: 0, DISCONNECT: 1, EVENT: 2, ACK: 3, CONNECT_ERROR: 4, BINARY_EVENT: 5, BINARY_ACK: 6 };

const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
const isObject = (value) => Object.prototype.toString.call(value) === '[object Object]';

export class Encoder {
  encode(packet) {
    let text = '' + packet.type;
    if (packet.nsp && packet.nsp !== '/') text += packet.nsp + ',';
    if (packet.id != null) text += packet.id;
    if (packet.data != null) text += JSON.stringify(packet.data);
    return [text];
  }
}

export class Decoder extends Emitter {
  add(text) {
    if (typeof text !== 'string') throw new Error('binary packets are not supported');
    this.emitReserved('decoded', decode(text));
  }

  destroy() {}
}

function decode(text) {
  const type = Number(text.charAt(0));
  if (!(type >= 0 && type <= 4)) throw new Error('unknown packet type ' + text.charAt(0));
  const packet = { type, nsp: '/' };
  let i = 1;
  if (text.charAt(i) === '/') {
    const comma = text.indexOf(',', i);
    const end = comma < 0 ? text.length : comma;
    packet.nsp = text.slice(i, end);
    i = end + 1;
  }
  const id = /^\d+/.exec(text.slice(i));
  if (id) {
    packet.id = Number(id[0]);
    i += id[0].length;
  }
  if (i < text.length) {
    let data;
    try {
      data = JSON.parse(text.slice(i));
    } catch {
      throw new Error('invalid payload');
    }
    if (!valid(type, data)) throw new Error('invalid payload');
    packet.data = data;
  }
  return packet;
}

function valid(type, data) {
  switch (type) {
    case PacketType.CONNECT:
      return isObject(data);
    case PacketType.DISCONNECT:
      return data === undefined;
    case PacketType.CONNECT_ERROR:
      return typeof data === 'string' || isObject(data);
    case PacketType.EVENT:
      return Array.isArray(data) && (typeof data[0] === 'number' || (typeof data[0] === 'string' && !RESERVED.includes(data[0])));
    default:
      return Array.isArray(data);
  }
}
