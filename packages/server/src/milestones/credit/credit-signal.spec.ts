import type { DocRecord, StoreWrite } from '../../store/store.js';
import { describe, expect, it } from 'vitest';
import type { ValidInteraction } from '../room-extension.js';
import { CREDIT_FLAG_COLLECTION, CreditSignal, FLAG_HOLD_MS } from './credit-signal.js';

const T0 = 1_800_000_000_000;

function signal(options: { sharedAddressViewers?: number } = {}) {
  let now = T0;
  const writes: StoreWrite[] = [];
  const flaggedNow: string[] = [];
  const credit = new CreditSignal({ now: () => now, persist: (w) => writes.push(w), onFlag: (viewer) => flaggedNow.push(viewer), ...options });
  return {
    credit,
    writes,
    flaggedNow,
    at: (t: number) => {
      now = t;
    },
  };
}

function valid(viewer: string, at: number, extra: Partial<ValidInteraction> = {}): ValidInteraction {
  return { room: 'r', viewer, interaction: `i${at}`, kind: 'poll', at, ...extra };
}

describe('credit signal', () => {
  it('flags cheer_rate past 100 taps dropped within a minute, not 100 spread over longer', () => {
    const { credit, flaggedNow } = signal();
    // 50 dropped every 40 s: never more than 100 in any minute.
    for (let i = 0; i < 5; i++) credit.cheered({ room: 'r', viewer: 'calm', taps: 10, dropped: 50, at: T0 + i * 40_000 });
    expect(credit.flagsOf('calm', T0 + 200_000)).toEqual([]);
    credit.cheered({ room: 'r', viewer: 'bot', taps: 10, dropped: 60, at: T0 });
    credit.cheered({ room: 'r', viewer: 'bot', taps: 10, dropped: 0, at: T0 + 10_000 });
    expect(credit.flagsOf('bot', T0 + 10_000)).toEqual([]);
    credit.cheered({ room: 'r', viewer: 'bot', taps: 10, dropped: 41, at: T0 + 59_000 });
    expect(credit.flagsOf('bot', T0 + 59_000)).toEqual(['cheer_rate']);
    expect(flaggedNow).toEqual(['bot']);
  });

  it('flags robotic_timing for 8 valid interactions with gaps within ±15 ms, not for human gaps, not for cheers', () => {
    const { credit } = signal();
    const gaps = [1000, 1010, 990, 1005, 1015, 995, 985];
    let t = T0;
    credit.interaction(valid('bot', t));
    for (const [i, gap] of gaps.entries()) {
      t += gap;
      credit.interaction(valid('bot', t));
      expect(credit.flagsOf('bot', t)).toEqual(i === gaps.length - 1 ? ['robotic_timing'] : []);
    }
    t = T0;
    for (const gap of [0, 1000, 1010, 990, 1005, 1015, 995, 1040]) credit.interaction(valid('person', (t += gap)));
    expect(credit.flagsOf('person', t)).toEqual([]);
    t = T0;
    for (let i = 0; i < 10; i++) credit.interaction(valid('tapper', (t += 60_000), { kind: 'cheer', interaction: '_cheers' }));
    expect(credit.flagsOf('tapper', t)).toEqual([]);
  });

  it('flags every viewer of an address once more than N had valid interactions within 10 minutes', () => {
    const { credit } = signal({ sharedAddressViewers: 3 });
    for (const [i, viewer] of ['a', 'b', 'c'].entries()) credit.interaction(valid(viewer, T0 + i * 1000, { address: '10.0.0.1' }));
    // Another address, and a fourth viewer here after the first one's ten minutes: no flag.
    credit.interaction(valid('x', T0 + 3000, { address: '10.0.0.2' }));
    credit.interaction(valid('d', T0 + 600_500, { address: '10.0.0.1' }));
    expect(credit.flagged(T0 + 600_500)).toEqual([]);
    credit.interaction(valid('e', T0 + 600_900, { address: '10.0.0.1' }));
    expect(credit.flagged(T0 + 600_900).map((f) => [f.viewer, f.reasons])).toEqual(['b', 'c', 'd', 'e'].map((v) => [v, ['shared_address']]));
    expect(credit.flagsOf('a', T0 + 600_900)).toEqual([]);
    expect(credit.flagsOf('x', T0 + 600_900)).toEqual([]);
  });

  it('does not count viewers the site signed in per address (accounts of its own, not minted identities)', () => {
    const { credit } = signal({ sharedAddressViewers: 3 });
    for (const [i, viewer] of ['a', 'b', 'c', 'd', 'e'].entries()) credit.interaction(valid(viewer, T0 + i * 1000, { address: '10.0.0.1', signed: true }));
    expect(credit.flagged(T0 + 5000)).toEqual([]);
    // Anonymous ones from the same address are counted as before, without the signed ones.
    for (const [i, viewer] of ['f', 'g', 'h'].entries()) credit.interaction(valid(viewer, T0 + 6000 + i * 1000, { address: '10.0.0.1' }));
    expect(credit.flagged(T0 + 9000)).toEqual([]);
    credit.interaction(valid('k', T0 + 10_000, { address: '10.0.0.1' }));
    expect(credit.flagged(T0 + 10_000).map((f) => f.viewer)).toEqual(['f', 'g', 'h', 'k']);
  });

  it('holds a flag for a day after it last held, across a reload of its documents', () => {
    const { credit, writes } = signal({ sharedAddressViewers: 1 });
    credit.interaction(valid('a', T0, { address: 'n' }));
    credit.interaction(valid('b', T0 + 1, { address: 'n' }));
    expect(credit.flagsOf('a', T0 + 1)).toEqual(['shared_address']);
    const docs = writes.map((w) => (w as { record: DocRecord }).record);
    expect(docs.every((d) => d.collection === CREDIT_FLAG_COLLECTION)).toBe(true);

    const reloaded = signal().credit;
    reloaded.load(docs);
    expect(reloaded.flagsOf('a', T0 + FLAG_HOLD_MS)).toEqual(['shared_address']);
    expect(reloaded.flagsOf('a', T0 + 1 + FLAG_HOLD_MS)).toEqual([]);
    expect(reloaded.flagged(T0 + 2 + FLAG_HOLD_MS)).toEqual([]);
  });
});
