import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useDemoSession } from './demo-session.js';

const demo = useDemoSession();
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The demo host console page at 1280×800, signed in, in `lang`. */
async function hostAt1280(room: string, lang: string): Promise<Page> {
  // Bypassing the page's CSP lets the test inject axe-core; the page itself runs as served.
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${demo.server.url}/host?${new URLSearchParams({ room, token: demo.server.hostToken, lang })}`);
  return page;
}

/** Whether the element lies wholly within the 1280×800 window where it is now (the page not scrolled). */
async function inView(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  return Boolean(box && box.height > 0 && box.y >= 0 && box.x >= 0 && box.y + box.height <= 800 && box.x + box.width <= 1280);
}

/** axe-core's serious and critical violations on the page (shadow roots included), as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact?: string; nodes: { target: unknown[] }[] }[] }> } }
    ).axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
  });
}

describe('the demo host console page at 1280×800', () => {
  for (const [lang, words] of [
    ['en', { launch: 'Launch now', stream: 'Stream page', dashboard: 'Dashboard', launched: 'Poll launched', question: 'Question', option: 'Option' }],
    ['zh-CN', { launch: '立即发起', stream: '直播页面', dashboard: '数据看板', launched: '投票已发起', question: '问题', option: '选项' }],
  ] as const) {
    it(`names the room, links to its stream page and dashboard, and keeps Launch and the live poll in view (${lang})`, async () => {
      const room = `e2e-host-${lang.toLowerCase()}-${Date.now().toString(36)}`;
      const host = await hostAt1280(room, lang);
      const console = host.locator('oncue-host-console');
      await expect.poll(() => console.locator('[part~="room"] strong').textContent()).toBe(room);
      const same = new URLSearchParams({ room, lang });
      expect(await console.getByRole('link', { name: words.stream }).getAttribute('href')).toBe(`/?${same}`);
      expect(await console.getByRole('link', { name: words.dashboard }).getAttribute('href')).toBe(`/dashboard?${same}`);

      await console.getByLabel(words.question, { exact: true }).fill('Next product?');
      await console.getByLabel(`${words.option} 1`, { exact: true }).fill('Lipstick');
      await console.getByLabel(`${words.option} 2`, { exact: true }).fill('Perfume');
      await console.getByRole('button', { name: words.launch }).click();
      const live = console.locator('[part~="live"] [part="item"]');
      await live.waitFor();
      expect(await console.locator('[part~="confirmation"]').textContent()).toContain(words.launched);

      await host.evaluate(() => scrollTo(0, 0));
      expect(await inView(console.getByRole('button', { name: words.launch })), 'Launch now without scrolling').toBe(true);
      expect(await inView(live), 'the live poll without scrolling').toBe(true);
      expect(await seriousViolations(host)).toEqual([]);

      // The stream page link leads to the room's stream page.
      const [stream] = await Promise.all([host.context().waitForEvent('page'), console.getByRole('link', { name: words.stream }).click()]);
      await stream.locator('oncue-stage').waitFor({ state: 'attached' });
      expect(new URL(stream.url()).searchParams.get('room')).toBe(room);
      await host.context().close();
    });
  }
});
