import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { verifyDraw, type LotteryPersonal, type LotteryView } from '@oncue/protocol';
import { newKey, startTestServer, type TestClient, type TestServer } from '../../../test/test-server.js';

const T0 = 1_800_000_000_000;
const LOTTERY = { kind: 'lottery', prize: 'A lipstick set', winners: 2, claim: { fields: [{ id: 'contact', label: 'Phone' }], seconds: 600 } };

async function launch(t: TestServer, spec: Record<string, unknown> = {}): Promise<{ id: string; commitment: string }> {
  const response = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...LOTTERY, ...spec } });
  if (response.status !== 201) throw new Error(`launch failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const get = async (t: TestServer, id: string) => (await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body;
const close = (t: TestServer, id: string) => t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/close`);
/** Each viewer's entry secret, as its client keeps it (by viewer id: a reconnection with the same token is the same viewer). */
const secrets = new Map<string, string>();
const secretOf = (v: TestClient) => secrets.get(v.welcome.viewer) ?? secrets.set(v.welcome.viewer, randomBytes(32).toString('hex')).get(v.welcome.viewer)!;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** A viewer's ticket for a lottery, computed here as the docs define it: hex SHA-256 of `<lottery>:<secret>`. */
const ticketOf = (id: string, v: TestClient) => sha256(`${id}:${secretOf(v)}`);
const enter = (v: TestClient, id: string, key = newKey()) => v.act<{ personal: LotteryPersonal }>('enter', { interaction: id, key, ticket: ticketOf(id, v) });
const claim = (v: TestClient, id: string, fields: Record<string, string> = { contact: '+86 138 0000 0000' }, key = newKey()) =>
  v.act<{ personal: LotteryPersonal }>('claim', { interaction: id, fields, key });

/** Viewers, split into the winners and the others of a drawn lottery. */
async function split(t: TestServer, id: string, viewers: TestClient[]) {
  const { winners } = await get(t, id);
  const winning = viewers.filter((v) => winners.includes(ticketOf(id, v)));
  return { winning, losing: viewers.filter((v) => !winning.includes(v)) };
}

describe('lottery', () => {
  it('launches over REST with a commitment and no seed, takes one entry per viewer and draws at close', async () => {
    const t = await startTestServer();
    const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, {
      body: { kind: 'lottery', prize: 'Mug', winners: 1, eligibility: { type: 'room' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), commitment: expect.stringMatching(/^[0-9a-f]{64}$/), status: 'open', entries: 0, prizes: 1 });
    expect(created.body).not.toHaveProperty('seed');
    const { id } = created.body;

    const viewers = await Promise.all([1, 2, 3, 4, 5].map(() => t.connectViewer()));
    for (const v of viewers) {
      const receipt = await enter(v, id);
      expect(receipt).toMatchObject({ ok: true, value: { interaction: id, personal: { kind: 'lottery', won: false, entry: ticketOf(id, v) } } });
    }
    expect(await enter(viewers[0]!, id)).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    const open = await get(t, id);
    expect(open).toMatchObject({ status: 'open', entries: 5 });
    expect(open).not.toHaveProperty('seed');
    expect(open).not.toHaveProperty('entryList');

    const closed = await close(t, id);
    expect(closed.status).toBe(200);
    const drawn = await get(t, id);
    expect(drawn).toMatchObject({ status: 'closed', entries: 5, commitment: created.body.commitment, seed: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(drawn.entryList).toEqual(viewers.map((v) => ticketOf(id, v)).sort());
    expect(drawn.winners).toHaveLength(1);
    expect(await verifyDraw(drawn)).toEqual({ ok: true });
    expect(await enter(await t.connectViewer(), id)).toMatchObject({ ok: false, error: { code: 'not_open' } });
  });

  it('tells each entrant whether they won, and lets only a winner claim, once', async () => {
    const t = await startTestServer();
    const { id } = await launch(t);
    const viewers = await Promise.all([1, 2, 3, 4].map(() => t.connectViewer()));
    for (const v of viewers) expect((await enter(v, id)).ok).toBe(true);
    const outsider = await t.connectViewer();
    expect(await claim(viewers[0]!, id)).toMatchObject({ ok: false, error: { code: 'not_open' } });
    await close(t, id);

    const { winning, losing } = await split(t, id, viewers);
    expect(winning).toHaveLength(2);
    for (const v of winning) await v.waitFor(() => (v.personal[id] as LotteryPersonal | undefined)?.won === true, 'the personal win');
    for (const v of losing) await v.waitFor(() => (v.personal[id] as LotteryPersonal | undefined)?.won === false, 'the personal loss');
    expect(outsider.personal[id]).toBeUndefined();

    expect(await claim(losing[0]!, id)).toMatchObject({ ok: false, error: { code: 'not_winner' } });
    expect(await claim(outsider, id)).toMatchObject({ ok: false, error: { code: 'not_winner' } });
    const winner = winning[0]!;
    expect(await claim(winner, id, { phone: '1' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await claim(winner, id, { contact: '' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const key = newKey();
    const first = await claim(winner, id, undefined, key);
    expect(first).toMatchObject({ ok: true, value: { personal: { won: true, claimedAt: expect.any(Number) } } });
    // The same claim again (a retry) is answered the same; a new claim is refused.
    expect(await claim(winner, id, undefined, key)).toEqual(first);
    expect(await claim(winner, id, { contact: 'someone else' })).toMatchObject({ ok: false, error: { code: 'already_claimed' } });

    // Contact data: hosts only.
    const host = await get(t, id);
    expect(host.claims).toEqual(
      expect.arrayContaining([
        { entry: ticketOf(id, winner), round: 0, claimBy: expect.any(Number), claimedAt: expect.any(Number), fields: { contact: '+86 138 0000 0000' } },
      ]),
    );
    await losing[0]!.waitFor(() => ((losing[0]!.views.get(id) as LotteryView).claimed ?? []).length === 1, 'the claimed mark');
    const viewerView = losing[0]!.views.get(id) as LotteryView;
    expect(viewerView).not.toHaveProperty('claims');
    expect(viewerView).not.toHaveProperty('entryList');
    expect(JSON.stringify(losing[0]!.received)).not.toContain('138 0000');
  });

  it('exports winners and claims as CSV to hosts, with formula cells defused', async () => {
    const t = await startTestServer();
    const { id } = await launch(t, { winners: 1 });
    const v = await t.connectViewer();
    await enter(v, id);
    await close(t, id);
    await claim(v, id, { contact: '=HYPERLINK("http://evil")' });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/claims.csv`, { token: null })).status).toBe(401);
    const csv = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/claims.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const [header, row, end] = (csv.body as string).split('\r\n');
    expect(header).toBe('round,entry,name,claim_by,claimed_at,Phone');
    expect(row).toMatch(new RegExp(`^0,${ticketOf(id, v)},,\\d{4}-.*Z,\\d{4}-.*Z,"'=HYPERLINK\\(""http://evil""\\)"$`));
    expect(end).toBe('');
  });

  it('publishes the proof without a token, and never the seed before the draw', async () => {
    const t = await startTestServer();
    const { id } = await launch(t);
    const before = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/proof`, { token: null });
    expect(before.status).toBe(200);
    expect(before.body.seed).toBeUndefined();
    await enter(await t.connectViewer(), id);
    await close(t, id);
    const proof = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/proof`, { token: null });
    expect(proof.body).toMatchObject({ id, status: 'closed', entries: 1, winners: [expect.any(String)], entryList: [expect.any(String)] });
    expect(await verifyDraw(proof.body)).toEqual({ ok: true });
    expect(proof.body).not.toHaveProperty('claims');
    const poll = await t.createPoll();
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${poll}/proof`, { token: null })).status).toBe(404);
  });

  it('admits only viewers who took part when eligibility names an interaction: voted in a poll, answered a quiz correctly', async () => {
    const t = await startTestServer();
    const poll = await t.createPoll();
    const quiz = (
      await t.rest('POST', `/api/rooms/${t.room}/interactions`, {
        body: { kind: 'quiz', questions: [{ prompt: '1+1?', options: [{ label: '2' }, { label: '3' }], correct: 0 }] },
      })
    ).body.id;
    const [voter, bystander, right, wrong] = await Promise.all([1, 2, 3, 4].map(() => t.connectViewer()));
    await voter!.act('vote', { interaction: poll, choices: [0], key: newKey() });
    await right!.act('answer', { interaction: quiz, question: 0, choice: 0, key: newKey() });
    await wrong!.act('answer', { interaction: quiz, question: 0, choice: 1, key: newKey() });

    const forVoters = (await launch(t, { eligibility: { type: 'participated', interaction: poll } })).id;
    expect((await enter(voter!, forVoters)).ok).toBe(true);
    expect(await enter(bystander!, forVoters)).toMatchObject({ ok: false, error: { code: 'not_eligible' } });

    const forQuizzers = (await launch(t, { eligibility: { type: 'participated', interaction: quiz } })).id;
    expect((await enter(right!, forQuizzers)).ok).toBe(true);
    expect(await enter(wrong!, forQuizzers)).toMatchObject({ ok: false, error: { code: 'not_eligible' } });
    expect(await enter(voter!, forQuizzers)).toMatchObject({ ok: false, error: { code: 'not_eligible' } });

    // Nobody could ever enter a giveaway for an interaction that does not exist: refused at launch, naming the field.
    const forUnknown = await t.rest('POST', `/api/rooms/${t.room}/interactions`, {
      body: { ...LOTTERY, eligibility: { type: 'participated', interaction: 'no-such-thing' } },
    });
    expect(forUnknown.status).toBe(400);
    expect(forUnknown.body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('eligibility.interaction') });
    const viaSocket = await (await t.connectHost()).request('host:create', {
      spec: { ...LOTTERY, eligibility: { type: 'participated', interaction: 'no-such-thing' } },
      key: newKey(),
    });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('eligibility.interaction') } });
    const otherRoom = await t.createPoll(undefined, 'another-room');
    expect(
      (await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...LOTTERY, eligibility: { type: 'participated', interaction: otherRoom } } }))
        .status,
    ).toBe(400);
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions`)).body.interactions).toHaveLength(4);
  });

  it('validates the launch', async () => {
    const t = await startTestServer();
    const bad = async (spec: Record<string, unknown>) =>
      (await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { ...LOTTERY, ...spec } })).body.error?.code;
    expect(await bad({ prize: ' ' })).toBe('bad_request');
    expect(await bad({ winners: 0 })).toBe('bad_request');
    expect(await bad({ winners: 1.5 })).toBe('bad_request');
    expect(await bad({ eligibility: { type: 'friends' } })).toBe('bad_request');
    expect(await bad({ image: 'javascript:alert(1)' })).toBe('bad_request');
    for (const image of ['http://cdn.example/a.png', '//other.host/x.png', '/\\evil.example/x.png', 'https://'])
      expect(await bad({ image }), image).toBe('bad_request');
    expect(await bad({ image: 'https://cdn.example/a.png' })).toBeUndefined();
    expect(await bad({ prize: 'Mug\u202E' })).toBe('bad_request');
    expect(await bad({ prize: '\u200B\u200C' })).toBe('bad_request');
    expect(await bad({ claim: { fields: [{ id: 'contact', label: '\u2066Phone' }] } })).toBe('bad_request');
    const poll = await t.rest('POST', `/api/rooms/${t.room}/interactions`, {
      body: { kind: 'poll', question: 'Q?', options: [{ label: 'A\u202Egnp.exe' }, { label: 'B' }] },
    });
    expect(poll.body.error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('bidirectional') });
    expect(
      await bad({
        claim: {
          fields: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
        },
      }),
    ).toBe('bad_request');
    const defaults = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'lottery', prize: 'Mug' } });
    expect(defaults.body).toMatchObject({ prizes: 1, eligibility: { type: 'room' }, claim: { fields: [{ id: 'contact' }], seconds: 86_400 } });
  });

  it('refuses a claim after its window and redraws expired prizes from the same committed order, visibly', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const { id } = await launch(t, { winners: 1, claim: { seconds: 60 } });
    const viewers = await Promise.all([1, 2, 3].map(() => t.connectViewer()));
    for (const v of viewers) await enter(v, id);
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`)).body).toMatchObject({ error: { code: 'not_open' } });
    await close(t, id);
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`)).body).toMatchObject({ error: { code: 'bad_request' } });
    const first = (await split(t, id, viewers)).winning[0]!;

    now += 61_000;
    expect(await claim(first, id)).toMatchObject({ ok: false, error: { code: 'claim_expired' } });
    const redrawn = await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`);
    expect(redrawn.status).toBe(200);
    const view = await get(t, id);
    expect(view.draws).toHaveLength(2);
    expect(view.draws[1]).toMatchObject({ round: 1, at: now, claimBy: now + 60_000, replaces: [ticketOf(id, first)] });
    expect(view.winners).toHaveLength(2);
    expect(await verifyDraw(view)).toEqual({ ok: true });
    const second = viewers.find((v) => ticketOf(id, v) === view.draws[1].winners[0])!;
    await viewers[2]!.waitFor(() => (viewers[2]!.views.get(id) as LotteryView).draws?.length === 2, 'viewers see the redraw');
    expect(await claim(first, id)).toMatchObject({ ok: false, error: { code: 'not_winner' } });
    await second.waitFor(() => (second.personal[id] as LotteryPersonal | undefined)?.won === true, 'the redrawn winner learns it');
    expect(first.personal[id]).toMatchObject({ won: true, claimBy: T0 + 60_000 });
    expect((await claim(second, id)).ok).toBe(true);
    expect((await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`)).body).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('keeps the committed seed, the entries and the draw across restarts, between commit and draw and after', async () => {
    const t = await startTestServer();
    const { id, commitment } = await launch(t, { winners: 1 });
    const keys = [newKey(), newKey()];
    const [a, b] = await Promise.all([t.connectViewer(), t.connectViewer()]);
    const tokens = [a!.welcome.viewerToken, b!.welcome.viewerToken];
    await enter(a!, id, keys[0]);
    await enter(b!, id, keys[1]);

    await t.restart();
    const a2 = await t.connectViewer({ viewerToken: tokens[0] });
    // The retried entry is answered as before; the viewer still counts once.
    expect(await enter(a2, id, keys[0])).toMatchObject({ ok: true });
    expect(await enter(a2, id)).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect(await get(t, id)).toMatchObject({ entries: 2, commitment });
    await close(t, id);
    const drawn = await get(t, id);
    expect(drawn.commitment).toBe(commitment);
    expect(await verifyDraw(drawn)).toEqual({ ok: true });

    await t.restart();
    const again = await get(t, id);
    expect(again).toMatchObject({ seed: drawn.seed, winners: drawn.winners, entryList: drawn.entryList });
    const winnerToken = drawn.winners[0] === ticketOf(id, a!) ? tokens[0] : tokens[1];
    const winner = await t.connectViewer({ viewerToken: winnerToken });
    expect(winner.personal[id]).toMatchObject({ won: true });
    expect((await claim(winner, id)).ok).toBe(true);
    await t.restart();
    expect((await get(t, id)).claims[0]).toMatchObject({ claimedAt: expect.any(Number), fields: { contact: '+86 138 0000 0000' } });
  });

  it('draws when the entry window ends by itself, also after a restart past it', async () => {
    let now = T0;
    const t = await startTestServer({ now: () => now });
    const { id } = await launch(t, { durationSeconds: 30 });
    await enter(await t.connectViewer(), id);
    await t.server.close();
    now += 31_000;
    await t.restart();
    expect(await get(t, id)).toMatchObject({ status: 'closed', closedAt: T0 + 30_000, winners: [expect.any(String)] });
  });
});
