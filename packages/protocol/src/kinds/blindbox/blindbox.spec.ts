import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { blindboxAnswerOf, BlindboxSpecSchema } from './blindbox.js';

const base = { kind: 'blindbox', title: "What's in box #3?" } as const;
const choice = { type: 'choice', options: [{ label: 'Lipstick' }, { label: 'Perfume' }, { label: 'Scarf' }] } as const;
const problem = (input: unknown) => {
  const r = v.safeParse(BlindboxSpecSchema, input);
  return r.success ? undefined : `${v.getDotPath(r.issues[0]) ?? ''}: ${r.issues[0].message}`;
};

describe('BlindboxSpecSchema', () => {
  it('takes the issue’s example with its defaults', () => {
    const spec = v.parse(BlindboxSpecSchema, { ...base, guess: choice, answer: 1, reward: { type: 'draw', winners: 3 }, durationSeconds: 120 });
    expect(spec.changeable).toBe(false);
    expect(spec.claim.fields.map((f) => f.id)).toEqual(['contact']);
    expect(blindboxAnswerOf(spec)).toEqual({ type: 'choice', answer: 1 });
    expect(v.parse(BlindboxSpecSchema, { ...base, guess: { type: 'text' }, answer: ['口红'] }).reward).toEqual({ type: 'all' });
  });

  it('refuses an answer that does not fit the guess type, naming the field', () => {
    expect(problem({ ...base, guess: choice, answer: 3 })).toBe('answer: answer must be an option index, 0-2');
    expect(problem({ ...base, guess: choice, answer: ['Lipstick'] })).toBe('answer: answer must be an option index, 0-2');
    expect(problem({ ...base, guess: { type: 'number', min: 0, max: 500 }, answer: 501 })).toBe('answer: answer must be a whole number from 0 to 500');
    expect(problem({ ...base, guess: { type: 'number' }, answer: 2.5 })).toMatch(/^answer: answer must be a whole number/);
    expect(problem({ ...base, guess: { type: 'number', min: 9, max: 1 }, answer: 5 })).toBe('guess: guess.min is above guess.max');
    expect(problem({ ...base, guess: { type: 'text' }, answer: 7 })).toMatch(/^answer: answer must be 1-10 accepted texts/);
    expect(problem({ ...base, guess: { type: 'text' }, answer: ['!!!'] })).toMatch(/^answer: answer must be 1-10 accepted texts/);
    expect(problem({ ...base, guess: { type: 'text' }, answer: ['x'.repeat(41)] })).toMatch(/^answer: /);
  });

  it('gives the closest reward to number guesses only, and keeps choice options to 2-8', () => {
    expect(problem({ ...base, guess: choice, answer: 0, reward: { type: 'closest', winners: 2 } })).toBe('reward: reward closest is for number guesses only');
    expect(problem({ ...base, guess: { type: 'number' }, answer: 4, reward: { type: 'closest', winners: 2 } })).toBeUndefined();
    expect(problem({ ...base, guess: { type: 'choice', options: [{ label: 'One' }] }, answer: 0 })).toMatch(/2-8 options/);
  });
});
