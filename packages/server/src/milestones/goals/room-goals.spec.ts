import { describe, expect, it } from 'vitest';
import { CHEERS_FEATURE, type GoalView, type RoomMilestones } from '@oncue/protocol';
import { MemoryStore } from '../../store/memory-store.js';
import type { StoreWrite } from '../../store/store.js';
import { newKey, startTestServer, type TestClient, type TestServer } from '../../../test/test-server.js';

const T0 = 1_800_000_000_000;

/** A store that fails on demand (room versions still go through). */
class FlakyStore extends MemoryStore {
  failing = false;
  override async apply(writes: readonly StoreWrite[]): Promise<void> {
    if (this.failing && writes.some((w) => w.type !== 'room')) throw new Error('disk on fire');
    return super.apply(writes);
  }
}
const LOTTERY = { kind: 'lottery', prize: 'A lipstick set', winners: 1, draft: true };

function cheer(client: TestClient, count: number, key = newKey()) {
  return client.request<{ mine: { counted: number; total: number } }>('act', { interaction: CHEERS_FEATURE, action: 'cheer', payload: { count }, key });
}

function lastMilestones(client: TestClient): RoomMilestones | undefined {
  const all = [...client.snapshots, ...client.updates].filter((m) => m.milestones !== undefined);
  return all.sort((a, b) => a.version - b.version).at(-1)?.milestones;
}

async function createDraftLottery(t: TestServer): Promise<string> {
  const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: LOTTERY });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function createGoal(t: TestServer, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GoalView> {
  const created = await t.rest('POST', `/api/rooms/${t.room}/goals`, { body, headers });
  if (created.status !== 201) throw new Error(`goal create failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body as GoalView;
}

/** The lottery's `openedAt` values the host's updates carried (one per transition seen). */
function openings(host: TestClient, id: string): number[] {
  const at = new Set<number>();
  for (const update of host.updates) {
    for (const view of update.interactions) if (view.id === id && view.status === 'open') at.add(view.openedAt!);
  }
  return [...at];
}

describe('room goals', () => {
  it('fires the action of a goal reached by concurrent cheers from many clients once', async () => {
    const t = await startTestServer();
    const lottery = await createDraftLottery(t);
    const goal = await createGoal(t, { title: '50 hearts open the giveaway', metric: 'cheers', target: 50, action: { type: 'launch', interaction: lottery } });
    expect(goal).toMatchObject({ metric: 'cheers', target: 50, progress: 0, status: 'active', action: { type: 'launch', interaction: lottery } });
    const host = await t.connectHost();
    const viewers = await Promise.all(Array.from({ length: 20 }, () => t.connectViewer()));
    // 20 viewers × 4 batches of 3 taps, all at once: 240 taps, the target crossed by one of them.
    const receipts = await Promise.all(viewers.flatMap((viewer) => Array.from({ length: 4 }, () => cheer(viewer, 3))));
    expect(receipts.every((r) => r.ok)).toBe(true);
    const counted = receipts.reduce((sum, r) => sum + (r.ok ? r.value.mine.counted : 0), 0);
    expect(counted).toBe(240);
    // Each batch saw the count the one before it left: 80 different totals, up to 240.
    const totals = new Set(receipts.map((r) => (r.ok ? r.value.mine.total : 0)));
    expect([totals.size, Math.max(...totals)]).toEqual([80, 240]);

    await host.waitFor(() => host.views.get(lottery)?.status === 'open', 'the giveaway to open');
    await Promise.all(viewers.map((v) => v.waitFor(() => v.views.get(lottery)?.status === 'open', 'the giveaway for viewers')));
    const reached = (await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body as GoalView;
    expect(reached).toMatchObject({ status: 'reached', progress: 50, reachedAt: expect.any(Number) });
    const opened = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body;
    expect(opened.status).toBe('open');

    // More cheers change neither the goal nor the giveaway.
    await Promise.all(viewers.slice(0, 5).map((v) => cheer(v, 2)));
    await host.waitFor(() => lastMilestones(host)?.cheers === 250, 'the count of 250');
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body).toEqual(reached);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body.openedAt).toBe(opened.openedAt);
    expect(openings(host, lottery)).toEqual([opened.openedAt]);
    expect(lastMilestones(host)!.goals).toEqual([reached]);
    // Reached once: every update that showed it reached shows the same moment.
    const reachedAts = new Set(host.updates.flatMap((u) => u.milestones?.goals.filter((g) => g.status === 'reached').map((g) => g.reachedAt) ?? []));
    expect([...reachedAts]).toEqual([reached.reachedAt]);
  });

  it('fires once across a restart right at the threshold, and keeps count and progress', async () => {
    const store = new MemoryStore();
    const t = await startTestServer({ store });
    const lottery = await createDraftLottery(t);
    const goal = await createGoal(t, { metric: 'cheers', target: 10, action: { type: 'launch', interaction: lottery } });
    const viewer = await t.connectViewer();
    expect(await cheer(viewer, 9)).toMatchObject({ ok: true, value: { mine: { counted: 9, total: 9 } } });

    await t.restart();

    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body).toMatchObject({ status: 'active', progress: 9 });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body.status).toBe('draft');
    const host = await t.connectHost();
    const again = await t.connectViewer();
    expect(again.snapshots[0]!.milestones).toMatchObject({ cheers: 9, goals: [{ id: goal.id, progress: 9, status: 'active' }] });
    expect(await cheer(again, 1)).toMatchObject({ ok: true, value: { mine: { counted: 1, total: 10 } } });
    await host.waitFor(() => host.views.get(lottery)?.status === 'open', 'the giveaway to open');
    await again.waitFor(() => lastMilestones(again)?.goals[0]?.status === 'reached', 'the goal reached');
    const reached = (await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body as GoalView;
    expect(reached).toMatchObject({ status: 'reached', progress: 10 });
    const openedAt = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body.openedAt as number;
    await waitForDoc(store, goal.id, (value) => value.actionDoneAt !== undefined);

    await t.restart();

    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body).toEqual(reached);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body).toMatchObject({ status: 'open', openedAt });
  });

  it('counts nothing when the batch that would reach the goal is not stored, and reaches it once with the retry', async () => {
    const store = new FlakyStore();
    const t = await startTestServer({ store });
    const lottery = await createDraftLottery(t);
    const goal = await createGoal(t, { metric: 'cheers', target: 5, action: { type: 'launch', interaction: lottery } });
    const viewer = await t.connectViewer();
    const key = newKey();
    store.failing = true;
    expect(await cheer(viewer, 5, key)).toMatchObject({ ok: false, error: { code: 'internal' } });
    store.failing = false;
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body).toMatchObject({ status: 'active', progress: 0 });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body.status).toBe('draft');
    expect(await cheer(viewer, 5, key)).toMatchObject({ ok: true, value: { mine: { counted: 5, total: 5 } } });
    await viewer.waitFor(() => viewer.views.get(lottery)?.status === 'open', 'the giveaway to open');
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body).toMatchObject({ status: 'reached', progress: 5 });
    expect(await cheer(viewer, 5, key)).toMatchObject({ ok: true, value: { mine: { counted: 5, total: 5 } } });
  });

  it('runs the action of a goal stored reached but not done once at start', async () => {
    const store = new MemoryStore();
    const t = await startTestServer({ store });
    const lottery = await createDraftLottery(t);
    const goal = await createGoal(t, { metric: 'cheers', target: 5, action: { type: 'launch', interaction: lottery } });
    // As a crash between the increment's write and the action would leave it.
    const stored = await goalDoc(store, goal.id);
    await store.apply([{ type: 'doc', record: { collection: 'goal', id: goal.id, value: { ...stored, status: 'reached', progress: 5, reachedAt: T0 } } }]);

    await t.restart();

    const opened = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body;
    expect(opened.status).toBe('open');
    expect(await goalDoc(store, goal.id)).toMatchObject({ status: 'reached', reachedAt: T0, actionDoneAt: expect.any(Number) });

    await t.restart();

    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body.openedAt).toBe(opened.openedAt);
  });

  it('refuses bad goals with bad_request naming the field', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const lottery = await createDraftLottery(t);
    const poll = await t.createPoll();
    const ok = { metric: 'cheers', target: 5, action: { type: 'message', text: 'Thanks!' } };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...ok, target: 0 }, /^target: /],
      [{ ...ok, target: 2.5 }, /^target: /],
      [{ ...ok, metric: 'likes' }, /^metric: /],
      [{ ...ok, deadline: T0 - 1 }, /^deadline: /],
      [{ ...ok, deadline: T0 }, /^deadline: /],
      [{ ...ok, deadline: T0 + 8 * 86_400_000 }, /^deadline: /],
      [{ ...ok, action: { type: 'launch', interaction: 'nope123' } }, /^action\.interaction: no interaction/],
      [{ ...ok, action: { type: 'launch', interaction: poll } }, /^action\.interaction: .* is open, not a draft/],
      [{ ...ok, action: { type: 'coupon', code: '' } }, /^action\.code: /],
    ];
    for (const [body, message] of cases) {
      const answer = await t.rest('POST', `/api/rooms/${t.room}/goals`, { body });
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.stringMatching(message) } } });
    }
    // A launch of a draft in another room is no draft of this one.
    const elsewhere = await t.rest('POST', `/api/rooms/other-room/goals`, { body: { ...ok, action: { type: 'launch', interaction: lottery } } });
    expect(elsewhere).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals`)).body).toEqual({ room: t.room, goals: [] });
    expect(await t.rest('GET', `/api/rooms/${t.room}/goals/nope123`)).toMatchObject({ status: 404, body: { error: { code: 'unknown_goal' } } });
    expect(await t.rest('POST', `/api/rooms/${t.room}/goals/nope123/cancel`)).toMatchObject({ status: 404, body: { error: { code: 'unknown_goal' } } });
    expect(await t.rest('GET', `/api/rooms/no-room/goals`)).toMatchObject({ status: 404, body: { error: { code: 'unknown_room' } } });
    expect(await t.rest('GET', `/api/rooms/${t.room}/goals`, { token: 'wrong' })).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await t.rest('POST', `/api/rooms/${t.room}/goals`, { rawBody: '{' })).toMatchObject({ status: 400 });
    expect(await t.rest('DELETE', `/api/rooms/${t.room}/goals`)).toMatchObject({ status: 405 });
    now += 1000;
    expect((await createGoal(t, { ...ok, deadline: T0 + 7 * 86_400_000 })).deadline).toBe(T0 + 7 * 86_400_000);
  });

  it('creates a room for a goal, answers a retried create with the same goal, and lists goals', async () => {
    const t = await startTestServer();
    const key = newKey();
    const spec = { title: 'Hit 3 viewers', metric: 'participants', target: 3, action: { type: 'coupon', code: 'LIVE-20' } };
    const first = await createGoal(t, spec, { 'idempotency-key': key });
    const again = await createGoal(t, spec, { 'idempotency-key': key });
    expect(again).toEqual(first);
    const other = await createGoal(t, { ...spec, target: 5 });
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals`)).body.goals.map((g: GoalView) => g.id)).toEqual([first.id, other.id]);
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${first.id}`)).body).toEqual(first);
    // The room exists now: viewers may cheer in it.
    const viewer = await t.connectViewer();
    expect(viewer.snapshots[0]!.milestones?.goals.map((g) => g.id)).toEqual([first.id, other.id]);
    expect(await cheer(viewer, 1)).toMatchObject({ ok: true });
  });

  it('shows viewers a coupon code only once reached; hosts see it all along', async () => {
    const t = await startTestServer();
    const goal = await createGoal(t, { metric: 'participants', target: 2, action: { type: 'coupon', code: 'LIVE-20' } });
    expect(goal.action).toEqual({ type: 'coupon', code: 'LIVE-20' });
    const a = await t.connectViewer();
    const b = await t.connectViewer();
    const before = a.snapshots[0]!.milestones!.goals[0]!;
    expect(before.action).toEqual({ type: 'coupon' });
    expect(before.reveal).toBeUndefined();
    expect(JSON.stringify(a.received)).not.toContain('LIVE-20');
    // The same viewer twice is one participant.
    await cheer(a, 1);
    await cheer(a, 1, newKey());
    const poll = await t.createPoll();
    await a.act('vote', { interaction: poll, choices: [0], key: newKey() });
    await a.waitFor(() => lastMilestones(a)?.goals[0]?.progress === 1, 'one participant');
    expect(JSON.stringify(a.received)).not.toContain('LIVE-20');
    await b.act('vote', { interaction: poll, choices: [1], key: newKey() });
    await a.waitFor(() => lastMilestones(a)?.goals[0]?.status === 'reached', 'the goal reached');
    expect(lastMilestones(a)!.goals[0]).toMatchObject({ progress: 2, reveal: 'LIVE-20', action: { type: 'coupon' } });
    expect(lastMilestones(a)!.goals[0]!.action).toEqual({ type: 'coupon' });
  });

  it('counts valid interactions: one per entry, cheers at most once a minute per viewer', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const poll = await t.createPoll({ allowChange: true });
    const goal = await createGoal(t, { metric: 'interactions', target: 100, action: { type: 'message', text: 'You did it' } });
    const viewer = await t.connectViewer();
    const progress = async () => ((await t.rest('GET', `/api/rooms/${t.room}/goals/${goal.id}`)).body as GoalView).progress;
    await viewer.act('vote', { interaction: poll, choices: [0], key: newKey() });
    expect(await progress()).toBe(1);
    // A changed vote is not a new valid interaction.
    await viewer.act('vote', { interaction: poll, choices: [1], key: newKey() });
    expect(await progress()).toBe(1);
    await cheer(viewer, 2);
    expect(await progress()).toBe(2);
    now += 30_000;
    await cheer(viewer, 2);
    expect(await progress()).toBe(2);
    now += 30_000;
    await cheer(viewer, 2);
    expect(await progress()).toBe(3);
  });

  it('cancels an active goal only; viewers no longer see it; host events set and cancel goals idempotently', async () => {
    const t = await startTestServer();
    const host = await t.connectHost();
    const key = newKey();
    const spec = { metric: 'cheers', target: 3, action: { type: 'message', text: 'Thank you!' } };
    const set = await host.request<GoalView>('host:goal', { goal: spec, key });
    expect(set).toMatchObject({ ok: true, value: { status: 'active', action: spec.action } });
    expect(await host.request('host:goal', { goal: spec, key })).toEqual(set);
    expect(await host.request('host:goal', { goal: { ...spec, target: 0 }, key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^goal\.target: /) },
    });
    const id = set.ok ? set.value.id : '';
    const viewer = await t.connectViewer();
    expect(await viewer.request('host:goal-cancel', { goal: id })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const cancelled = await host.request<GoalView>('host:goal-cancel', { goal: id });
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(await host.request('host:goal-cancel', { goal: id })).toEqual(cancelled);
    await viewer.waitFor(() => lastMilestones(viewer)?.goals.length === 0, 'the goal gone for viewers');
    // Cheers no longer count towards it.
    await cheer(viewer, 3);
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${id}`)).body).toMatchObject({ status: 'cancelled', progress: 0 });

    const reached = await createGoal(t, { ...spec, target: 1 });
    await cheer(viewer, 1);
    expect(await t.rest('POST', `/api/rooms/${t.room}/goals/${reached.id}/cancel`)).toMatchObject({ status: 409, body: { error: { code: 'already_closed' } } });
    expect(await host.request('host:goal-cancel', { goal: 'nope123' })).toMatchObject({ ok: false, error: { code: 'unknown_goal' } });
  });

  it('expires a goal at its deadline, and on start when it passed while down', async () => {
    const start = Date.now();
    const t = await startTestServer({ now: () => T0 + (Date.now() - start) });
    const soon = await createGoal(t, { metric: 'cheers', target: 5, deadline: T0 + 300, action: { type: 'message', text: 'Yay' } });
    const later = await createGoal(t, { metric: 'cheers', target: 5, deadline: T0 + 60_000, action: { type: 'message', text: 'Yay' } });
    const viewer = await t.connectViewer();
    await viewer.waitFor(() => lastMilestones(viewer)?.goals[0]?.status === 'expired', 'the first goal to expire');
    expect(lastMilestones(viewer)!.goals[1]!.status).toBe('active');
    await cheer(viewer, 4);
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${soon.id}`)).body).toMatchObject({ status: 'expired', progress: 0 });
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${later.id}`)).body).toMatchObject({ status: 'active', progress: 4 });

    await t.restart({ now: () => T0 + 120_000 });

    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${later.id}`)).body).toMatchObject({ status: 'expired', progress: 4 });
    const again = await t.connectViewer();
    expect(await cheer(again, 1)).toMatchObject({ ok: true });
    expect((await t.rest('GET', `/api/rooms/${t.room}/goals/${later.id}`)).body).toMatchObject({ status: 'expired', progress: 4 });
  });

  it('leaves a goal alone once its server stopped (a deadline armed before a restart does not fire)', async () => {
    const store = new MemoryStore();
    const t = await startTestServer({ store });
    const goal = await createGoal(t, { metric: 'cheers', target: 1, deadline: Date.now() + 300, action: { type: 'message', text: 'Yay' } });

    await t.restart();

    const viewer = await t.connectViewer();
    expect(await cheer(viewer, 1)).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await goalDoc(store, goal.id)).toMatchObject({ status: 'reached', progress: 1 });
  });
});

async function goalDoc(store: MemoryStore, id: string): Promise<Record<string, unknown>> {
  const doc = (await store.load()).docs.find((d) => d.collection === 'goal' && d.id === id);
  return doc!.value as Record<string, unknown>;
}

async function waitForDoc(store: MemoryStore, id: string, predicate: (value: Record<string, unknown>) => boolean): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (predicate(await goalDoc(store, id))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`goal ${id} never matched`);
}
