import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import type { StoreWrite } from './store.js';
import { newKey, recordingLogger, startTestServer } from '../../test/test-server.js';

/** A store that fails on demand. */
class FlakyStore extends MemoryStore {
  failing = false;
  override async apply(writes: readonly StoreWrite[]): Promise<void> {
    if (this.failing && writes.some((w) => w.type !== 'room')) throw new Error('disk on fire');
    return super.apply(writes);
  }
}

describe('store failures', () => {
  it('answers internal, leaves the tally alone, and counts the retry with the same key once the store is back', async () => {
    const store = new FlakyStore();
    const logger = recordingLogger();
    const t = await startTestServer({ store, logger });
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const key = newKey();

    store.failing = true;
    expect(await viewer.act('vote', { interaction: id, choices: [1], key })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body).toMatchObject({ tally: [0, 0, 0], voters: 0 });
    expect(
      await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'poll', question: 'Q?', options: [{ label: 'a' }, { label: 'b' }] } }),
    ).toMatchObject({
      status: 500,
      body: { error: { code: 'internal' } },
    });
    expect(logger.errors.length).toBeGreaterThan(0);

    store.failing = false;
    expect(await viewer.act('vote', { interaction: id, choices: [1], key })).toMatchObject({ ok: true });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions`)).body.interactions).toHaveLength(1);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body).toMatchObject({ tally: [0, 1, 0], voters: 1 });
  });

  it('restarts from a store handed over by the caller', async () => {
    const store = new MemoryStore();
    const t = await startTestServer({ store });
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    await viewer.act('vote', { interaction: id, choices: [0], key: newKey() });
    await t.restart();
    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(again.mine).toEqual({ [id]: [0] });
  });
});
