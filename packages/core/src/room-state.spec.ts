import type { PollView, RoomSnapshot, RoomUpdate } from '@oncue/protocol';
import { describe, expect, it } from 'vitest';
import { applySnapshot, applyUpdate, EMPTY_ROOM, withMine, withProgress } from './room-state.js';

function poll(id: string, tally = [0, 0]): PollView {
  return {
    id,
    kind: 'poll',
    status: 'open',
    question: `question ${id}`,
    options: [{ label: 'a' }, { label: 'b' }],
    multi: false,
    maxChoices: 1,
    allowChange: false,
    results: 'live',
    createdAt: 1,
    tally,
    voters: tally.reduce((sum, n) => sum + n, 0),
  };
}

function snapshot(version: number, interactions: PollView[], mine: Record<string, number[]> = {}): RoomSnapshot {
  return { room: 'r', version, interactions, mine, serverTime: 0 };
}

function update(version: number, interactions: PollView[]): RoomUpdate {
  return { room: 'r', version, interactions, serverTime: 0 };
}

describe('room state', () => {
  it('replaces everything with a snapshot and marks the room synced', () => {
    const state = applySnapshot(snapshot(7, [poll('p1')], { p1: [1] }));
    expect(state).toEqual({ version: 7, interactions: [poll('p1')], mine: { p1: [1] }, personal: {}, synced: true });
  });

  it('applies the next version, replacing changed views and appending new ones', () => {
    const first = poll('p1');
    const second = poll('p2');
    const state = applySnapshot(snapshot(3, [first, second]));
    const outcome = applyUpdate(state, update(4, [poll('p3'), poll('p1', [1, 0])]));
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.state.version).toBe(4);
    expect(outcome.state.interactions.map((view) => view.id)).toEqual(['p1', 'p2', 'p3']);
    expect((outcome.state.interactions[0] as PollView).tally).toEqual([1, 0]);
    expect(outcome.state.interactions[1]).toBe(second);
  });

  it('ignores an update it has already applied', () => {
    const state = applySnapshot(snapshot(5, [poll('p1')]));
    expect(applyUpdate(state, update(5, [poll('p1', [9, 9])]))).toEqual({ kind: 'stale' });
    expect(applyUpdate(state, update(2, [poll('p1', [9, 9])]))).toEqual({ kind: 'stale' });
  });

  it('reports a gap when a version is missing', () => {
    const state = applySnapshot(snapshot(5, [poll('p1')]));
    expect(applyUpdate(state, update(7, [poll('p1')]))).toEqual({ kind: 'gap' });
  });

  it('ignores updates before the first snapshot', () => {
    expect(applyUpdate(EMPTY_ROOM, update(1, [poll('p1')]))).toEqual({ kind: 'stale' });
  });

  it('records my choices without touching the rest', () => {
    const state = applySnapshot(snapshot(1, [poll('p1')], { p0: [0] }));
    const next = withMine(state, 'p1', [1]);
    expect(next.mine).toEqual({ p0: [0], p1: [1] });
    expect(next.interactions).toBe(state.interactions);
    expect(state.mine).toEqual({ p0: [0] });
  });

  it('keeps the room milestones from the snapshot and from each update that carries them', () => {
    const goal = {
      id: 'g1',
      metric: 'cheers' as const,
      target: 50,
      progress: 10,
      status: 'active' as const,
      createdAt: 1,
      action: { type: 'message' as const },
    };
    const state = applySnapshot({ ...snapshot(1, []), milestones: { cheers: 10, goals: [goal] } });
    expect(state.milestones?.cheers).toBe(10);
    const quiet = applyUpdate(state, update(2, []));
    expect(quiet.kind === 'applied' && quiet.state.milestones).toBe(state.milestones);
    const counted = applyUpdate(state, { ...update(2, []), milestones: { cheers: 50, goals: [{ ...goal, progress: 50, status: 'reached' }] } });
    expect(counted.kind === 'applied' && counted.state.milestones?.goals[0]?.status).toBe('reached');
    expect(applySnapshot(snapshot(3, [])).milestones).toBeUndefined();
  });

  it('keeps the viewer progress from the snapshot, replaced by each progress event', () => {
    const progress = { channel: 'c', valid: 9, streams: 1, streak: 1, badges: [], rewards: [] };
    const state = applySnapshot({ ...snapshot(1, []), progress });
    expect(state.progress?.valid).toBe(9);
    const next = withProgress(state, { ...progress, valid: 10 });
    expect(next.progress?.valid).toBe(10);
    expect(state.progress?.valid).toBe(9);
    expect(next.interactions).toBe(state.interactions);
  });
});
