import { describe, expect, it } from 'vitest';
import { useDemoSession, type ViewerPage } from './demo-session.js';

const demo = useDemoSession();
const { api, viewerPage } = demo;
/** Irregular pauses between one viewer's votes (evenly spaced actions look automated to the credit signal). */
const PAUSES = [40, 130, 15, 90, 220, 60, 5, 170, 75, 30, 110, 250];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('milestones on the example stream page', () => {
  it('the host sets a 50-heart goal that launches a prepared giveaway; three viewers tap, the bar fills, the giveaway appears on all three; a viewer earns a badge', async () => {
    const room = `e2e-milestones-${Date.now().toString(36)}`;
    const host = await demo.hostPage(room);
    const viewers = await Promise.all(['Ana', 'Bo', 'Chen'].map((name) => viewerPage(room, { name })));

    // The giveaway, prepared as a draft; the goal launches it.
    await host.getByRole('radio', { name: 'Giveaway' }).check();
    await host.getByLabel('Prize', { exact: true }).fill('Signed poster');
    await host.getByLabel('What winners are asked for').fill('Phone or WeChat');
    await host.getByRole('button', { name: 'Save as draft' }).click();
    await host.getByLabel('Draft to launch').selectOption({ label: 'Signed poster' });
    await host.getByLabel('Target').fill('50');
    await host.getByRole('button', { name: 'Set goal' }).click();
    await expect.poll(async () => (await api(`/api/rooms/${room}/goals`)).body.goals?.[0]?.status).toBe('active');

    for (const page of viewers) await page.locator('oncue-goal.over-video [part~="bar"]').waitFor();
    // 17 taps each: 51 in all, under the per-viewer cap.
    await Promise.all(
      viewers.map(async (page) => {
        const heart = page.getByRole('button', { name: 'Send a heart' });
        for (let i = 0; i < 17; i++) await heart.click();
      }),
    );
    for (const page of viewers) {
      await expect.poll(() => page.locator('oncue-goal.over-video [part~="bar"]').getAttribute('aria-valuenow'), { timeout: 10_000 }).toBe('50');
      await expect.poll(() => page.locator('oncue-goal.over-video [part~="moment"]').innerText()).toBe('Goal reached!\nThe giveaway is on');
      await page.getByRole('button', { name: 'Enter the giveaway' }).waitFor();
    }
    const goal = (await api(`/api/rooms/${room}/goals`)).body.goals[0];
    expect(goal).toMatchObject({ status: 'reached', progress: 50 });
    const giveaways = (await api(`/api/rooms/${room}/interactions`)).body.interactions.filter((i: { kind: string }) => i.kind === 'lottery');
    expect(giveaways.map((i: { status: string }) => i.status)).toEqual(['open']);

    // Ana takes part in polls until her tenth valid interaction (the hearts and the giveaway count too): Bronze.
    const ana: ViewerPage = viewers[0]!;
    await ana.getByRole('button', { name: 'Enter the giveaway' }).click();
    const badge = ana.locator('oncue-milestone-badge [part~="name"]');
    for (let i = 0; i < PAUSES.length && (await badge.innerText()) !== 'Bronze'; i++) {
      const poll = await api(`/api/rooms/${room}/interactions`, {
        kind: 'poll',
        question: `Poll ${i + 1}?`,
        options: [{ label: `Yes ${i + 1}` }, { label: `No ${i + 1}` }],
      });
      expect(poll.status).toBe(201);
      await pause(PAUSES[i]!);
      await ana.getByRole('button', { name: `Yes ${i + 1}`, exact: true }).click();
      await ana.getByText('Thanks for voting!').first().waitFor();
    }
    await expect.poll(() => badge.innerText()).toBe('Bronze');
    expect(await ana.locator('oncue-milestone-badge [part~="moment"]').innerText()).toBe('You earned the Bronze badge!');
    expect(await ana.locator('oncue-milestone-badge [part~="next"]').innerText()).toBe('10 more to Silver');

    for (const page of viewers) expect(page.errors).toEqual([]);
    await Promise.all([host.context().close(), ...viewers.map((page) => page.context().close())]);
  });
});
