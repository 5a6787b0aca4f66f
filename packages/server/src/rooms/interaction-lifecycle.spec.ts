import { describe, expect, it } from 'vitest';
import { isAcceptingAt, transition } from './interaction-lifecycle.js';
import type { InteractionRecord } from '../store/store.js';

const draft = (extra: Partial<InteractionRecord> = {}): InteractionRecord => ({
  id: 'i1',
  room: 'r',
  kind: 'poll',
  status: 'draft',
  createdAt: 1_000,
  config: {},
  ...extra,
});

describe('interaction lifecycle', () => {
  it('opens a draft and stamps openedAt', () => {
    expect(transition(draft(), 'open', 2_000)).toEqual({ ok: true, value: { ...draft(), status: 'open', openedAt: 2_000 } });
  });

  it('sets the deadline from the opening time when there is a duration', () => {
    const opened = transition(draft({ durationSeconds: 30 }), 'open', 5_000);
    expect(opened).toMatchObject({ ok: true, value: { openedAt: 5_000, closesAt: 35_000 } });
  });

  it('closes an open interaction and a draft', () => {
    const open = { ...draft(), status: 'open' as const, openedAt: 2_000 };
    expect(transition(open, 'closed', 3_000)).toMatchObject({ ok: true, value: { status: 'closed', closedAt: 3_000 } });
    expect(transition(draft(), 'closed', 3_000)).toMatchObject({ ok: true, value: { status: 'closed', closedAt: 3_000 } });
  });

  it('closes at the deadline when the close comes late', () => {
    const open = { ...draft({ durationSeconds: 10 }), status: 'open' as const, openedAt: 2_000, closesAt: 12_000 };
    expect(transition(open, 'closed', 99_000)).toMatchObject({ ok: true, value: { closedAt: 12_000 } });
    expect(transition(open, 'closed', 5_000)).toMatchObject({ ok: true, value: { closedAt: 5_000 } });
  });

  it('treats opening an open interaction as a harmless repeat', () => {
    const open = { ...draft(), status: 'open' as const, openedAt: 2_000 };
    const result = transition(open, 'open', 9_000);
    expect(result).toEqual({ ok: true, value: open });
    expect(result.ok && result.value).toBe(open);
  });

  it('never leaves closed', () => {
    const closed = { ...draft(), status: 'closed' as const, closedAt: 2_000 };
    expect(transition(closed, 'open', 3_000)).toMatchObject({ ok: false, error: { code: 'already_closed' } });
    expect(transition(closed, 'closed', 3_000)).toMatchObject({ ok: false, error: { code: 'already_closed' } });
  });

  it('does not modify the record it is given', () => {
    const record = draft({ durationSeconds: 5 });
    const copy = structuredClone(record);
    transition(record, 'open', 7_000);
    expect(record).toEqual(copy);
  });

  it('accepts entries only while open and before the deadline', () => {
    const open = { ...draft(), status: 'open' as const, openedAt: 0, closesAt: 10_000 };
    expect(isAcceptingAt(open, 9_999)).toBe(true);
    expect(isAcceptingAt(open, 10_000)).toBe(false);
    expect(isAcceptingAt(draft(), 0)).toBe(false);
    expect(isAcceptingAt({ ...open, closesAt: undefined }, 1e15)).toBe(true);
  });
});
