import { describe, expect, it } from 'vitest';
import { memoryStorage } from './key-value-storage.js';
import { Outbox, OUTBOX_LIMIT, OUTBOX_MAX_AGE_MS } from './outbox.js';
import type { PendingAction } from './pending-action.js';

const KEY = 'oncue:outbox:test:room';

function action(n: number, createdAt = 1_000): PendingAction {
  return { key: `key-${String(n).padStart(4, '0')}`, interaction: 'p1', action: 'vote', payload: { choices: [n % 2] }, createdAt };
}

describe('Outbox', () => {
  it('persists an action as soon as it is added and forgets it once removed', () => {
    const storage = memoryStorage();
    const outbox = new Outbox(storage, KEY, () => 1_000);
    outbox.add(action(1));
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual([action(1)]);
    expect(outbox.$pending.get()).toEqual([action(1)]);
    outbox.remove(action(1).key);
    expect(storage.getItem(KEY)).toBeNull();
    expect(outbox.$pending.get()).toEqual([]);
  });

  it('loads what a previous page left behind', () => {
    const storage = memoryStorage();
    new Outbox(storage, KEY, () => 1_000).add(action(1));
    expect(new Outbox(storage, KEY, () => 1_000).$pending.get()).toEqual([action(1)]);
  });

  it('keeps actions of every kind side by side and drops malformed entries when loading', () => {
    const storage = memoryStorage();
    const answer: PendingAction = { key: 'key-answer', interaction: 'q1', action: 'answer', payload: { question: 2, choice: 1 }, createdAt: 1_000 };
    new Outbox(storage, KEY, () => 1_000).add(answer);
    const stored = JSON.parse(storage.getItem(KEY)!) as unknown[];
    const malformed = [
      { ...answer, key: 'no-payload', payload: undefined },
      { key: 'no-action', interaction: 'q1', createdAt: 1_000 },
      { ...answer, key: 12 },
      { key: 'odd-legacy', type: 'lottery', interaction: 'l1', createdAt: 1_000 },
      { key: 'bad-legacy', type: 'answer', interaction: 'q1', question: 0, choice: 'x', createdAt: 1_000 },
      null,
      'vote',
    ];
    storage.setItem(KEY, JSON.stringify([...stored, ...malformed]));
    expect(new Outbox(storage, KEY, () => 1_000).$pending.get()).toEqual([answer]);
  });

  it('converts entries stored by earlier versions (one shape per action) so that they are still delivered, with their keys', () => {
    const storage = memoryStorage();
    storage.setItem(
      KEY,
      JSON.stringify([
        { key: 'key-old-vote', type: 'vote', interaction: 'p1', choices: [0, 2], createdAt: 1_000 },
        { key: 'key-old-answer', type: 'answer', interaction: 'q1', question: 1, choice: 3, createdAt: 1_001 },
        { key: 'key-old-enter', type: 'enter', interaction: 'l1', createdAt: 1_002 },
        { key: 'key-old-claim', type: 'claim', interaction: 'l1', fields: { contact: 'mia' }, createdAt: 1_003 },
      ]),
    );
    const outbox = new Outbox(storage, KEY, () => 2_000);
    expect(outbox.$pending.get()).toEqual([
      { key: 'key-old-vote', interaction: 'p1', action: 'vote', payload: { choices: [0, 2] }, createdAt: 1_000 },
      { key: 'key-old-answer', interaction: 'q1', action: 'answer', payload: { question: 1, choice: 3 }, createdAt: 1_001 },
      { key: 'key-old-enter', interaction: 'l1', action: 'enter', payload: {}, createdAt: 1_002 },
      { key: 'key-old-claim', interaction: 'l1', action: 'claim', payload: { fields: { contact: 'mia' } }, createdAt: 1_003 },
    ]);
    // Removing one rewrites the rest in the new shape.
    outbox.remove('key-old-vote');
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual(outbox.$pending.get());
  });

  it('refuses a new entry when full and evicts none', () => {
    const storage = memoryStorage();
    const outbox = new Outbox(storage, KEY, () => 1_000);
    const added = Array.from({ length: OUTBOX_LIMIT + 5 }, (_, n) => outbox.add(action(n)));
    expect(added.filter(Boolean)).toHaveLength(OUTBOX_LIMIT);
    expect(added.slice(OUTBOX_LIMIT)).toEqual([false, false, false, false, false]);
    expect(outbox.$pending.get()).toHaveLength(OUTBOX_LIMIT);
    expect(outbox.$pending.get()[0].key).toBe(action(0).key);
    expect(JSON.parse(storage.getItem(KEY)!)).toHaveLength(OUTBOX_LIMIT);
    outbox.remove(action(0).key);
    expect(outbox.add(action(OUTBOX_LIMIT + 5))).toBe(true);
  });

  it('counts what other tabs stored against the limit', () => {
    const storage = memoryStorage();
    const tabA = new Outbox(storage, KEY, () => 1_000);
    const tabB = new Outbox(storage, KEY, () => 1_000);
    for (let n = 0; n < OUTBOX_LIMIT; n++) tabA.add(action(n));
    expect(tabB.add(action(OUTBOX_LIMIT))).toBe(false);
    expect(JSON.parse(storage.getItem(KEY)!)).toHaveLength(OUTBOX_LIMIT);
  });

  it('drops entries older than a day when it reads them', () => {
    const storage = memoryStorage();
    new Outbox(storage, KEY, () => 1_000).add(action(1, 1_000));
    expect(new Outbox(storage, KEY, () => 1_000 + OUTBOX_MAX_AGE_MS + 1).$pending.get()).toEqual([]);
  });

  it('does not erase what another tab added meanwhile', () => {
    const storage = memoryStorage();
    const tabA = new Outbox(storage, KEY, () => 1_000);
    const tabB = new Outbox(storage, KEY, () => 1_000);
    tabA.add(action(1));
    tabB.add(action(2));
    tabA.remove(action(1).key);
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual([action(2)]);
  });

  it('ignores garbage in storage and a storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, '{not json');
    expect(new Outbox(storage, KEY).$pending.get()).toEqual([]);
    storage.setItem(KEY, JSON.stringify([{ key: 'x' }, action(1, Date.now())]));
    expect(new Outbox(storage, KEY).$pending.get()).toHaveLength(1);
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    const outbox = new Outbox(broken, KEY, () => 1_000);
    outbox.add(action(1));
    expect(outbox.$pending.get()).toEqual([action(1)]);
  });
});
