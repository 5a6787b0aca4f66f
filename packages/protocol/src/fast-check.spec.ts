import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ActRequestSchema } from './act.js';
import { fastCheckOf } from './fast-check.js';
import { VotePayloadSchema } from './kinds/poll/poll-actions.js';
import { validate } from './parse.js';

/** What valibot alone answers (validate without the fast check). */
function byValibot(schema: v.GenericSchema, input: unknown): unknown {
  const result = v.safeParse(schema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false };
}

/** Every variant of `base` with one field replaced by each of `values` or left out, plus extra fields. */
function variants(base: Record<string, unknown>, values: readonly unknown[]): unknown[] {
  const out: unknown[] = [base, { ...base, extra: 1 }, [], null, undefined, 'act', 42, Object.assign([1], base)];
  for (const field of Object.keys(base)) {
    const { [field]: _left, ...without } = base;
    out.push(without);
    for (const value of values) out.push({ ...base, [field]: value });
  }
  return out;
}

const odd: unknown[] = [
  undefined,
  null,
  '',
  'p1',
  'vote',
  'Vote',
  'a'.repeat(32),
  'a'.repeat(33),
  'abcdefgh',
  'abcdefg',
  'k'.repeat(64),
  'k'.repeat(65),
  'has space',
  'ünïcode-key',
  'abc\ndefgh',
  0,
  1,
  -1,
  1.5,
  NaN,
  Infinity,
  true,
  [],
  [0],
  [0, 1, 2],
  [1, 1],
  [0.5],
  ['0'],
  [NaN],
  [-0],
  [Infinity],
  Array.from({ length: 10 }, (_, i) => i),
  Array.from({ length: 11 }, (_, i) => i),
  // biome-ignore lint/suspicious/noSparseArray: a hole is one of the inputs the check must refuse like valibot.
  [0, , 2],
  {},
  { choices: [1] },
];

describe('fast checks', () => {
  for (const [name, schema, base] of [
    ['ActRequestSchema', ActRequestSchema, { interaction: 'p1', action: 'vote', payload: { choices: [0] }, key: 'abcdefgh-1' }],
    ['VotePayloadSchema', VotePayloadSchema, { choices: [2, 0] }],
  ] as const) {
    it(`${name}: accepts only what valibot accepts, with the same output (fields, order, copies)`, () => {
      const check = fastCheckOf(schema)!;
      expect(check).toBeTypeOf('function');
      let accepted = 0;
      for (const input of variants(base, odd)) {
        const fast = check(input);
        if (fast !== undefined) {
          accepted += 1;
          const expected = byValibot(schema, input) as { ok: boolean; value?: unknown };
          expect(expected.ok, JSON.stringify(input)).toBe(true);
          expect(fast).toStrictEqual(expected.value);
          expect(Object.keys(fast as object)).toEqual(Object.keys(expected.value as object));
        }
        // Whatever the check says, validate answers exactly what valibot answers.
        const answered = validate(schema, input);
        const expected = byValibot(schema, input) as { ok: boolean; value?: unknown };
        expect(answered.ok, JSON.stringify(input)).toBe(expected.ok);
        if (answered.ok) expect(answered.value).toStrictEqual(expected.value);
      }
      expect(accepted).toBeGreaterThan(5);
    });
  }

  it('keeps payload as sent (also undefined, when present) and leaves it out when absent', () => {
    const check = fastCheckOf(ActRequestSchema)!;
    expect(check({ interaction: 'p1', action: 'vote', key: 'abcdefgh-1' })).toStrictEqual({ interaction: 'p1', action: 'vote', key: 'abcdefgh-1' });
    expect(check({ interaction: 'p1', action: 'vote', payload: undefined, key: 'abcdefgh-1' })).toStrictEqual({
      interaction: 'p1',
      action: 'vote',
      payload: undefined,
      key: 'abcdefgh-1',
    });
    const payload = { deep: [1, { x: 2 }] };
    expect((check({ interaction: 'p1', action: 'vote', payload, key: 'abcdefgh-1' }) as { payload: unknown }).payload).toBe(payload);
  });

  it('copies the choices (the entry never shares the request array)', () => {
    const choices = [3, 1];
    const out = fastCheckOf(VotePayloadSchema)!({ choices }) as { choices: number[] };
    expect(out.choices).toEqual([3, 1]);
    expect(out.choices).not.toBe(choices);
  });

  it('leaves refusals to valibot, worded as before', () => {
    const result = validate(VotePayloadSchema, { choices: [0.5] }, 'payload');
    expect(result.ok ? 'ok' : result.error.message).toMatch(/^payload\.choices\.0: choices must be integers/);
    const envelope = validate(ActRequestSchema, { interaction: 'p1', action: 'Vote', key: 'abcdefgh-1' });
    expect(envelope.ok ? 'ok' : envelope.error.message).toMatch(/^action: /);
  });
});
