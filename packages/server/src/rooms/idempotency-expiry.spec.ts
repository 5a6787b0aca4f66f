import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ok } from '@oncue/protocol';
import { describe, expect, it } from 'vitest';
import { IdempotencyCache } from './idempotency-cache.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { newKey, startTestServer } from '../../test/test-server.js';

const T0 = 1_800_000_000_000;
const HOUR = 60 * 60 * 1000;

describe('idempotency expiry', () => {
  it('forgets the oldest answers first and keeps the newer ones', async () => {
    let now = T0;
    const cache = new IdempotencyCache(() => now);
    await cache.run('s', 'old-key-1', async () => ok('first'));
    now += HOUR;
    await cache.run('s', 'new-key-1', async () => ok('second'));
    expect(cache.forgetBefore(T0 + 1)).toBe(1);
    expect(cache.size).toBe(1);
    // The forgotten key runs its action again; the kept one answers the stored result.
    expect(await cache.run('s', 'old-key-1', async () => ok('again'))).toEqual(ok('again'));
    expect(await cache.run('s', 'new-key-1', async () => ok('not run'))).toEqual(ok('second'));
  });

  it('loads only the records inside the window', () => {
    const cache = new IdempotencyCache(() => T0);
    cache.load(
      [
        { scope: 's', key: 'expired-1', result: 1, at: T0 - 2 * HOUR },
        { scope: 's', key: 'kept-key-1', result: 2, at: T0 - HOUR / 2 },
      ],
      T0 - HOUR,
    );
    expect(cache.size).toBe(1);
  });

  it('deletes expired records from SQLite and leaves the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncue-expiry-'));
    const file = join(dir, 'oncue.db');
    try {
      const store = new SqliteStore(file);
      await store.apply([
        { type: 'idempotency', record: { scope: 's', key: 'expired-1', result: 1, at: T0 - 2 * HOUR } },
        { type: 'idempotency', record: { scope: 's', key: 'kept-key-1', result: 2, at: T0 } },
      ]);
      await store.apply([{ type: 'forget-idempotency', before: T0 - HOUR }]);
      await store.close();
      const reopened = new SqliteStore(file);
      expect((await reopened.load()).idempotency.map((r) => r.key)).toEqual(['kept-key-1']);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a retried vote from the record inside the window and treats it as new once expired', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now, idempotencyRetentionMs: HOUR });
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const key = newKey();
    const receipt = await viewer.act('vote', { interaction: id, choices: [1], key });
    expect(receipt).toMatchObject({ ok: true });

    now += HOUR / 2;
    await t.restart({ now: () => now, idempotencyRetentionMs: HOUR });
    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(await again.act('vote', { interaction: id, choices: [1], key })).toEqual(receipt);

    now += HOUR;
    await t.restart({ now: () => now, idempotencyRetentionMs: HOUR });
    const late = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    // The record is gone: the same key is a new action, and this viewer has already voted.
    expect(await late.act('vote', { interaction: id, choices: [1], key })).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.voters).toBe(1);
  });
});
