import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store.js';
import type { InteractionRecord, StoreWrite } from './store.js';

const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore(file?: string): SqliteStore {
  let path = file;
  if (!path) {
    const dir = mkdtempSync(join(tmpdir(), 'oncue-store-'));
    dirs.push(dir);
    path = join(dir, 'nested', 'oncue.db');
  }
  const store = new SqliteStore(path);
  stores.push(store);
  return store;
}

const poll = (id: string, createdAt: number): InteractionRecord => ({
  id,
  room: 'r',
  kind: 'poll',
  status: 'open',
  createdAt,
  openedAt: createdAt,
  config: { question: id },
});

describe('SqliteStore', () => {
  it('starts empty, creating its folder', async () => {
    expect(await openStore().load()).toEqual({ interactions: [], participations: [], idempotency: [], rooms: [], meta: {}, docs: [] });
  });

  it('commits everything applied in one event-loop turn in a single transaction', async () => {
    const store = openStore();
    const before = store.commitCount;
    await Promise.all(
      Array.from({ length: 5_000 }, (_, i) =>
        store.apply([
          { type: 'participation', record: { interaction: 'p', viewer: `v${i}`, value: { choices: [i % 3] }, at: i } },
          { type: 'idempotency', record: { scope: `viewer:v${i}`, key: `k${i}`, result: { n: i }, at: i } },
        ]),
      ),
    );
    expect(store.commitCount - before).toBe(1);
    const loaded = await store.load();
    expect(loaded.participations).toHaveLength(5_000);
    expect(loaded.idempotency).toHaveLength(5_000);
  });

  it('upserts records and loads interactions in creation order', async () => {
    const store = openStore();
    await store.apply([{ type: 'interaction', record: poll('b', 2) }]);
    await store.apply([{ type: 'interaction', record: poll('a', 1) }]);
    await store.apply([{ type: 'interaction', record: { ...poll('b', 2), status: 'closed', closedAt: 3 } }]);
    await store.apply([{ type: 'participation', record: { interaction: 'a', viewer: 'v', value: { choices: [0] }, at: 1 } }]);
    await store.apply([{ type: 'participation', record: { interaction: 'a', viewer: 'v', value: { choices: [2] }, at: 2 } }]);
    await store.apply([
      { type: 'room', record: { room: 'r', version: 10 } },
      { type: 'room', record: { room: 'r', version: 7 } },
      { type: 'meta', key: 'secret', value: 'x' },
    ]);
    const loaded = await store.load();
    expect(loaded.interactions.map((i) => [i.id, i.status])).toEqual([
      ['a', 'open'],
      ['b', 'closed'],
    ]);
    expect(loaded.participations).toEqual([{ interaction: 'a', viewer: 'v', value: { choices: [2] }, at: 2 }]);
    expect(loaded.rooms).toEqual([{ room: 'r', version: 10 }]);
    expect(loaded.meta).toEqual({ secret: 'x' });
  });

  it('keeps everything across close and reopen', async () => {
    const first = openStore();
    await first.apply([{ type: 'interaction', record: poll('a', 1) }]);
    const pending = first.apply([{ type: 'meta', key: 'k', value: 'v' }]);
    await first.close();
    await pending;
    const second = openStore(first.file);
    const loaded = await second.load();
    expect(loaded.interactions).toHaveLength(1);
    expect(loaded.meta).toEqual({ k: 'v' });
  });

  it('folds replaced entries on load, and deletes their rows so the file stops growing', async () => {
    const first = openStore();
    const entry = (viewer: string, choice: number, at: number): StoreWrite => ({
      type: 'participation',
      record: { interaction: 'a', viewer, value: { choices: [choice] }, at },
    });
    await first.apply([{ type: 'interaction', record: poll('a', 1) }, entry('v1', 0, 2), entry('v2', 1, 3)]);
    await first.apply([entry('v1', 1, 4)]);
    await first.apply([entry('v1', 2, 5)]);
    await first.close();
    const rows = (file: string) => {
      const probe = new Database(file, { readonly: true });
      try {
        return probe.prepare('SELECT viewer, value FROM participations ORDER BY rowid').all();
      } finally {
        probe.close();
      }
    };
    expect(rows(first.file)).toHaveLength(4);

    const second = openStore(first.file);
    const loaded = await second.load();
    expect(loaded.participations.map((p) => [p.viewer, p.value])).toEqual([
      ['v1', { choices: [2] }],
      ['v2', { choices: [1] }],
    ]);
    await second.close();
    expect(rows(first.file)).toEqual([
      { viewer: 'v2', value: '{"choices":[1]}' },
      { viewer: 'v1', value: '{"choices":[2]}' },
    ]);
  });

  it('writes the appended rows of one commit in the order they were made, also around other writes', async () => {
    const store = openStore();
    const entries: StoreWrite[] = [];
    const records: StoreWrite[] = [];
    for (let i = 0; i < 70; i++) {
      entries.push({ type: 'participation', record: { interaction: 'a', viewer: `v${i % 5}`, value: { choices: [i] }, at: i } });
      records.push({ type: 'idempotency', record: { scope: 'viewer:v', key: `k${i}`, result: { n: i }, at: i } });
    }
    const later: StoreWrite[] = Array.from({ length: 3 }, (_, i) => ({
      type: 'idempotency',
      record: { scope: 'viewer:v', key: `late${i}`, result: i, at: i },
    }));
    // One turn, one transaction: the forget must see every record made before it, and none made after it.
    await Promise.all([
      store.apply([...entries.slice(0, 35), ...records.slice(0, 35)]),
      store.apply([...entries.slice(35), ...records.slice(35)]),
      store.apply([{ type: 'forget-idempotency', before: 1_000 }]),
      store.apply(later),
    ]);
    const loaded = await store.load();
    expect(loaded.participations.map((p) => [p.viewer, p.value]).sort()).toEqual([
      ['v0', { choices: [65] }],
      ['v1', { choices: [66] }],
      ['v2', { choices: [67] }],
      ['v3', { choices: [68] }],
      ['v4', { choices: [69] }],
    ]);
    expect(loaded.idempotency).toEqual(later.map((w) => (w as { record: unknown }).record));
  });

  it('fails only the batch that cannot be written when batches share a turn', async () => {
    const store = openStore();
    const bad = { type: 'participation', record: { interaction: 'a', viewer: 'v', value: undefined, at: 1 } } as unknown as StoreWrite;
    const results = await Promise.allSettled([
      store.apply([{ type: 'meta', key: 'one', value: '1' }]),
      store.apply([{ type: 'meta', key: 'half', value: 'x' }, bad]),
      store.apply([{ type: 'meta', key: 'two', value: '2' }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // The failed batch is atomic: its first write did not land either.
    expect((await store.load()).meta).toEqual({ one: '1', two: '2' });
  });

  it('keeps documents by collection and id, a later write replacing the value, across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncue-store-'));
    dirs.push(dir);
    const file = join(dir, 'oncue.db');
    const store = openStore(file);
    await store.apply([
      { type: 'doc', record: { collection: 'goal', id: 'g1', value: { progress: 1 } } },
      { type: 'doc', record: { collection: 'cheers', id: 'g1', value: { count: 5 } } },
    ]);
    await store.apply([{ type: 'doc', record: { collection: 'goal', id: 'g1', value: { progress: 2, reachedAt: 9 } } }]);
    await store.close();
    const docs = (await openStore(file).load()).docs;
    expect(docs).toEqual(
      expect.arrayContaining([
        { collection: 'goal', id: 'g1', value: { progress: 2, reachedAt: 9 } },
        { collection: 'cheers', id: 'g1', value: { count: 5 } },
      ]),
    );
    expect(docs).toHaveLength(2);
  });

  it('claims meta for the first writer only, also for a second store on the same file', async () => {
    const first = openStore();
    const second = openStore(first.file);
    expect(await first.claimMeta('secret', 'one')).toBe('one');
    expect(await second.claimMeta('secret', 'two')).toBe('one');
    expect(await first.claimMeta('secret', 'three')).toBe('one');
    expect((await second.load()).meta).toEqual({ secret: 'one' });
  });

  it('refuses writes once closed', async () => {
    const store = openStore();
    await store.close();
    await expect(store.apply([{ type: 'meta', key: 'k', value: 'v' }])).rejects.toThrow(/closed/);
  });
});
