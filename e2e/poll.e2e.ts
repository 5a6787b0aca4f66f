import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoSession } from './demo-session.js';

const demo = useDemoSession();
const { api, viewerPage } = demo;

/** The share text of one option as the widget shows it, e.g. "2 · 67%". */
const optionResult = (page: Page, label: string) => page.getByRole('button', { name: label, exact: true });

describe('the example stream page with the script-tag bundle', () => {
  it('loads oncue.min.js from the server: the stage at once, a kind’s element from its chunk when asked for', async () => {
    const page = await viewerPage('e2e-load');
    await expect.poll(() => page.evaluate(() => !!customElements.get('oncue-stage'))).toBe(true);
    expect(await page.evaluate(() => !!customElements.get('oncue-poll')), 'no poll chunk before a poll shows').toBe(false);
    const loaded = await page.evaluate(async () => {
      const { OnCue } = window as unknown as { OnCue: { load(kind: string): Promise<CustomElementConstructor> } };
      return (await OnCue.load('poll')) === customElements.get('oncue-poll');
    });
    expect(loaded).toBe(true);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('shows a poll launched over the REST API to two viewers, who vote and see the same tally', async () => {
    const room = `e2e-${Date.now().toString(36)}`;
    const [alice, bob] = await Promise.all([viewerPage(room), viewerPage(room)]);

    const created = await api(`/api/rooms/${room}/interactions`, {
      kind: 'poll',
      question: 'Which outfit?',
      options: [{ label: 'Red dress' }, { label: 'Blue suit' }, { label: 'Green coat' }],
    });
    expect(created.status).toBe(201);

    await optionResult(alice, 'Red dress').click();
    await optionResult(bob, 'Red dress').waitFor();
    await optionResult(bob, 'Blue suit').click();

    // The server is the authority: wait until it has both votes, then both pages must show them.
    await expect
      .poll(async () => (await api(`/api/rooms/${room}/interactions/${created.body.id}`)).body.options.map((o: { votes: number }) => o.votes))
      .toEqual([1, 1, 0]);
    for (const page of [alice, bob]) {
      const poll = page.locator('oncue-poll');
      await expect
        .poll(() => poll.locator('[part~="option-row"]').allInnerTexts(), { timeout: 10_000 })
        .toEqual([
          expect.stringMatching(/Red dress[\s\S]*1[\s\S]*50%/),
          expect.stringMatching(/Blue suit[\s\S]*1[\s\S]*50%/),
          expect.stringMatching(/Green coat[\s\S]*0[\s\S]*0%/),
        ]);
    }

    await api(`/api/rooms/${room}/interactions/${created.body.id}/close`, {});
    const final = await api(`/api/rooms/${room}/interactions/${created.body.id}`);
    expect(final.body.status).toBe('closed');
    await Promise.all([alice.context().close(), bob.context().close()]);
  });

  it('lets the host launch a poll from the host console page and a viewer vote in it', async () => {
    const room = `e2e-host-${Date.now().toString(36)}`;
    const host = await demo.hostPage(room);
    const viewer = await viewerPage(room);

    await host.getByLabel('Question').fill('Next product?');
    await host.getByLabel('Option 1', { exact: true }).fill('Lipstick');
    await host.getByLabel('Option 2', { exact: true }).fill('Perfume');
    await host.getByRole('button', { name: 'Launch now' }).click();

    await optionResult(viewer, 'Perfume').click();
    await expect
      .poll(async () => (await api(`/api/rooms/${room}/interactions`)).body)
      .toMatchObject({ interactions: [{ question: 'Next product?', status: 'open', tally: [0, 1] }] });
    await Promise.all([host.context().close(), viewer.context().close()]);
  });

  it('delivers a vote made offline exactly once after the page is reloaded', async () => {
    const room = `e2e-offline-${Date.now().toString(36)}`;
    const created = await api(`/api/rooms/${room}/interactions`, {
      kind: 'poll',
      question: 'Ship today?',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    const viewer = await viewerPage(room);
    await optionResult(viewer, 'Yes').waitFor();

    await viewer.context().setOffline(true);
    await viewer.getByText('Connection lost. Reconnecting…').waitFor();
    await optionResult(viewer, 'Yes').click();
    // The vote waits in the persistent outbox; the server has not seen it.
    const outbox = () => viewer.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]').length, `oncue:outbox:${demo.server.url}:${room}`);
    await expect.poll(outbox).toBe(1);
    expect((await api(`/api/rooms/${room}/interactions/${created.body.id}`)).body.voters).toBe(0);

    await viewer.context().setOffline(false);
    await viewer.reload();
    await expect
      .poll(async () => (await api(`/api/rooms/${room}/interactions/${created.body.id}`)).body.options.map((o: { votes: number }) => o.votes))
      .toEqual([1, 0]);
    await expect.poll(outbox).toBe(0);
    await expect.poll(() => optionResult(viewer, 'Yes').getAttribute('aria-pressed')).toBe('true');
    // Reloading again sends nothing more: the vote was counted once.
    await viewer.reload();
    await optionResult(viewer, 'Yes').waitFor();
    expect((await api(`/api/rooms/${room}/interactions/${created.body.id}`)).body.voters).toBe(1);
    await viewer.context().close();
  });
});
