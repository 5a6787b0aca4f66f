import * as real from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import * as text from './socketio-text-parser.js';

type Packet = { type: number; nsp: string; id?: number; data?: unknown };

const PACKETS: Packet[] = [
  { type: 0, nsp: '/', data: { sid: 'abc', pid: 'p1' } },
  { type: 0, nsp: '/admin', data: { token: 'x' } },
  { type: 1, nsp: '/' },
  { type: 2, nsp: '/', data: ['vote', { interaction: 'i1', choices: [0, 2], key: 'k-12345678' }] },
  { type: 2, nsp: '/', id: 7, data: ['answer', { question: 1, choice: 0 }] },
  { type: 2, nsp: '/room', id: 12345, data: ['update', { text: 'a,b/1 "quoted" 中文 🎉', n: -1.5, none: null }] },
  { type: 3, nsp: '/', id: 42, data: [{ ok: true, value: { at: 1800000000000 } }] },
  { type: 3, nsp: '/', id: 0, data: [] },
  { type: 4, nsp: '/', data: { message: 'refused', data: { code: 'unauthorized', message: 'the host token is wrong' } } },
  { type: 4, nsp: '/', data: 'Invalid namespace' },
];

function decodeWith(Decoder: new () => { on(e: string, f: (p: unknown) => void): void; add(s: string): void }, encoded: string): unknown {
  const decoder = new Decoder();
  let out: unknown;
  decoder.on('decoded', (p) => (out = p));
  decoder.add(encoded);
  return out;
}

describe('the text-only socket.io parser of the script-tag bundle', () => {
  it('encodes every packet exactly as socket.io-parser does', () => {
    for (const packet of PACKETS) {
      expect(new text.Encoder().encode(packet), JSON.stringify(packet)).toEqual(new real.Encoder().encode(packet));
    }
  });

  it('decodes what socket.io-parser encodes, and socket.io-parser decodes what it encodes', () => {
    for (const packet of PACKETS) {
      const [fromReal] = new real.Encoder().encode(packet) as string[];
      expect(decodeWith(text.Decoder, fromReal!), fromReal).toEqual(decodeWith(real.Decoder, fromReal!));
      const [fromText] = new text.Encoder().encode(packet) as string[];
      expect(decodeWith(real.Decoder, fromText!), fromText).toEqual(packet);
    }
  });

  it('refuses what socket.io-parser refuses, and binary packets', () => {
    for (const bad of ['9', 'x', '2{"not":"an array"}', '2["connect"]', '0[]', '1"x"', '3{}', '2[1', '51-["e",{"_placeholder":true,"num":0}]']) {
      expect(() => decodeWith(text.Decoder, bad), bad).toThrow();
      expect(() => decodeWith(real.Decoder, bad.startsWith('5') ? '9' : bad), bad).toThrow();
    }
    expect(() => new text.Decoder().add(new Uint8Array([1]) as unknown as string)).toThrow(/binary/);
  });

  it('has the constants socket.io-client reads', () => {
    expect(text.protocol).toBe(real.protocol);
    for (const [name, value] of Object.entries(text.PacketType)) expect(real.PacketType[name as keyof typeof real.PacketType]).toBe(value);
  });
});
