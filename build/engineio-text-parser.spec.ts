import * as real from 'engine.io-parser';
import { describe, expect, it } from 'vitest';
import * as text from './engineio-text-parser.js';

type Packet = { type: 'open' | 'close' | 'ping' | 'pong' | 'message' | 'upgrade' | 'noop'; data?: string };

const PACKETS: Packet[] = [
  { type: 'open', data: '{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}' },
  { type: 'close' },
  { type: 'ping' },
  { type: 'ping', data: 'probe' },
  { type: 'pong' },
  { type: 'pong', data: 'probe' },
  { type: 'message', data: '42["act",{"interaction":"i1","action":"vote","payload":{"choices":[0]},"key":"k-1"}]' },
  { type: 'message', data: '43/room,7[{"text":"中文 🎉"}]' },
  { type: 'message', data: '' },
  { type: 'upgrade' },
  { type: 'noop' },
];

const encode = (parser: { encodePacket: (p: Packet, b: boolean, cb: (s: unknown) => void) => void }, packet: Packet): unknown => {
  let out: unknown;
  parser.encodePacket(packet, true, (s) => (out = s));
  return out;
};

describe('the text-only engine.io parser of the script-tag bundle', () => {
  it('speaks the same protocol version', () => {
    expect(text.protocol).toBe(real.protocol);
  });

  it('encodes every text packet exactly as engine.io-parser does', () => {
    for (const packet of PACKETS) expect(encode(text, packet), JSON.stringify(packet)).toBe(encode(real, packet));
  });

  it('decodes every text packet exactly as engine.io-parser does, malformed ones included', () => {
    const frames = [...PACKETS.map((p) => encode(real, p) as string), '', '7', 'x', '9abc'];
    for (const frame of frames) expect(text.decodePacket(frame), frame).toEqual(real.decodePacket(frame, 'arraybuffer'));
  });

  it('hands a binary WebSocket frame on as engine.io-parser does, and refuses to send binary', () => {
    const frame = new Uint8Array([1, 2, 3]).buffer;
    expect(text.decodePacket(frame)).toEqual(real.decodePacket(frame, 'arraybuffer'));
    expect(() => encode(text, { type: 'message', data: new Uint8Array([1]) as unknown as string })).toThrow(/binary/);
  });
});
