import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoSession } from './demo-session.js';

const demo = useDemoSession();
const { api } = demo;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The demo stream page at a phone's size. */
async function phonePage(room: string, viewport: { width: number; height: number }, query: Record<string, string> = {}): Promise<Page> {
  const phone = viewport.width < 820;
  const context = await demo.browser.newContext({ bypassCSP: true, viewport, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  await page.goto(`${demo.server.url}/?${new URLSearchParams({ room, ...query })}`);
  return page;
}

/** Serious and critical axe violations on the page (rule ids). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } };
    const { violations } = await axe.run();
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

describe('the demo stream page on a phone', () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 320, height: 568 },
  ]) {
    it(`at ${viewport.width}×${viewport.height} shows the poll over the video: every option on screen, most of the video visible`, async () => {
      const room = `e2e-phone-${viewport.width}-${Date.now().toString(36)}`;
      const page = await phonePage(room, viewport);
      await api(`/api/rooms/${room}/interactions`, {
        kind: 'poll',
        question: 'Which outfit should I try on next?',
        options: [{ label: 'Red dress' }, { label: 'Blue suit' }, { label: 'Green coat' }],
      });
      const options = page.locator('oncue-poll [part~="option"]');
      await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(3);
      await page.waitForTimeout(300); // Let the sheet settle over the video.
      const measured = await page.evaluate(() => {
        const stage = document.querySelector('oncue-stage')!;
        // What hides the video: the card and the chips (handle, tabs), not the transparent gaps between them.
        const pieces = [...stage.shadowRoot!.querySelectorAll('.chip, [part~="item"]:not([hidden])')].filter((n) => n.getClientRects().length);
        const video = document.getElementById('video')!.getBoundingClientRect();
        const poll = stage.shadowRoot!.querySelector('oncue-poll')!;
        const rows = [...poll.shadowRoot!.querySelectorAll('[part~="option-row"]')].map((row) => row.getBoundingClientRect());
        const area = (a: DOMRect, b: { left: number; top: number; right: number; bottom: number }) =>
          Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
        const screen = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
        return {
          scrollY,
          overlay: !!stage.shadowRoot!.querySelector('[part~="overlay"]'),
          offScreen: rows.filter((r) => r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth).length,
          pieces: pieces.length,
          covered: pieces.reduce((sum, n) => sum + area(n.getBoundingClientRect(), video), 0) / area(video, screen),
        };
      });
      expect(measured.overlay).toBe(true);
      expect(measured.pieces, 'the handle and the card').toBe(2);
      expect(measured.scrollY).toBe(0);
      expect(measured.offScreen, 'options outside the viewport').toBe(0);
      expect(measured.covered, 'share of the visible video under the sheet').toBeLessThan(0.5);

      // A viewer votes over the video; the LIVE tag and the page pass axe.
      await page.getByRole('button', { name: 'Blue suit', exact: true }).click();
      await expect.poll(async () => (await api(`/api/rooms/${room}/interactions`)).body.interactions[0].tally).toEqual([0, 1, 0]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('folds to a "Poll live" pill and back, and passes axe in Chinese', async () => {
    const room = `e2e-phone-zh-${Date.now().toString(36)}`;
    await api(`/api/rooms/${room}/interactions`, {
      kind: 'poll',
      question: '下一件试哪件？',
      options: [{ label: '红裙' }, { label: '蓝西装' }],
      durationSeconds: 120,
    });
    const page = await phonePage(room, { width: 390, height: 844 }, { lang: 'zh-CN' });
    await page.locator('oncue-poll [part~="option"]').first().waitFor();
    await page.getByRole('button', { name: '收起' }).click();
    const pill = page.locator('oncue-stage [part~="toggle"]');
    await expect.poll(() => pill.innerText()).toMatch(/^投票进行中 · [12]:\d\d$/);
    expect(await page.locator('oncue-poll').isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await pill.click();
    await expect.poll(() => page.locator('oncue-poll').isVisible()).toBe(true);
    await page.context().close();
  });

  it('keeps the side panel on a desktop', async () => {
    const room = `e2e-desktop-${Date.now().toString(36)}`;
    await api(`/api/rooms/${room}/interactions`, { kind: 'poll', question: 'Desktop?', options: [{ label: 'Yes' }, { label: 'No' }] });
    const page = await phonePage(room, { width: 1280, height: 800 });
    await page.locator('oncue-poll [part~="option"]').first().waitFor();
    const layout = await page.evaluate(() => {
      const stage = document.querySelector('oncue-stage')!;
      return {
        overlay: !!stage.shadowRoot!.querySelector('[part~="overlay"]'),
        besideVideo: stage.getBoundingClientRect().left >= document.getElementById('video')!.getBoundingClientRect().right,
      };
    });
    expect(layout).toEqual({ overlay: false, besideVideo: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
