import { describe, expect, it } from 'vitest';
import { createPoll, freshRoom, tallyOf, type TestServer, until, useTestServer } from '../../../test/fixtures.js';
import { connect } from '../../connect.js';
import { memoryStorage } from '../../key-value-storage.js';
import { vote } from './vote.js';

describe('vote', () => {
  let server: TestServer;
  const conns = useTestServer((started) => (server = started));

  it('resolves with a receipt and records the choice in mine', async () => {
    const room = freshRoom();
    const poll = await createPoll(conns.host(server, room));
    const viewer = conns.viewer(server, room);
    const answer = await vote(viewer, poll.id, [1]);
    expect(answer).toMatchObject({ ok: true, value: { interaction: poll.id, action: 'vote', mine: [1] } });
    expect(viewer.$room.get().mine).toEqual({ [poll.id]: [1] });
    expect(viewer.$pending.get()).toEqual([]);
    await until(viewer.$room, () => tallyOf(viewer, poll.id)?.join() === '0,1');
  });

  it('answers refusals as typed errors and does not keep them in the outbox', async () => {
    const room = freshRoom();
    const poll = await createPoll(conns.host(server, room));
    const viewer = conns.viewer(server, room);
    expect(await vote(viewer, 'no-such-poll', [0])).toMatchObject({ ok: false, error: { code: 'unknown_interaction' } });
    expect(await vote(viewer, poll.id, [5])).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    expect((await vote(viewer, poll.id, [0])).ok).toBe(true);
    expect(await vote(viewer, poll.id, [1])).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(viewer.$pending.get()).toEqual([]);
    expect(viewer.$room.get().mine).toEqual({ [poll.id]: [0] });
  });

  it('answers a vote still waiting when the last handle is released, and keeps it for the next connection', async () => {
    const room = freshRoom();
    const poll = await createPoll(conns.host(server, room));
    const storage = memoryStorage();
    // Voted and released before the connection opened: the vote cannot have been sent.
    const early = connect({ server: server.url, room, storage });
    const voted = vote(early, poll.id, [1]);
    expect(early.$pending.get()).toHaveLength(1);
    early.release();
    expect(await voted).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/released/) } });

    // The next connection to the room (same storage) delivers it once.
    const online = conns.viewer(server, room, storage);
    await until(online.$room, (state) => (state.mine[poll.id] as number[] | undefined)?.join() === '1');
    await until(online.$pending, (pending) => pending.length === 0);
    await until(online.$room, () => tallyOf(online, poll.id)?.join() === '0,1');
  });

  it('gets its earlier choices back from the snapshot on the next page', async () => {
    const room = freshRoom();
    const poll = await createPoll(conns.host(server, room));
    const storage = memoryStorage();
    const first = conns.viewer(server, room, storage);
    expect((await vote(first, poll.id, [0])).ok).toBe(true);
    first.release();
    const second = conns.viewer(server, room, storage);
    const state = await until(second.$room, (room) => room.synced);
    expect(state.mine).toEqual({ [poll.id]: [0] });
  });

  it('answers host actions with the server result', async () => {
    const room = freshRoom();
    const host = conns.host(server, room);
    const draft = await createPoll(host, { draft: true });
    expect(draft.status).toBe('draft');
    expect(await host.openInteraction(draft.id)).toMatchObject({ ok: true, value: { id: draft.id, status: 'open' } });
    expect(await host.closeInteraction(draft.id)).toMatchObject({ ok: true, value: { status: 'closed' } });
    expect(await host.closeInteraction(draft.id)).toMatchObject({ ok: false, error: { code: 'already_closed' } });
    const viewer = conns.viewer(server, room);
    expect(await viewer.openInteraction(draft.id)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
