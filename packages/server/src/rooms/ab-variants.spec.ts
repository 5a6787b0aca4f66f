import { describe, expect, it } from 'vitest';
import { assignVariant, MAX_VARIANTS } from '@oncue/protocol';
import { newKey, POLL, startTestServer } from '../../test/test-server.js';

describe('A/B variants of a poll', () => {
  it('assigns a viewer the same variant every time, spreading viewers over all of them', () => {
    expect(assignVariant('poll-1', 'viewer-1', 2)).toBe(assignVariant('poll-1', 'viewer-1', 2));
    expect(assignVariant('poll-1', 'viewer-1', 1)).toBe(0);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[assignVariant('poll-1', `viewer-${i}`, 3)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('sends viewers the wordings and hosts the votes per variant', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ variants: ['Snack time: which one?'] });
    const viewers = await Promise.all(Array.from({ length: 8 }, () => t.connectViewer()));
    expect(viewers[0]!.poll(id)).toMatchObject({ question: 'Best snack?', variants: ['Snack time: which one?'] });
    expect(viewers[0]!.poll(id)).not.toHaveProperty('variantTally');
    const expected = [
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (const [i, viewer] of viewers.entries()) {
      const choice = i % 3;
      const result = await viewer.act('vote', { interaction: id, choices: [choice], key: newKey() });
      expect(result.ok).toBe(true);
      expected[assignVariant(id, viewer.welcome.viewer, 2)]![choice]!++;
    }
    const view = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);
    expect(view.body.variantTally).toEqual(expected);
  });

  it(`refuses more than ${MAX_VARIANTS - 1} alternative wordings, and empty ones`, async () => {
    const t = await startTestServer();
    const tooMany = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...POLL, variants: ['a', 'b', 'c', 'd'] } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('variants');
    const empty = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...POLL, variants: ['  '] } });
    expect(empty.status).toBe(400);
  });
});
