import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyBlindbox, type BlindboxPersonal, type BlindboxView } from '@oncue/protocol';
import { newKey, startTestServer, type TestClient, type TestServer } from '../../../test/test-server.js';

const BOX = {
  kind: 'blindbox',
  title: "What's in box #3?",
  guess: { type: 'choice', options: [{ label: 'Lipstick' }, { label: 'Perfume' }, { label: 'Scarf' }] },
  answer: 1,
  claim: { fields: [{ id: 'contact', label: 'Phone' }], seconds: 600 },
};
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function launch(t: TestServer, spec: Record<string, unknown> = {}): Promise<{ id: string; commitment: string }> {
  const response = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...BOX, ...spec } });
  if (response.status !== 201) throw new Error(`launch failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
const get = async (t: TestServer, id: string) => (await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body as BlindboxView;
const lock = (t: TestServer, id: string) => t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/close`);
const reveal = (t: TestServer, id: string) => t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`);
const tickets = new Map<TestClient, string>();
const ticketOf = (id: string, v: TestClient) => tickets.get(v) ?? tickets.set(v, sha256(`${id}:${randomBytes(32).toString('hex')}`)).get(v)!;
const guess = (v: TestClient, id: string, value: number | string, key = newKey()) =>
  v.act<{ personal: BlindboxPersonal }>('guess', { interaction: id, key, value, ticket: ticketOf(id, v) });
const claim = (v: TestClient, id: string, fields: Record<string, string> = { contact: '+86 138 0000 0000' }) =>
  v.act<{ personal: BlindboxPersonal }>('claim', { interaction: id, fields, key: newKey() });

describe('blind box', () => {
  it('commits to the answer at launch, keeps it from viewers until the reveal, then publishes a proof that verifies', async () => {
    const t = await startTestServer();
    const { id, commitment } = await launch(t, { reward: { type: 'draw', winners: 2 } });
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    const named = await Promise.all(['Ada', 'Bo', 'Cy', 'Di', 'Ed'].map((name) => t.connectViewer({ name })));
    for (const [i, v] of named.entries())
      expect(await guess(v, id, i === 3 ? 2 : 1)).toMatchObject({ ok: true, value: { personal: { kind: 'blindbox', guess: i === 3 ? 2 : 1 } } });
    expect(await guess(named[0]!, id, 0)).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    const locked = await lock(t, id);
    expect(locked.status).toBe(200);
    expect(await guess(await t.connectViewer(), id, 1)).toMatchObject({ ok: false, error: { code: 'not_open' } });
    expect(await claim(named[0]!, id)).toMatchObject({ ok: false, error: { code: 'not_open' } });

    // Nothing a viewer socket received so far names the answer or the salt.
    const host = await get(t, id);
    expect(host).not.toHaveProperty('answer');
    for (const v of named) {
      const frames = JSON.stringify(v.received);
      expect(frames).not.toContain('"answer"');
      expect(frames).not.toContain('"salt"');
      expect(frames).not.toContain('"seed"');
    }
    expect(((v) => v.counts)(named[0]!.views.get(id) as BlindboxView)).toBeUndefined();

    expect((await reveal(t, id)).status).toBe(200);
    expect((await reveal(t, id)).body).toMatchObject({ error: { code: 'already_closed' } });
    const revealed = await get(t, id);
    expect(revealed).toMatchObject({
      answer: 1,
      salt: expect.stringMatching(/^[0-9a-f]{64}$/),
      seed: expect.stringMatching(/^[0-9a-f]{64}$/),
      counts: [0, 4, 1],
    });
    expect(sha256(`{"type":"choice","answer":1}:${revealed.salt}`)).toBe(commitment);
    expect(revealed.winners).toHaveLength(2);
    const proof = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/proof`)).body;
    expect(proof.guesses.map((g: { entry: string }) => g.entry)).toEqual(named.map((v) => ticketOf(id, v)));
    expect(
      await verifyBlindbox({
        box: { type: 'choice', answer: proof.answer },
        salt: proof.salt,
        commitment,
        reward: proof.reward,
        guesses: proof.guesses,
        winners: proof.winners,
        seed: proof.seed,
        seedCommitment: proof.seedCommitment,
      }),
    ).toEqual({ ok: true });
    // Winners by display name; the one who guessed wrong cannot win.
    const winners = named.filter((v) => revealed.winners!.includes(ticketOf(id, v)));
    expect(revealed.winnerNames).toEqual(
      Object.fromEntries(revealed.winners!.map((w) => [w, ['Ada', 'Bo', 'Cy', 'Di', 'Ed'][named.findIndex((v) => ticketOf(id, v) === w)]])),
    );
    expect(winners).not.toContain(named[3]);
    for (const v of named) await v.waitFor(() => (v.personal[id] as BlindboxPersonal | undefined)?.right !== undefined, 'the reveal');
    expect(named[3]!.personal[id] as BlindboxPersonal).toMatchObject({ right: false, won: false });

    // Winners claim once; others cannot.
    expect(await claim(named[3]!, id)).toMatchObject({ ok: false, error: { code: 'not_winner' } });
    expect(await claim(winners[0]!, id)).toMatchObject({ ok: true, value: { personal: { won: true, claimedAt: expect.any(Number) } } });
    expect(await claim(winners[0]!, id)).toMatchObject({ ok: false, error: { code: 'already_claimed' } });
    const csv = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/claims.csv`);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe('round,entry,name,claim_by,claimed_at,Phone');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes(ticketOf(id, winners[0]!)))).toMatch(/,'\+86 138 0000 0000$/);
  });

  it('takes a changed guess when the host allows it, counted from the change', async () => {
    const t = await startTestServer();
    const { id } = await launch(t, { changeable: true, reward: { type: 'first', winners: 1 } });
    const [a, b] = await Promise.all([t.connectViewer(), t.connectViewer()]);
    expect((await guess(a, id, 0)).ok).toBe(true);
    expect((await guess(b, id, 1)).ok).toBe(true);
    expect((await guess(a, id, 1)).ok).toBe(true);
    await lock(t, id);
    await reveal(t, id);
    const revealed = await get(t, id);
    expect(revealed.guesses).toEqual([
      { entry: ticketOf(id, b), value: 1 },
      { entry: ticketOf(id, a), value: 1 },
    ]);
    expect(revealed.winners).toEqual([ticketOf(id, b)]);
  });

  it('refuses guesses that do not fit the box, in words', async () => {
    const t = await startTestServer();
    const choice = await launch(t);
    const number = await launch(t, { guess: { type: 'number', min: 0, max: 500 }, answer: 120, reward: { type: 'closest', winners: 1 } });
    const text = await launch(t, { guess: { type: 'text' }, answer: ['口红', 'Lipstick'] });
    const v = await t.connectViewer();
    expect(await guess(v, choice.id, 3)).toMatchObject({ ok: false, error: { code: 'option_out_of_range', message: 'value: pick an option, 0-2' } });
    expect(await guess(v, choice.id, 'Perfume')).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    expect(await guess(v, number.id, 501)).toMatchObject({
      ok: false,
      error: { code: 'option_out_of_range', message: 'value: guess a whole number from 0 to 500' },
    });
    expect(await guess(v, number.id, 1.5)).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    expect(await guess(v, text.id, '。！ ')).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'value: a guess needs a letter or a digit' } });
    expect(await guess(v, text.id, 'x'.repeat(41))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await guess(v, text.id, ' ＬＩＰＳＴＩＣＫ！')).toMatchObject({ ok: true });
    const refused = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...BOX, answer: 5 } });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: expect.stringContaining('answer') } } });
    expect((await reveal(t, text.id)).body).toMatchObject({ error: { code: 'not_open' } });
  });

  it('can be cancelled before the reveal: it closes, nobody wins, the answer stays secret; not after the reveal', async () => {
    const t = await startTestServer();
    const { id } = await launch(t);
    const v = await t.connectViewer({ name: 'Ada' });
    expect((await guess(v, id, 1)).ok).toBe(true);
    const cancelled = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'closed', cancelled: true } });
    expect(cancelled.body).not.toHaveProperty('answer');
    expect(await guess(await t.connectViewer(), id, 1)).toMatchObject({ ok: false, error: { code: 'not_open' } });
    expect((await reveal(t, id)).body).toMatchObject({ error: { code: 'already_closed', message: 'this box was cancelled' } });
    expect(await claim(v, id)).toMatchObject({ ok: false, error: { code: 'not_winner' } });
    await v.waitFor(() => (v.views.get(id) as BlindboxView | undefined)?.cancelled === true, 'the cancellation');
    expect(JSON.stringify(v.received)).not.toContain('"salt"');
    const proof = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/proof`, { token: null })).body;
    expect(proof).toMatchObject({ cancelled: true });
    expect(proof).not.toHaveProperty('answer');

    const other = await launch(t);
    await lock(t, other.id);
    await reveal(t, other.id);
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${other.id}/cancel`)).body).toMatchObject({ error: { code: 'already_closed' } });
    const poll = await t.createPoll();
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${poll}/cancel`)).body).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('keeps guesses, the commitment and the reveal across a restart', async () => {
    const t = await startTestServer();
    const { id, commitment } = await launch(t, { guess: { type: 'text' }, answer: ['口红'] });
    const v = await t.connectViewer();
    const ticket = ticketOf(id, v);
    expect((await guess(v, id, '口红。')).ok).toBe(true);
    await t.restart();
    expect(await get(t, id)).toMatchObject({ participants: 1, commitment });
    await lock(t, id);
    await reveal(t, id);
    await t.restart();
    const revealed = await get(t, id);
    expect(revealed).toMatchObject({ answer: ['口红'], winners: [ticket], guesses: [{ entry: ticket, value: '口红。' }] });
    expect(sha256(`{"type":"text","answer":["口红"]}:${revealed.salt}`)).toBe(commitment);
    // Between the reveal and the claim, a restart: the winner still claims, once.
    const again = await t.connectViewer({ viewerToken: v.welcome.viewerToken });
    expect(await claim(again, id)).toMatchObject({ ok: true, value: { personal: { won: true } } });
    await t.restart();
    expect((await get(t, id)).claims).toMatchObject([{ entry: ticket, claimedAt: expect.any(Number) }]);
  });
});
