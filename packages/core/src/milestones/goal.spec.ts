import { describe, expect, it } from 'vitest';
import { freshRoom, type TestServer, until, useTestServer } from '../../test/fixtures.js';
import { cheer } from './cheer.js';

describe('room goals from the host connection', () => {
  let server: TestServer;
  const conns = useTestServer((started) => (server = started));

  it('sets a goal that viewers see fill and reach, with what it reveals', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    await until(host.$connection, (state) => state === 'open');
    const created = await host.createGoal({ title: 'Five hearts', metric: 'cheers', target: 5, action: { type: 'coupon', code: 'HEART5' } });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    const viewer = conns.viewer(server, room);
    const seen = await until(viewer.$room, (state) => state.milestones?.goals.some((g) => g.id === id) === true);
    const before = seen.milestones!.goals.find((g) => g.id === id)!;
    expect([before.status, before.target, before.reveal]).toEqual(['active', 5, undefined]);
    cheer(viewer).tap(5);
    const reached = await until(viewer.$room, (state) => state.milestones?.goals.find((g) => g.id === id)?.status === 'reached');
    const goal = reached.milestones!.goals.find((g) => g.id === id)!;
    expect([goal.progress, goal.reveal]).toEqual([5, 'HEART5']);
  });

  it('cancels a goal, and answers a bad goal or an unknown one with typed errors', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    await until(host.$connection, (state) => state === 'open');
    expect(await host.createGoal({ metric: 'cheers', target: 0, action: { type: 'message', text: 'hi' } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await host.createGoal({ metric: 'cheers', target: 5, deadline: host.serverNow() - 60_000, action: { type: 'message', text: 'hi' } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    const created = await host.createGoal({ metric: 'participants', target: 3, action: { type: 'message', text: 'Thanks all' } });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.value.id : '';
    expect(await host.cancelGoal(id)).toMatchObject({ ok: true, value: { id, status: 'cancelled' } });
    expect(await host.cancelGoal('no-such-goal')).toMatchObject({ ok: false, error: { code: 'unknown_goal' } });
  });
});
