import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newKey, startTestServer } from '../../test/test-server.js';

describe('entry tickets (the ids a giveaway and a blind box publish)', () => {
  it('are one per entry: a second viewer sending a ticket another entry has is refused, and nothing is counted', async () => {
    const t = await startTestServer();
    const lottery = (await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'lottery', prize: 'Mug' } })).body.id as string;
    const box = (
      await t.rest('POST', `/api/rooms/${t.room}/interactions`, {
        body: { kind: 'blindbox', title: 'Box', guess: { type: 'choice', options: [{ label: 'A' }, { label: 'B' }] }, answer: 0, changeable: true },
      })
    ).body.id as string;
    const ticket = randomBytes(32).toString('hex');
    const [a, b] = await Promise.all([t.connectViewer(), t.connectViewer()]);

    expect((await a.act('enter', { interaction: lottery, key: newKey(), ticket })).ok).toBe(true);
    expect(await b.act('enter', { interaction: lottery, key: newKey(), ticket })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('ticket') },
    });
    expect((await b.act('enter', { interaction: lottery, key: newKey(), ticket: randomBytes(32).toString('hex') })).ok).toBe(true);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body.entries).toBe(2);

    expect((await a.act('guess', { interaction: box, key: newKey(), value: 0, ticket })).ok).toBe(true);
    expect(await b.act('guess', { interaction: box, key: newKey(), value: 1, ticket })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('ticket') },
    });
    // A changed guess keeps its own ticket.
    expect(await a.act('guess', { interaction: box, key: newKey(), value: 1, ticket })).toMatchObject({
      ok: true,
      value: { personal: { entry: ticket, guess: 1 } },
    });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${box}`)).body.participants).toBe(1);
  });
});
