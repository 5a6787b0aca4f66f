import { describe, expect, it } from 'vitest';
import { jsonSizeBound } from './json-size-bound.js';
import { parse } from './parse.js';
import * as v from 'valibot';

const utf8 = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value) ?? '').length;

describe('jsonSizeBound', () => {
  it('is never below the UTF-8 size of the JSON', () => {
    const values: unknown[] = [
      { interaction: 'p1', action: 'vote', payload: { choices: [0, 3] }, key: 'abcdefgh-1' },
      { interaction: 'q', action: 'answer', payload: { question: 2, choice: 1 }, key: '0f8fad5b-d9cb-469f-a165-70867728950e' },
      { fields: { name: 'Zoë 投票 🎉', email: 'a@b.example', note: '\u0000\u001f"\\\n\ud800' } },
      [1.7976931348623157e308, -2.2250738585072014e-308, Number.MIN_VALUE, -0, NaN, Infinity, 123456789012345680000],
      [undefined, () => 1, Symbol('s'), null, true, false],
      { a: undefined, b: () => 1, c: [[[[]]]], d: {}, '': '', ключ: 'значение' },
      'x'.repeat(1000),
      Object.assign(Object.create(null) as object, { plain: 'no prototype' }),
      42,
      null,
    ];
    for (const value of values) expect(jsonSizeBound(value, Infinity), JSON.stringify(value)).toBeGreaterThanOrEqual(utf8(value));
  });

  it('gives up (Infinity) past the limit, and on what JSON.stringify serialises its own way or refuses', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(jsonSizeBound({ key: 'x'.repeat(100) }, 500)).toBe(Infinity);
    expect(jsonSizeBound(cyclic, 8192)).toBe(Infinity);
    expect(jsonSizeBound({ n: 1n }, 8192)).toBe(Infinity);
    expect(jsonSizeBound({ at: new Date(0) }, 8192)).toBe(Infinity);
    expect(jsonSizeBound({ custom: { toJSON: () => 'x'.repeat(9000) } }, 8192)).toBe(Infinity);
    expect(jsonSizeBound([new Map([['a', 1]])], 8192)).toBe(Infinity);
    expect(jsonSizeBound(Object.assign(new Number(12345), {}), 8192)).toBe(Infinity);
  });

  it('leaves parse answering as before: exact sizes near the limit, refusals of what cannot be serialised', () => {
    const text = v.object({ text: v.string() });
    // Bounded above the limit (6 bytes a character), measured below it: accepted.
    expect(parse(text, { text: 'a'.repeat(8000) }).ok).toBe(true);
    const tooLarge = parse(text, { text: 'a'.repeat(8190) });
    expect(tooLarge.ok ? 'ok' : tooLarge.error).toEqual({ code: 'payload_too_large', message: 'payload is 8201 bytes; the limit is 8192' });
    const withBigint = parse(v.unknown(), { n: 1n });
    expect(withBigint.ok ? 'ok' : withBigint.error.code).toBe('bad_request');
    const throwing = parse(v.unknown(), {
      toJSON: () => {
        throw new Error('no');
      },
    });
    expect(throwing.ok ? 'ok' : throwing.error.code).toBe('bad_request');
  });
});
