import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useDemoSession } from './demo-session.js';

const demo = useDemoSession();
const { api, viewerPage } = demo;
const verifyScript = fileURLToPath(new URL('../docs/verify-blindbox.mjs', import.meta.url));

describe('a blind box on the example stream page', () => {
  it('host launches from the console, four named viewers guess, the host locks and reveals, the right guessers win, one claims, pages and a script verify', async () => {
    const room = `e2e-box-${Date.now().toString(36)}`;
    const host = await demo.hostPage(room);
    const names = ['Ana', 'Bo', 'Chen', 'Dara'];
    const picks = ['Perfume', 'Lipstick', 'Perfume', 'Scarf'];
    const viewers = await Promise.all(names.map((name) => viewerPage(room, { name })));

    await host.getByRole('radio', { name: 'Blind box' }).check();
    const form = host.locator('oncue-blindbox-form');
    await form.getByLabel('Title', { exact: true }).fill('What is in box #3?');
    await form.getByLabel('Option 1', { exact: true }).fill('Lipstick');
    await form.getByLabel('Option 2', { exact: true }).fill('Perfume');
    await form.getByRole('button', { name: 'Add option' }).click();
    await form.getByLabel('Option 3', { exact: true }).fill('Scarf');
    await form.getByRole('radio', { name: 'In the box (Option 2)' }).check();
    await form.getByRole('button', { name: 'Launch now' }).click();

    for (const [i, page] of viewers.entries()) {
      await page.locator('oncue-blindbox').getByRole('button', { name: picks[i], exact: true }).click();
      await page.getByText(`Your guess: ${picks[i]}`).waitFor();
    }
    const list = await api(`/api/rooms/${room}/interactions`);
    const box = list.body.interactions[0];
    expect(box).toMatchObject({ kind: 'blindbox', participants: 4, commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(box).not.toHaveProperty('answer');

    await host.getByRole('button', { name: 'Lock guesses: What is in box #3?' }).click();
    await host.getByRole('button', { name: 'Reveal: What is in box #3?' }).click();
    await expect.poll(async () => (await api(`/api/rooms/${room}/interactions/${box.id}`)).body.winners?.length).toBe(2);

    // The two who picked Perfume won; everyone sees them by name, and the host too.
    for (const [i, page] of viewers.entries()) {
      const outcome = page.locator('oncue-blindbox [part~="outcome"]');
      await outcome.waitFor({ timeout: 10_000 });
      expect(await outcome.innerText()).toContain(picks[i] === 'Perfume' ? 'You won a prize!' : 'Not this time');
    }
    await expect.poll(() => viewers[1]!.locator('oncue-blindbox [part~="winner"]').allInnerTexts()).toEqual(['Ana', 'Chen']);
    await host.getByText('Winners: Ana, Chen').waitFor();

    const winner = viewers[0]!;
    await winner.locator('oncue-blindbox').getByLabel('Contact (phone, email or WeChat ID)').fill('+86 138 0000 0000');
    await winner.locator('oncue-blindbox').getByRole('button', { name: 'Claim prize' }).click();
    await winner.getByText('Prize claimed. The host will be in touch.').waitFor();

    for (const page of [winner, viewers[3]!]) {
      await page.locator('oncue-blindbox').getByRole('button', { name: 'Verify the box' }).click();
      await page.locator('oncue-blindbox [part~="verify-result"]', { hasText: 'your guess is in the list' }).waitFor();
    }
    const outside = await promisify(execFile)(process.execPath, [verifyScript, `${demo.server.url}/api/rooms/${room}/interactions/${box.id}/proof`]);
    expect(outside.stdout).toContain('2 winner(s) of 4 guesses follow from the all rule');

    for (const page of viewers) expect(page.errors).toEqual([]);
    await Promise.all([host.context().close(), ...viewers.map((page) => page.context().close())]);
  });
});
