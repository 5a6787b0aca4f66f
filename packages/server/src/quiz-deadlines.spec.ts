import { describe, expect, it } from 'vitest';
import type { QuizSpec, QuizView } from '@oncue/protocol';
import { fakeClock, type FakeClock } from './fake-clock.fixture.js';
import { KindRegistry } from './interaction-kind.js';
import { silentLogger } from './logger.js';
import { MemoryStore } from './memory-store.js';
import { pollKind } from './poll-kind.js';
import { quizKind } from './quiz-kind.js';
import { RoomService, type RoomBroadcast } from './room-service.js';

const T0 = 1_800_000_000_000;
const quiz = (): QuizSpec => ({
  kind: 'quiz',
  speedScoring: true,
  draft: false,
  questions: [
    { prompt: 'One?', options: [{ label: 'a' }, { label: 'b' }], correct: 0, seconds: 10 },
    { prompt: 'Two?', options: [{ label: 'c' }, { label: 'd' }], correct: 1, seconds: 20 },
  ],
});

async function service(store: MemoryStore, clock: FakeClock) {
  const published: RoomBroadcast[] = [];
  const personal: { interaction: string; of: (viewer: string) => unknown }[] = [];
  const rooms = new RoomService({
    store,
    kinds: new KindRegistry([pollKind, quizKind]),
    now: clock.now,
    timers: clock.timers,
    tallyIntervalMs: 10,
    logger: silentLogger,
    publish: (_room, b) => published.push(b),
    publishPersonal: (_room, interaction, of) => personal.push({ interaction, of }),
  });
  await rooms.load(await store.load());
  return { rooms, published, personal };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const view = (rooms: RoomService, id: string) => {
  const found = rooms.get('r', id);
  if (!found.ok) throw new Error(found.error.message);
  return found.value as QuizView;
};

describe('quiz deadlines (fake clock)', () => {
  it('moves to the next question when the time is up, and closes the quiz after the last', async () => {
    const clock = fakeClock(T0);
    const { rooms, personal } = await service(new MemoryStore(), clock);
    const created = await rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value;
    expect(view(rooms, id)).toMatchObject({ status: 'open', current: 0, closesAt: T0 + 10_000 });
    expect(await rooms.answer('r', 'v1', { interaction: id, question: 0, choice: 0, key: 'key-aaaaaaaa' })).toMatchObject({ ok: true });

    clock.advance(9_999);
    await settle();
    expect(view(rooms, id).current).toBe(0);
    clock.advance(1);
    await settle();
    expect(view(rooms, id)).toMatchObject({ current: 1, closesAt: T0 + 30_000 });
    expect(view(rooms, id).questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000, correct: 0 });
    expect(personal.at(-1)?.of('v1')).toMatchObject({ score: 1000, results: [{ question: 0, correct: true }] });

    clock.advance(20_000);
    await settle();
    expect(view(rooms, id)).toMatchObject({ status: 'closed', closedAt: T0 + 30_000, leaderboard: [{ viewer: 'v1', score: 1000, rank: 1 }] });
    expect(personal.at(-1)?.of('v1')).toMatchObject({ rank: 1, score: 1000 });
    await rooms.stop();
  });

  it('accepts an answer a millisecond before the deadline and rejects one at the deadline as too_late', async () => {
    const clock = fakeClock(T0);
    const { rooms } = await service(new MemoryStore(), clock);
    const created = await rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    clock.advance(9_999);
    expect(await rooms.answer('r', 'v1', { interaction: created.value.id, question: 0, choice: 1, key: 'key-bbbbbbbb' })).toMatchObject({ ok: true });
    clock.advance(1);
    await settle();
    expect(await rooms.answer('r', 'v2', { interaction: created.value.id, question: 0, choice: 1, key: 'key-cccccccc' })).toMatchObject({ ok: false, error: { code: 'too_late' } });
    await rooms.stop();
  });

  it('keeps the question deadline across a restart and closes it at that deadline', async () => {
    const store = new MemoryStore();
    const clock = fakeClock(T0);
    const first = await service(store, clock);
    const created = await first.rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value;
    clock.advance(2_000);
    const receipt = await first.rooms.answer('r', 'v1', { interaction: id, question: 0, choice: 0, key: 'key-dddddddd' });
    await first.rooms.stop();

    const later = fakeClock(T0 + 6_000);
    const second = await service(store, later);
    expect(view(second.rooms, id)).toMatchObject({ status: 'open', current: 0, closesAt: T0 + 10_000 });
    expect(await second.rooms.answer('r', 'v1', { interaction: id, question: 0, choice: 0, key: 'key-dddddddd' })).toEqual(receipt);
    later.advance(4_000);
    await settle();
    expect(view(second.rooms, id)).toMatchObject({ current: 1 });
    expect(view(second.rooms, id).questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000, answers: [1, 0] });
    expect(second.personal.at(-1)?.of('v1')).toMatchObject({ results: [{ question: 0, correct: true, elapsedMs: 2_000, score: 900 }] });
    await second.rooms.stop();
  });

  it('closes a question that ended while the server was down at its deadline and opens the next at restart', async () => {
    const store = new MemoryStore();
    const clock = fakeClock(T0);
    const first = await service(store, clock);
    const created = await first.rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    await first.rooms.stop();

    const second = await service(store, fakeClock(T0 + 60_000));
    const launched = view(second.rooms, created.value.id);
    expect(launched.questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000 });
    expect(launched).toMatchObject({ status: 'open', current: 1, closesAt: T0 + 80_000 });
    await second.rooms.stop();
  });
});
