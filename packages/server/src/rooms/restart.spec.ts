import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { startServer } from '../start-server.js';
import { newKey, startTestServer } from '../../test/test-server.js';

const T0 = 1_800_000_000_000;

describe('restart', () => {
  it('has a vote on disk by the time it is acknowledged', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const key = newKey();
    expect(await viewer.act('vote', { interaction: id, choices: [1], key })).toMatchObject({ ok: true });

    const db = new Database(t.dataFile, { readonly: true });
    try {
      expect(db.prepare('SELECT value FROM participations WHERE interaction = ? AND viewer = ?').get(id, viewer.welcome.viewer)).toEqual({
        value: JSON.stringify({ choices: [1] }),
      });
      expect(db.prepare('SELECT count(*) AS n FROM idempotency WHERE key = ?').get(key)).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('keeps votes, tallies, viewer tokens and idempotency records across a restart', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewers = await Promise.all([t.connectViewer(), t.connectViewer(), t.connectViewer()]);
    const keys = viewers.map(() => newKey());
    const receipts = await Promise.all(viewers.map((v, i) => v.act('vote', { interaction: id, choices: [i === 2 ? 0 : 2], key: keys[i] })));
    const createKey = newKey();
    const host = await t.connectHost();
    const created = await host.request('host:create', {
      spec: { kind: 'poll', question: 'Later?', options: [{ label: 'y' }, { label: 'n' }] },
      key: createKey,
    });
    const versionBefore = host.version;

    await t.restart();

    const rest = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);
    expect(rest.body).toMatchObject({ status: 'open', tally: [1, 0, 2], voters: 3 });
    const again = await t.connectViewer({ viewerToken: viewers[0]!.welcome.viewerToken });
    expect(again.welcome.viewer).toBe(viewers[0]!.welcome.viewer);
    expect(again.mine).toEqual({ [id]: [2] });
    // Same key after the restart: the stored receipt, nothing counted.
    expect(await again.act('vote', { interaction: id, choices: [2], key: keys[0] })).toEqual(receipts[0]);
    // A new key is a new vote: refused, the viewer already voted.
    expect(await again.act('vote', { interaction: id, choices: [1], key: newKey() })).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body.voters).toBe(3);

    const hostAgain = await t.connectHost();
    expect(
      await hostAgain.request('host:create', { spec: { kind: 'poll', question: 'Later?', options: [{ label: 'y' }, { label: 'n' }] }, key: createKey }),
    ).toEqual(created);
    expect(hostAgain.views.size).toBe(2);
    // Versions never go backwards.
    expect(hostAgain.version).toBeGreaterThan(versionBefore);
  });

  it('closes a poll whose deadline passed while the server was down, at its deadline', async () => {
    const t = await startTestServer({ now: () => T0 });
    const id = await t.createPoll({ durationSeconds: 60 });
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).body).toMatchObject({ openedAt: T0, closesAt: T0 + 60_000 });

    await t.restart({ now: () => T0 + 120_000 });

    const viewer = await t.connectViewer();
    expect(viewer.poll(id)).toMatchObject({ status: 'closed', closedAt: T0 + 60_000 });
    expect(await viewer.act('vote', { interaction: id, choices: [0], key: newKey() })).toMatchObject({ ok: false, error: { code: 'not_open' } });
  });

  it('re-arms a deadline that is still ahead after a restart', async () => {
    const t = await startTestServer({ now: () => T0 });
    const id = await t.createPoll({ durationSeconds: 60 });

    // Restart 59 s later (by the injected clock): 1 s of the poll is left, room for a loaded machine to restart and vote.
    const restartedAt = Date.now();
    await t.restart({ now: () => T0 + 59_000 + (Date.now() - restartedAt) });

    const viewer = await t.connectViewer();
    expect(viewer.poll(id)?.status).toBe('open');
    expect(await viewer.act('vote', { interaction: id, choices: [1], key: newKey() })).toMatchObject({ ok: true });
    await viewer.waitFor(() => viewer.poll(id)?.status === 'closed', 'the auto-close', 3000);
    expect(viewer.poll(id)).toMatchObject({ closedAt: T0 + 60_000, tally: [0, 1, 0] });
  });

  it('keeps a host token only as long as the caller says (a new random one otherwise)', async () => {
    const t = await startTestServer({ hostToken: undefined });
    expect(t.server.hostToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const other = await startTestServer({ hostToken: undefined });
    expect(other.server.hostToken).not.toBe(t.server.hostToken);
  });

  it('fails to start on a port in use and leaves its data file usable', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const otherFile = `${t.dataFile}-other`;
    await expect(startServer({ port: t.server.port, dataFile: otherFile, logger: silentLogger })).rejects.toThrow(/EADDRINUSE/);
    const again = await startServer({ port: 0, dataFile: otherFile, logger: silentLogger });
    await again.close();
    expect((await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`)).status).toBe(200);
  });
});
