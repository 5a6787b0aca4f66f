import { describe, expect, it } from 'vitest';
import type { ActReceipt, PollMine } from '@oncue/protocol';
import { newKey, startTestServer } from '../../../test/test-server.js';

describe('voting', () => {
  it('counts a vote, acknowledges it and shows the tally to everyone', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const observer = await t.connectViewer();
    const host = await t.connectHost();

    const result = await viewer.act<ActReceipt<PollMine>>('vote', { interaction: id, choices: [1], key: newKey() });
    expect(result).toMatchObject({ ok: true, value: { interaction: id, action: 'vote', mine: [1] } });

    await observer.waitFor(() => observer.poll(id)?.tally?.[1] === 1, 'the tally on another viewer');
    await host.waitFor(() => host.poll(id)?.voters === 1, 'the tally on the host');
    expect(observer.poll(id)).toMatchObject({ tally: [0, 1, 0], voters: 1, status: 'open' });
  });

  it('shows a viewer their own choices in the snapshot after reconnecting', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    await viewer.act('vote', { interaction: id, choices: [2], key: newKey() });
    viewer.close();

    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(again.welcome.viewer).toBe(viewer.welcome.viewer);
    expect(again.snapshots[0]!.mine).toEqual({ [id]: [2] });
    const stranger = await t.connectViewer();
    expect(stranger.snapshots[0]!.mine).toEqual({});
  });

  it('rejects a second vote from the same viewer', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    await viewer.act('vote', { interaction: id, choices: [0], key: newKey() });
    const second = await viewer.act('vote', { interaction: id, choices: [1], key: newKey() });
    expect(second).toMatchObject({ ok: false, error: { code: 'already_taken_part' } });
    const rest = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);
    expect(rest.body.tally).toEqual([1, 0, 0]);
  });

  it('accepts several choices in a multi-choice poll, up to maxChoices', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ multi: true, maxChoices: 2 });
    const viewer = await t.connectViewer();
    expect(viewer.poll(id)).toMatchObject({ multi: true, maxChoices: 2 });

    const tooMany = await viewer.act('vote', { interaction: id, choices: [0, 1, 2], key: newKey() });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
    const repeated = await viewer.act('vote', { interaction: id, choices: [1, 1], key: newKey() });
    expect(repeated).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });

    const accepted = await viewer.act<ActReceipt<PollMine>>('vote', { interaction: id, choices: [2, 0], key: newKey() });
    expect(accepted).toMatchObject({ ok: true, value: { mine: [0, 2] } });
    await viewer.waitFor(() => viewer.poll(id)?.voters === 1);
    expect(viewer.poll(id)?.tally).toEqual([1, 0, 1]);
  });

  it('lets a multi-choice poll without maxChoices take every option', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ multi: true });
    const viewer = await t.connectViewer();
    expect(viewer.poll(id)?.maxChoices).toBe(3);
    expect(await viewer.act('vote', { interaction: id, choices: [0, 1, 2], key: newKey() })).toMatchObject({ ok: true });
  });

  it('requires exactly one choice in a single-choice poll', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const two = await viewer.act('vote', { interaction: id, choices: [0, 1], key: newKey() });
    expect(two).toMatchObject({ ok: false, error: { code: 'option_out_of_range' } });
  });

  it('replaces a vote when the poll allows changes', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    await viewer.act('vote', { interaction: id, choices: [0], key: newKey() });
    const changed = await viewer.act('vote', { interaction: id, choices: [2], key: newKey() });
    expect(changed).toMatchObject({ ok: true, value: { mine: [2] } });
    await viewer.waitFor(() => viewer.poll(id)?.tally?.[2] === 1);
    expect(viewer.poll(id)).toMatchObject({ tally: [0, 0, 1], voters: 1 });
    viewer.close();
    const again = await t.connectViewer({ viewerToken: viewer.welcome.viewerToken });
    expect(again.snapshots[0]!.mine[id]).toEqual([2]);
  });

  it('hides results from viewers until the poll closes but always shows them to hosts', async () => {
    const t = await startTestServer();
    const id = await t.createPoll({ results: 'after-close' });
    const viewer = await t.connectViewer();
    const host = await t.connectHost();
    expect(viewer.poll(id)).not.toHaveProperty('tally');

    await viewer.act('vote', { interaction: id, choices: [1], key: newKey() });
    await host.waitFor(() => host.poll(id)?.tally?.[1] === 1, 'the host tally');
    await viewer.waitFor(() => viewer.version === host.version, 'the same version on the viewer');
    expect(viewer.poll(id)).not.toHaveProperty('tally');
    expect(viewer.poll(id)).not.toHaveProperty('voters');
    expect((await viewer.request('sync', {})) as { value: { interactions: object[] } }).toMatchObject({
      ok: true,
      value: { interactions: [expect.not.objectContaining({ tally: expect.anything() })] },
    });

    await host.request('host:close', { interaction: id });
    await viewer.waitFor(() => viewer.poll(id)?.status === 'closed', 'the close');
    expect(viewer.poll(id)).toMatchObject({ tally: [0, 1, 0], voters: 1 });
  });

  it('refuses votes on a closed poll and on a draft', async () => {
    const t = await startTestServer();
    const closed = await t.createPoll();
    const draft = await t.createPoll({ draft: true });
    await t.rest('POST', `/api/rooms/${t.room}/interactions/${closed}/close`);
    const viewer = await t.connectViewer();
    expect(viewer.views.has(draft)).toBe(false);
    expect(await viewer.act('vote', { interaction: closed, choices: [0], key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'not_open' },
    });
    expect(await viewer.act('vote', { interaction: draft, choices: [0], key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'not_open' },
    });
  });

  it('refuses choices outside the options', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    for (const choices of [[3], [-1], [99]]) {
      expect(await viewer.act('vote', { interaction: id, choices, key: newKey() })).toMatchObject({
        ok: false,
        error: { code: 'option_out_of_range' },
      });
    }
  });

  it('answers unknown_room and unknown_interaction', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const lost = await t.connectViewer({ room: 'nobody-here' });
    expect(lost.snapshots[0]).toMatchObject({ room: 'nobody-here', interactions: [], version: 0 });
    expect(await lost.act('vote', { interaction: id, choices: [0], key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'unknown_room' },
    });
    const viewer = await t.connectViewer();
    expect(await viewer.act('vote', { interaction: 'nope123', choices: [0], key: newKey() })).toMatchObject({
      ok: false,
      error: { code: 'unknown_interaction' },
    });
  });

  it('lets a host create, open and close interactions over the socket', async () => {
    const t = await startTestServer();
    const host = await t.connectHost();
    const viewer = await t.connectViewer();
    const created = await host.request<{ id: string; status: string }>('host:create', {
      spec: { kind: 'poll', question: 'Draft?', options: [{ label: 'a' }, { label: 'b' }], draft: true },
      key: newKey(),
    });
    expect(created).toMatchObject({ ok: true, value: { status: 'draft' } });
    const id = created.ok ? created.value.id : '';
    await host.waitFor(() => host.views.has(id), 'the draft on the host');

    expect(await host.request('host:open', { interaction: id })).toMatchObject({ ok: true, value: { status: 'open' } });
    await viewer.waitFor(() => viewer.poll(id)?.status === 'open', 'the open poll on the viewer');
    expect(await host.request('host:close', { interaction: id })).toMatchObject({ ok: true, value: { status: 'closed' } });
    await viewer.waitFor(() => viewer.poll(id)?.status === 'closed', 'the closed poll on the viewer');
    expect(await host.request('host:close', { interaction: id })).toMatchObject({ ok: false, error: { code: 'already_closed' } });
    expect(await host.request('host:open', { interaction: id })).toMatchObject({ ok: false, error: { code: 'already_closed' } });
  });

  it('limits the rate of votes per socket', async () => {
    const t = await startTestServer();
    const id = await t.createPoll();
    const viewer = await t.connectViewer();
    const results = await Promise.all(Array.from({ length: 60 }, () => viewer.act('vote', { interaction: id, choices: [0], key: newKey() })));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(15);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
  });

  it('does not limit votes when the rate limit is switched off', async () => {
    const t = await startTestServer({ rateLimit: false });
    const id = await t.createPoll({ allowChange: true });
    const viewer = await t.connectViewer();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => viewer.act('vote', { interaction: id, choices: [i % 3], key: newKey() })));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
