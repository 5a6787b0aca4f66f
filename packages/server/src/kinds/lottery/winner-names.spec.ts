import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDraw, type LotteryView } from '@oncue/protocol';
import { signViewerToken } from '../../identity/viewer-identity.js';
import { newKey, startTestServer, type TestClient } from '../../../test/test-server.js';

const SECRET = 'winner-names-test-secret-0123456789abcdef';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Entrant {
  client: TestClient;
  ticket: string;
  /** The display name it entered under, if any. */
  name?: string;
  /** Its viewer id, as the server knows it. */
  viewer: string;
}

describe('giveaway winners by display name', () => {
  it('names the winners who have a name, leaves the others as tickets, names no loser and sends no viewer id to viewers', async () => {
    const t = await startTestServer({ viewerSecret: SECRET });
    // 4 prizes among 3 named and 3 unnamed entrants: at least one winner of each.
    const lottery = (await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'lottery', prize: 'A scarf', winners: 4 } })).body.id as string;
    const entrants: Entrant[] = [];
    const tag = randomBytes(4).toString('hex');
    for (let i = 0; i < 6; i++) {
      const named = i < 3;
      // Named viewers: two signed in by the integrator (the token carries the name), one self-declared (`viewer-name`).
      const options =
        i < 2
          ? { viewerToken: signViewerToken({ secret: SECRET, viewer: `user-${tag}-${i}`, name: `Signed ${tag} ${i}` }) }
          : named
            ? { name: `Declared ${tag} ${i}` }
            : {};
      const client = await t.connectViewer(options);
      const ticket = sha256(`${lottery}:${randomBytes(32).toString('hex')}`);
      expect(await client.act('enter', { interaction: lottery, key: newKey(), ticket })).toMatchObject({ ok: true });
      const name = i < 2 ? `Signed ${tag} ${i}` : named ? `Declared ${tag} ${i}` : undefined;
      entrants.push({ client, ticket, viewer: client.welcome.viewer, ...(name ? { name } : {}) });
    }
    await t.rest('POST', `/api/rooms/${t.room}/interactions/${lottery}/close`);
    for (const e of entrants)
      await e.client.waitFor(() => (e.client.views.get(lottery) as LotteryView | undefined)?.winnerNames !== undefined, 'the named winners');

    const view = entrants[0]!.client.views.get(lottery) as LotteryView;
    const winners = new Set(view.winners);
    expect(winners.size).toBe(4);
    const named = entrants.filter((e) => winners.has(e.ticket) && e.name);
    const unnamed = entrants.filter((e) => winners.has(e.ticket) && !e.name);
    const losers = entrants.filter((e) => !winners.has(e.ticket));
    expect(named.length).toBeGreaterThan(0);
    expect(unnamed.length).toBeGreaterThan(0);
    // Exactly the named winners, each under its own ticket.
    expect(view.winnerNames).toEqual(Object.fromEntries(named.map((e) => [e.ticket, e.name])));

    for (const e of entrants) {
      const heard = JSON.stringify(e.client.received);
      for (const other of entrants) {
        if (other === e) continue;
        // No viewer hears another viewer's id, nor the name of an entrant who did not win.
        expect(heard.includes(other.viewer)).toBe(false);
        if (other.name && losers.includes(other)) expect(heard.includes(other.name)).toBe(false);
      }
    }

    // The public proof is unchanged (no names) and still verifies.
    const proof = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}/proof`, { token: null })).body;
    expect(await verifyDraw(proof)).toEqual({ ok: true });
    expect(JSON.stringify(proof)).not.toContain(tag);

    // Hosts see each winner's name in its claim row and the CSV, and the names survive a restart.
    await t.restart();
    const host = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}`)).body as LotteryView;
    expect(host.winnerNames).toEqual(view.winnerNames);
    for (const row of host.claims!) expect(row.name).toBe(entrants.find((e) => e.ticket === row.entry)!.name);
    const csv = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${lottery}/claims.csv`)).body as string;
    expect(csv.split('\r\n')[0]).toBe('round,entry,name,claim_by,claimed_at,"Contact (phone, email or WeChat ID)"');
    for (const e of named) expect(csv).toContain(`,${e.ticket},${e.name},`);
  });
});
