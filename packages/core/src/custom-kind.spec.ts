import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionSpecInput } from '@oncue/protocol';
import { counterKind, type CounterView } from '../test/counter-kind.js';
import { Connections, freshRoom, startTestServer, type TestServer, until } from '../test/fixtures.js';

describe('a kind that only a test defines (the proof that a new kind needs no generic code)', () => {
  let server: TestServer;
  const conns = new Connections();
  beforeAll(async () => {
    server = await startTestServer({ kinds: [counterKind] });
  });
  afterEach(() => conns.releaseAll());
  afterAll(() => server.dispose());

  const counterOf = (conn: ReturnType<Connections['viewer']>, id: string) =>
    conn.$room.get().interactions.find((i) => i.id === id) as unknown as CounterView | undefined;

  async function launch(room: string) {
    const host = conns.host(server, room);
    await until(host.$connection, (state) => state === 'open');
    const created = await host.createInteraction({ kind: 'counter', label: 'Claps', maxPerViewer: 6 } as unknown as InteractionSpecInput);
    if (!created.ok) throw new Error(`create failed: ${created.error.code} ${created.error.message}`);
    return { host, counter: created.value as unknown as CounterView };
  }

  it('is created, acted on through act() and the outbox, and updates mine and the views generically', async () => {
    const room = freshRoom();
    const { host, counter } = await launch(room);
    expect(counter).toMatchObject({ kind: 'counter', status: 'open', label: 'Claps', total: 0 });
    const viewer = conns.viewer(server, room);
    expect(await viewer.act(counter.id, 'add', { by: 2 })).toMatchObject({ ok: true, value: { interaction: counter.id, action: 'add', mine: 2 } });
    expect(await viewer.act(counter.id, 'add', { by: 3 })).toMatchObject({ ok: true, value: { mine: 5 } });
    expect(viewer.$room.get().mine[counter.id]).toBe(5);
    await until(host.$room, () => counterOf(host, counter.id)?.total === 5);
    expect(counterOf(host, counter.id)).toMatchObject({ total: 5, participants: 1 });
    // The kind's own refusal, and its payload schema and action list, enforced by the generic server path.
    expect(await viewer.act(counter.id, 'add', { by: 2 })).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(await viewer.act(counter.id, 'add', { by: 9 })).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'payload.by: add at most 5' } });
    expect(await viewer.act(counter.id, 'vote', { choices: [0] })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: 'action: a counter takes add, not vote' },
    });
    expect(viewer.$pending.get()).toEqual([]);
  });

  it('comes back in the snapshot of a later connection of the same viewer', async () => {
    const room = freshRoom();
    const { counter } = await launch(room);
    const first = conns.viewer(server, room);
    expect((await first.act(counter.id, 'add', { by: 4 })).ok).toBe(true);
    const viewerId = first.$viewer.get();
    first.release(); // the next connection is a new one (not a share of this one), with the same stored viewer token
    const again = conns.viewer(server, room, first.storage);
    const state = await until(again.$room, (s) => s.synced);
    expect(again.$viewer.get()).toBe(viewerId);
    expect(state.mine[counter.id]).toBe(4);
    expect(counterOf(again, counter.id)).toMatchObject({ total: 4, participants: 1 });
  });

  it('is refused as unsupported_kind by a server that does not register it', async () => {
    const plain = await startTestServer();
    try {
      const host = conns.host(plain, freshRoom());
      await until(host.$connection, (state) => state === 'open');
      const created = await host.createInteraction({ kind: 'counter', label: 'Claps' } as unknown as InteractionSpecInput);
      expect(created).toMatchObject({ ok: false, error: { code: 'unsupported_kind' } });
    } finally {
      conns.releaseAll();
      await plain.dispose();
    }
  });
});
