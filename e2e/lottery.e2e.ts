import { describe, expect, it } from 'vitest';
import { useDemoSession } from './demo-session.js';

const demo = useDemoSession();
const { api, viewerPage } = demo;

describe('a lottery on the example stream page', () => {
  it('host launches from the console, five named viewers enter, the draw names a winner who claims, and viewers verify the draw', async () => {
    const room = `e2e-lottery-${Date.now().toString(36)}`;
    const host = await demo.hostPage(room);
    const names = ['Ana', 'Bo', 'Chen', 'Dara', 'Eli'];
    const viewers = await Promise.all(names.map((name) => viewerPage(room, { name })));

    await host.getByRole('radio', { name: 'Giveaway' }).check();
    await host.getByLabel('Prize', { exact: true }).fill('Lipstick set');
    await host.getByLabel('What winners are asked for').fill('Phone or WeChat');
    await host.getByRole('button', { name: 'Launch giveaway' }).click();

    for (const page of viewers) {
      await page.getByRole('button', { name: 'Enter the giveaway' }).click();
      await page.getByText('You’re in! Good luck.').waitFor();
    }
    const list = await api(`/api/rooms/${room}/interactions`);
    const id = list.body.interactions[0].id as string;
    expect(list.body.interactions[0]).toMatchObject({ kind: 'lottery', entries: 5, commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await expect.poll(() => viewers[0]!.locator('oncue-lottery [part~="odds"]').innerText()).toBe('1 prize · 5 entries · 20% chance');

    await host.getByRole('button', { name: 'Close entries and draw: Lipstick set' }).click();
    await expect.poll(async () => (await api(`/api/rooms/${room}/interactions/${id}`)).body.winners?.length).toBe(1);

    // Exactly one page learns it won; everyone sees the winner by name, the host too.
    const outcomes = await Promise.all(
      viewers.map(async (page) => {
        const outcome = page.locator('oncue-lottery [part~="outcome"]');
        await outcome.waitFor();
        return (await outcome.innerText()).includes('You won!');
      }),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = viewers[outcomes.indexOf(true)]!;
    const loser = viewers[outcomes.indexOf(false)]!;
    const winnerName = names[outcomes.indexOf(true)]!;
    await expect.poll(() => loser.locator('oncue-lottery [part~="winner"]').innerText()).toBe(winnerName);
    await expect.poll(() => winner.locator('oncue-lottery [part~="winner"]').innerText()).toBe(`${winnerName} (you)`);
    await host.locator('oncue-lottery-panel [part="claims"] td', { hasText: winnerName }).waitFor();
    await host.getByRole('cell', { name: 'First draw' }).waitFor();

    await winner.getByLabel('Phone or WeChat').fill('+86 138 0000 0000');
    await winner.getByRole('button', { name: 'Claim prize' }).click();
    await winner.getByText('Prize claimed. The host will be in touch.').waitFor();
    await expect.poll(async () => (await api(`/api/rooms/${room}/interactions/${id}`)).body.claims?.[0]?.fields).toEqual({ contact: '+86 138 0000 0000' });
    await host.getByText('+86 138 0000 0000').waitFor();

    await loser.getByRole('button', { name: 'Verify the draw' }).click();
    await loser.getByText('The draw checks out. You took part but were not drawn this time.').waitFor();
    await winner.getByRole('button', { name: 'Verify the draw' }).click();
    await winner.getByText('The draw checks out. You won.').waitFor();

    for (const page of viewers) expect(page.errors).toEqual([]);
    await Promise.all([host.context().close(), ...viewers.map((page) => page.context().close())]);
  });
});
