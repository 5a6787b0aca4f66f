import { describe, expect, it } from 'vitest';
import type { PollSpec, PollView } from '@oncue/protocol';
import { fakeClock } from '../../test/fake-clock.js';
import { KindRegistry } from '../kinds/interaction-kind.js';
import { pollKind } from '../kinds/poll/poll-kind.js';
import { silentLogger } from '../logger.js';
import { MemoryStore } from '../store/memory-store.js';
import type { LiveState, LiveStateHooks } from './live-state.js';
import { MemoryLiveState } from './memory-live-state.js';
import { RoomService } from './room-service.js';

const T0 = 1_800_000_000_000;
const POLL: PollSpec = {
  kind: 'poll',
  question: 'Q?',
  options: [{ label: 'a' }, { label: 'b' }],
  allowChange: true,
  durationSeconds: 30,
  draft: false,
} as PollSpec;

/** A live state that records what the service asks of it and does it in memory. */
function recording(hooks: LiveStateHooks): { state: LiveState; calls: string[] } {
  const inner = new MemoryLiveState(hooks);
  const calls: string[] = [];
  const state = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { state, calls };
}

describe('the live state seam', () => {
  it('keeps every entry, tally, version, exactly-once record and deadline of the service in the live state it is given', async () => {
    const clock = fakeClock(T0);
    let made: ReturnType<typeof recording> | undefined;
    const published: number[] = [];
    const rooms = new RoomService({
      store: new MemoryStore(),
      kinds: new KindRegistry([pollKind]),
      now: clock.now,
      timers: clock.timers,
      tallyIntervalMs: 10,
      logger: silentLogger,
      publish: (_room, b) => published.push(b.viewers.version),
      liveState: (hooks) => (made = recording(hooks)).state,
    });
    await rooms.load(await new MemoryStore().load());
    const created = await rooms.create('r', POLL, 'create-key-1');
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    expect(await rooms.act('r', 'v1', { interaction: id, action: 'vote', payload: { choices: [1] }, key: 'vote-key-01' })).toMatchObject({ ok: true });
    expect(await rooms.act('r', 'v1', { interaction: id, action: 'vote', payload: { choices: [1] }, key: 'vote-key-01' })).toMatchObject({ ok: true }); // a repeat
    clock.advance(10);
    expect((rooms.get('r', id) as { value: PollView }).value.tally).toEqual([0, 1]);
    clock.advance(30_000); // the auto-close deadline, armed in the live state
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((rooms.get('r', id) as { value: PollView }).value.status).toBe('closed');
    const calls = new Set(made!.calls);
    for (const call of ['add', 'setEntry', 'runOnce', 'recordOnce', 'arm', 'nextVersion', 'setRecord']) expect(calls).toContain(call);
    expect(made!.calls.filter((c) => c === 'setEntry')).toHaveLength(1); // the repeat changed nothing
    expect(published.length).toBeGreaterThan(0);
  });
});

describe('MemoryLiveState', () => {
  const hooks = (now = T0): LiveStateHooks => ({ now: () => now, timers: fakeClock(now).timers, onDue: () => undefined });
  const record = (id: string, room = 'r') => ({ id, room, kind: 'poll', status: 'open' as const, createdAt: T0, config: pollKind.configure(POLL).config });

  it('replaces an entry and its tally in one step, and takes it out again', () => {
    const state = new MemoryLiveState(hooks());
    state.add(record('p1') as never, pollKind as never);
    state.setEntry('p1', 'v1', { value: { choices: [0] }, at: T0 });
    state.setEntry('p1', 'v1', { value: { choices: [1] }, at: T0 + 1 });
    state.setEntry('p1', 'v2', { value: { choices: [1] }, at: T0 + 2 });
    expect(state.interaction('p1')?.tally).toEqual([0, 2]);
    state.setEntry('p1', 'v1', undefined);
    expect(state.interaction('p1')?.tally).toEqual([0, 1]);
    expect([...state.interaction('p1')!.entries.keys()]).toEqual(['v2']);
  });

  it('numbers a room above its persisted version and the clock, and keeps counting up after the room empties and comes back', () => {
    const state = new MemoryLiveState(hooks());
    state.setVersionFloor('r', T0 + 500);
    state.add(record('p1') as never, pollKind as never);
    expect(state.nextVersion('r')).toBe(T0 + 501);
    const v = state.nextVersion('r');
    state.remove('p1');
    expect(state.interactionsOf('r')).toBeUndefined();
    state.add(record('p2') as never, pollKind as never);
    expect(state.nextVersion('r')).toBeGreaterThan(v);
  });
});
