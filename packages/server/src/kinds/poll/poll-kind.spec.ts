import { describe, expect, it } from 'vitest';
import { PollSpecSchema, parse } from '@oncue/protocol';
import { pollKind } from './poll-kind.js';

function configure(input: Record<string, unknown>) {
  const spec = parse(PollSpecSchema, { kind: 'poll', question: 'Q?', options: [{ label: 'a' }, { label: 'b' }, { label: 'c' }], ...input });
  if (!spec.ok) throw new Error(spec.error.message);
  return pollKind.configure(spec.value);
}

/** What the server passes a poll's `vote` (the poll reads none of it). */
const CONTEXT = { record: { id: 'p1', room: 'r', kind: 'poll', status: 'open' as const, createdAt: 0, config: {} }, action: 'vote', now: 0, linkDelayMs: 0 };

describe('poll kind', () => {
  it('resolves defaults: one choice, live results, opened at once', () => {
    expect(configure({})).toEqual({
      config: {
        question: 'Q?',
        options: [{ label: 'a' }, { label: 'b' }, { label: 'c' }],
        multi: false,
        maxChoices: 1,
        allowChange: false,
        results: 'live',
      },
      durationSeconds: undefined,
      draft: false,
    });
    expect(configure({ multi: true }).config.maxChoices).toBe(3);
    expect(configure({ multi: true, maxChoices: 2 }).config.maxChoices).toBe(2);
  });

  it('sorts choices and refuses repeats, out-of-range and too many', () => {
    const { config } = configure({ multi: true, maxChoices: 2 });
    expect(pollKind.participate(config, undefined, { choices: [2, 0] }, CONTEXT)).toEqual({ ok: true, value: { choices: [0, 2] } });
    for (const choices of [[0, 0], [3], [-1], [0, 1, 2], []]) {
      expect(pollKind.participate(config, undefined, { choices }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    }
  });

  it('refuses a second entry unless changes are allowed', () => {
    const strict = configure({}).config;
    const lenient = configure({ allowChange: true }).config;
    expect(pollKind.participate(strict, { choices: [0] }, { choices: [1] }, CONTEXT)).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(pollKind.participate(lenient, { choices: [0] }, { choices: [1] }, CONTEXT)).toEqual({ ok: true, value: { choices: [1] } });
  });

  it('moves a changed vote between options in the tally', () => {
    const { config } = configure({ multi: true });
    const tally = pollKind.emptyTally(config);
    pollKind.count(tally, undefined, { choices: [0, 1] });
    pollKind.count(tally, undefined, { choices: [1] });
    pollKind.count(tally, { choices: [0, 1] }, { choices: [2] });
    expect(tally).toEqual([0, 1, 1]);
  });

  it('hides the tally from viewers until an after-close poll closes, never from hosts', () => {
    const { config } = configure({ results: 'after-close' });
    const record = { id: 'p', room: 'r', kind: 'poll', status: 'open' as const, createdAt: 1, openedAt: 1, config };
    const context = { record, config, tally: [1, 2, 0], participants: 3 };
    expect(pollKind.view({ ...context, audience: 'viewer' })).not.toHaveProperty('tally');
    expect(pollKind.view({ ...context, audience: 'host' })).toMatchObject({ tally: [1, 2, 0], voters: 3 });
    expect(pollKind.view({ ...context, record: { ...record, status: 'closed', closedAt: 2 }, audience: 'viewer' })).toMatchObject({ tally: [1, 2, 0] });
  });
});
