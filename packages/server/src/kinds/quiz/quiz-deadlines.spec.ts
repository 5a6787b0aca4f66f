import { describe, expect, it } from 'vitest';
import type { QuizSpec, QuizView } from '@oncue/protocol';
import { fakeClock, type FakeClock } from '../../../test/fake-clock.js';
import { KindRegistry } from '../interaction-kind.js';
import { silentLogger } from '../../logger.js';
import { MemoryStore } from '../../store/memory-store.js';
import { pollKind } from '../poll/poll-kind.js';
import { ANSWER_GRACE_MS, quizKind } from './quiz-kind.js';
import { RoomService, type RoomBroadcast } from '../../rooms/room-service.js';

const T0 = 1_800_000_000_000;
/** Answers in flight are taken this long after a deadline; the reveal waits for it (docs/protocol.md: 500 ms). */
const GRACE = 500;
const quiz = (): QuizSpec => ({
  kind: 'quiz',
  speedScoring: true,
  revealSeconds: 5,
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
    publishPersonal: (_room, interaction, sends) => personal.push({ interaction, of: (viewer) => sends.viewers.get(viewer) ?? sends.others }),
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
  it('reveals a question once its time and the grace for answers in flight are up, opens the next after the reveal pause, and closes the quiz after the last', async () => {
    const clock = fakeClock(T0);
    const { rooms, personal } = await service(new MemoryStore(), clock);
    const created = await rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value;
    expect(view(rooms, id)).toMatchObject({ status: 'open', current: 0, closesAt: T0 + 10_000 });
    expect(await rooms.act('r', 'v1', { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-aaaaaaaa' })).toMatchObject({
      ok: true,
    });

    expect(ANSWER_GRACE_MS).toBe(GRACE);
    clock.advance(10_000 + GRACE - 1);
    await settle();
    // Past the deadline, the question is still open for answers in flight, and its answer still secret.
    expect(view(rooms, id).current).toBe(0);
    expect(view(rooms, id).questions[0]).toMatchObject({ status: 'open' });
    expect(view(rooms, id).questions[0]).not.toHaveProperty('correct');
    clock.advance(1);
    await settle();
    // The reveal: question 0 closed (at its deadline) with its answer, nothing open, the next question due in 5 s.
    expect(view(rooms, id)).toMatchObject({ status: 'open', current: 0, nextAt: T0 + GRACE + 15_000 });
    expect(view(rooms, id).closesAt).toBeUndefined();
    expect(view(rooms, id).questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000, correct: 0 });
    expect(view(rooms, id).questions[1]).toMatchObject({ status: 'pending' });
    expect(personal.at(-1)?.of('v1')).toMatchObject({ score: 1000, results: [{ question: 0, correct: true }] });
    expect(await rooms.act('r', 'v2', { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-late-aaaa' })).toMatchObject({
      ok: false,
      error: { code: 'too_late' },
    });
    expect(await rooms.act('r', 'v2', { interaction: id, action: 'answer', payload: { question: 1, choice: 0 }, key: 'key-early-aaa' })).toMatchObject({
      ok: false,
      error: { code: 'not_current' },
    });

    clock.advance(4_999);
    await settle();
    expect(view(rooms, id)).toMatchObject({ current: 0, nextAt: T0 + GRACE + 15_000 });
    clock.advance(1);
    await settle();
    expect(view(rooms, id)).toMatchObject({ current: 1, closesAt: T0 + GRACE + 35_000 });
    expect(view(rooms, id).nextAt).toBeUndefined();

    clock.advance(20_000 + GRACE);
    await settle();
    expect(view(rooms, id)).toMatchObject({ status: 'closed', closedAt: T0 + 2 * GRACE + 35_000, leaderboard: [{ viewer: 'v1', score: 1000, rank: 1 }] });
    expect(view(rooms, id).nextAt).toBeUndefined();
    expect(personal.at(-1)?.of('v1')).toMatchObject({ rank: 1, score: 1000 });
    await rooms.stop();
  });

  it('accepts an answer a millisecond before the deadline and rejects one at the deadline as too_late', async () => {
    const clock = fakeClock(T0);
    const { rooms } = await service(new MemoryStore(), clock);
    const created = await rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    clock.advance(9_999);
    expect(
      await rooms.act('r', 'v1', { interaction: created.value.id, action: 'answer', payload: { question: 0, choice: 1 }, key: 'key-bbbbbbbb' }),
    ).toMatchObject({ ok: true });
    clock.advance(1);
    await settle();
    expect(
      await rooms.act('r', 'v2', { interaction: created.value.id, action: 'answer', payload: { question: 0, choice: 1 }, key: 'key-cccccccc' }),
    ).toMatchObject({ ok: false, error: { code: 'too_late' } });
    await rooms.stop();
  });

  it('takes an answer after the deadline within the viewer’s link credit, timed as of when it was sent', async () => {
    const clock = fakeClock(T0);
    const { rooms, personal } = await service(new MemoryStore(), clock);
    const created = await rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value;
    clock.advance(10_000 + 399);
    // A viewer with a 400-ms round trip: the question reached it 200 ms after it opened, and it answered just
    // before its own 10-s countdown ran out; the answer arrives 399 ms after the deadline.
    expect(
      await rooms.act('r', 'v1', { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-slow-aaaa' }, { linkDelayMs: 400 }),
    ).toMatchObject({ ok: true });
    // A viewer with a 100-ms round trip cannot have sent this in time.
    expect(
      await rooms.act('r', 'v2', { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-fast-aaaa' }, { linkDelayMs: 100 }),
    ).toMatchObject({ ok: false, error: { code: 'too_late' } });
    clock.advance(1);
    expect(
      await rooms.act('r', 'v3', { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-slow-bbbb' }, { linkDelayMs: 400 }),
    ).toMatchObject({ ok: false, error: { code: 'too_late' } });
    // One whose round trips went up to 450 ms: an answer slowed by that jitter still counts.
    expect(
      await rooms.act(
        'r',
        'v4',
        { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-slow-cccc' },
        { linkDelayMs: 400, lateGraceMs: 450 },
      ),
    ).toMatchObject({ ok: true });
    clock.advance(GRACE);
    await settle();
    expect(view(rooms, id).questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000, answers: [2, 0] });
    // Timed as received − opened − round trip: the 9,999 ms it had the question.
    expect(personal.at(-1)?.of('v1')).toMatchObject({ results: [{ question: 0, correct: true, elapsedMs: 9_999 }] });
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
    const receipt = await first.rooms.act('r', 'v1', { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-dddddddd' });
    await first.rooms.stop();

    const later = fakeClock(T0 + 6_000);
    const second = await service(store, later);
    expect(view(second.rooms, id)).toMatchObject({ status: 'open', current: 0, closesAt: T0 + 10_000 });
    expect(await second.rooms.act('r', 'v1', { interaction: id, action: 'answer', payload: { question: 0, choice: 0 }, key: 'key-dddddddd' })).toEqual(receipt);
    later.advance(4_000 + GRACE);
    await settle();
    expect(view(second.rooms, id)).toMatchObject({ current: 0, nextAt: T0 + GRACE + 15_000 });
    expect(view(second.rooms, id).questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000, answers: [1, 0] });
    expect(second.personal.at(-1)?.of('v1')).toMatchObject({ results: [{ question: 0, correct: true, elapsedMs: 2_000, score: 900 }] });
    await second.rooms.stop();
  });

  it('keeps the reveal pause across a restart', async () => {
    const store = new MemoryStore();
    const clock = fakeClock(T0);
    const first = await service(store, clock);
    const created = await first.rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    clock.advance(10_000 + GRACE);
    await settle();
    expect(view(first.rooms, created.value.id)).toMatchObject({ current: 0, nextAt: T0 + GRACE + 15_000 });
    await first.rooms.stop();

    const later = fakeClock(T0 + 12_000);
    const second = await service(store, later);
    expect(view(second.rooms, created.value.id)).toMatchObject({ current: 0, nextAt: T0 + GRACE + 15_000 });
    later.advance(3_000 + GRACE);
    await settle();
    expect(view(second.rooms, created.value.id)).toMatchObject({ current: 1, closesAt: T0 + GRACE + 35_000 });
    await second.rooms.stop();
  });

  it('waits for the host after a reveal when revealSeconds is 0', async () => {
    const clock = fakeClock(T0);
    const { rooms } = await service(new MemoryStore(), clock);
    const created = await rooms.create('r', { ...quiz(), revealSeconds: 0 });
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value;
    clock.advance(60_000);
    await settle();
    expect(view(rooms, id)).toMatchObject({ status: 'open', current: 0 });
    expect(view(rooms, id).nextAt).toBeUndefined();
    expect(view(rooms, id).questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000 });
    expect(await rooms.step('r', id, { mode: 'next', from: 0 })).toMatchObject({ ok: true, value: { current: 1, closesAt: T0 + 80_000 } });
    await rooms.stop();
  });

  it('closes a question that ended while the server was down at its deadline and reveals it at restart', async () => {
    const store = new MemoryStore();
    const clock = fakeClock(T0);
    const first = await service(store, clock);
    const created = await first.rooms.create('r', quiz());
    if (!created.ok) throw new Error(created.error.message);
    await first.rooms.stop();

    const later = fakeClock(T0 + 60_000);
    const second = await service(store, later);
    const launched = view(second.rooms, created.value.id);
    expect(launched.questions[0]).toMatchObject({ status: 'closed', closedAt: T0 + 10_000 });
    // Viewers see the answer for the whole pause, counted from the restart.
    expect(launched).toMatchObject({ status: 'open', current: 0, nextAt: T0 + 65_000 });
    later.advance(5_000);
    await settle();
    expect(view(second.rooms, created.value.id)).toMatchObject({ status: 'open', current: 1, closesAt: T0 + 85_000 });
    await second.rooms.stop();
  });
});
