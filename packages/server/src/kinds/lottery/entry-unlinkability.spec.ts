import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDraw, type LotteryPersonal, type LotteryView, type QuizPersonal } from '@oncue/protocol';
import { signViewerToken } from '../../identity/viewer-identity.js';
import { newKey, startTestServer, type TestClient, type TestServer } from '../../../test/test-server.js';

const SECRET = 'unlinkability-test-secret-0123456789abcdef';
/** The integrator's users: small numeric ids, as an integrator's database hands them out. */
const ID_SPACE = 2_000;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Person {
  id: string;
  name: string;
  secret: string;
  client: TestClient;
}

/** A room with a quiz and a 3-prize giveaway; `count` signed-in users answer the quiz and enter with the tickets their clients derive. */
async function playedRoom(t: TestServer, count: number) {
  const create = async (body: unknown) => (await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body })).body.id as string;
  const quiz = await create({
    kind: 'quiz',
    revealSeconds: 0,
    questions: [{ prompt: '1 + 1?', options: [{ label: '2' }, { label: '3' }], correct: 0, seconds: 30 }],
  });
  const lottery = await create({ kind: 'lottery', prize: 'A lipstick set', winners: 3 });
  const ids = new Set<string>();
  while (ids.size < count) ids.add(String(1 + Math.floor(Math.random() * ID_SPACE)));
  const people: Person[] = [];
  for (const id of ids) {
    const name = `User ${id}`;
    const client = await t.connectViewer({ viewerToken: signViewerToken({ secret: SECRET, viewer: id, name }) });
    const secret = randomBytes(32).toString('hex');
    expect(await client.act('answer', { interaction: quiz, question: 0, choice: people.length % 3 === 0 ? 1 : 0, key: newKey() })).toMatchObject({ ok: true });
    expect(await client.act('enter', { interaction: lottery, key: newKey(), ticket: sha256(`${lottery}:${secret}`) })).toMatchObject({ ok: true });
    people.push({ id, name, secret, client });
  }
  await t.rest('POST', `/api/rooms/${t.room}/interactions/${quiz}/close`);
  await t.rest('POST', `/api/rooms/${t.room}/interactions/${lottery}/close`);
  for (const p of people)
    await p.client.waitFor(
      () => p.client.quiz(quiz)?.leaderboard !== undefined && (p.client.views.get(lottery) as LotteryView | undefined)?.winners !== undefined,
      'the results',
    );
  return { quiz, lottery, people };
}

describe('giveaway entries cannot be linked to viewers', () => {
  it('an attacker who knows every viewer id, name and the lottery id reproduces no entry of the proof', async () => {
    const t = await startTestServer({ viewerSecret: SECRET });
    const { quiz, lottery, people } = await playedRoom(t, 20);
    const proof = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}/proof`, { token: null })).body;
    expect(proof.entryList).toHaveLength(20);
    expect(proof.winners).toHaveLength(3);
    const published = new Set<string>([...proof.entryList, ...proof.winners]);

    // What a viewer socket receives of the quiz: rank, name, score, time; no viewer id.
    const board = people[0]!.client.quiz(quiz)!.leaderboard!;
    expect(board).toHaveLength(10);
    for (const row of board) expect(Object.keys(row).sort()).toEqual(['name', 'rank', 'score', 'timeMs']);

    // Every guess the old scheme (and obvious variants) would make, for every user id of the space and every name.
    const guesses = new Set<string>();
    for (let id = 1; id <= ID_SPACE; id++) for (const form of [`${lottery}:${id}`, `${id}`, `${id}:${lottery}`]) guesses.add(sha256(form));
    for (const p of people) for (const form of [`${lottery}:${p.name}`, p.name, `${quiz}:${p.id}`]) guesses.add(sha256(form));
    expect([...published].filter((entry) => guesses.has(entry))).toEqual([]);
    // Nor does any viewer socket hear another viewer's id.
    for (const row of board) expect(people.some((p) => JSON.stringify(row).includes(`"${p.id}"`))).toBe(false);
  });

  it('each viewer finds its own entry from its secret alone, learns whether it won, and the draw verifies', async () => {
    const t = await startTestServer({ viewerSecret: SECRET });
    const { lottery, people } = await playedRoom(t, 8);
    const proof = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}/proof`, { token: null })).body;
    expect(await verifyDraw(proof)).toEqual({ ok: true });
    let winners = 0;
    for (const p of people) {
      const mine = sha256(`${lottery}:${p.secret}`);
      expect(proof.entryList).toContain(mine);
      const personal = p.client.personal[lottery] as LotteryPersonal;
      expect(personal).toMatchObject({ entry: mine, won: proof.winners.includes(mine) });
      if (personal.won) winners++;
    }
    expect(winners).toBe(3);
  });

  it('finds a viewer’s own leaderboard row through its personal place; hosts still see viewer ids', async () => {
    const t = await startTestServer({ viewerSecret: SECRET });
    const { quiz, people } = await playedRoom(t, 12);
    const board = people[0]!.client.quiz(quiz)!.leaderboard!;
    for (const p of people) {
      await p.client.waitFor(() => (p.client.personal[quiz] as QuizPersonal | undefined)?.place !== undefined, 'the own place');
      const { place, rank } = p.client.personal[quiz] as QuizPersonal;
      if (place! <= board.length) expect(board[place! - 1]).toMatchObject({ name: p.name, rank });
    }
    const host = await t.connectHost();
    expect(
      host
        .quiz(quiz)!
        .leaderboard!.map((row) => row.viewer)
        .sort(),
    ).toEqual(board.map((row) => people.find((p) => p.name === row.name)!.id).sort());
    const rest = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${quiz}`)).body;
    expect(rest.leaderboard.every((row: { viewer?: string }) => typeof row.viewer === 'string')).toBe(true);
  });

  it('takes one ticket per entry: a malformed ticket or one another entry holds is refused; without one the server draws a random one', async () => {
    const t = await startTestServer();
    const lottery = (await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'lottery', prize: 'Mug' } })).body.id as string;
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => t.connectViewer()));
    const ticket = sha256(`${lottery}:${randomBytes(32).toString('hex')}`);
    expect(await a!.act('enter', { interaction: lottery, key: newKey(), ticket: ticket.toUpperCase() })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await a!.act('enter', { interaction: lottery, key: newKey(), ticket: ticket.slice(1) })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await a!.act('enter', { interaction: lottery, key: newKey(), ticket })).toMatchObject({ ok: true, value: { personal: { entry: ticket } } });
    expect(await b!.act('enter', { interaction: lottery, key: newKey(), ticket })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('ticket') },
    });
    const random = await c!.act<{ personal: LotteryPersonal }>('enter', { interaction: lottery, key: newKey() });
    expect(random.ok && random.value.personal.entry).toMatch(/^[0-9a-f]{64}$/);
    expect(random.ok && random.value.personal.entry).not.toBe(sha256(`${lottery}:${c!.welcome.viewer}`));
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body.entries).toBe(2);
  });

  it('keeps tickets across a restart, and still refuses one another entry holds', async () => {
    const t = await startTestServer();
    const lottery = (await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'lottery', prize: 'Mug' } })).body.id as string;
    const a = await t.connectViewer();
    const ticket = sha256(`${lottery}:${randomBytes(32).toString('hex')}`);
    expect(await a.act('enter', { interaction: lottery, key: newKey(), ticket })).toMatchObject({ ok: true });
    await t.restart();
    const again = await t.connectViewer({ viewerToken: a.welcome.viewerToken });
    expect(again.personal[lottery]).toMatchObject({ entry: ticket });
    const b = await t.connectViewer();
    expect(await b.act('enter', { interaction: lottery, key: newKey(), ticket })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const other = sha256(`${lottery}:${randomBytes(32).toString('hex')}`);
    expect(await b.act('enter', { interaction: lottery, key: newKey(), ticket: other })).toMatchObject({ ok: true, value: { personal: { entry: other } } });
  });
});
