import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoSession } from './demo-session.js';
import { seriousViolations } from './serious-violations.js';

const demo = useDemoSession();
const { api } = demo;

/** A page of the demo server in a context of its own, at a phone or desktop viewport. */
async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await demo.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${demo.server.url}${path}`);
  return page;
}

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

describe.each(['en', 'zh-CN'])('axe finds no serious or critical violation (%s)', (lang) => {
  it('on the stream page with a poll, a quiz, a giveaway and a blind box open, each as shown', async () => {
    const room = `a11y-stage-${lang}-${Date.now().toString(36)}`;
    const page = await open(`/?${new URLSearchParams({ room, lang, name: 'Ada' })}`, phone);
    await page.locator('oncue-stage').waitFor({ state: 'attached' });
    for (const body of [
      { kind: 'poll', question: 'Which outfit?', options: [{ label: 'Red dress' }, { label: 'Blue suit' }] },
      { kind: 'lottery', prize: 'Lipstick set', winners: 1 },
      { kind: 'blindbox', title: 'What is in the box?', guess: { type: 'choice', options: [{ label: 'Lipstick' }, { label: 'Perfume' }] }, answer: 0 },
      {
        kind: 'quiz',
        questions: [{ prompt: 'Capital of France?', options: [{ label: 'Paris' }, { label: 'Rome' }], correct: 0, seconds: 60 }],
      },
    ]) {
      const created = await api(`/api/rooms/${room}/interactions`, body);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    // The stage shows one at a time (the running quiz first) with a tab for each: every one is checked as shown.
    await page.locator('oncue-quiz').waitFor();
    const tabs = page.locator('oncue-stage').getByRole('tab');
    await expect.poll(() => tabs.count()).toBe(4);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await tabs.nth(i).click();
      await expect.poll(() => tabs.nth(i).getAttribute('aria-selected')).toBe('true');
      const shown = await page
        .locator('oncue-stage')
        .evaluate((stage) =>
          ['oncue-poll', 'oncue-quiz', 'oncue-lottery', 'oncue-blindbox'].find((tag) => stage.shadowRoot?.querySelector(`[part~="item"]:not([hidden]) ${tag}`)),
        );
      seen.push(String(shown));
      expect(await seriousViolations(page), String(shown)).toEqual([]);
    }
    expect(seen.sort()).toEqual(['oncue-blindbox', 'oncue-lottery', 'oncue-poll', 'oncue-quiz']);
    await page.context().close();
  });

  it('on the stream page with a closed poll showing its results', async () => {
    const room = `a11y-results-${lang}-${Date.now().toString(36)}`;
    const page = await open(`/?${new URLSearchParams({ room, lang })}`, phone);
    const poll = await api(`/api/rooms/${room}/interactions`, {
      kind: 'poll',
      question: 'Which colour?',
      options: [{ label: 'Red' }, { label: 'Blue' }],
    });
    await page.locator('oncue-poll').getByRole('button').first().click();
    await api(`/api/rooms/${room}/interactions/${poll.body.id}/close`, {});
    await expect.poll(async () => (await api(`/api/rooms/${room}/interactions/${poll.body.id}`)).body.status).toBe('closed');
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('on the host console with a live poll', async () => {
    const room = `a11y-host-${lang}-${Date.now().toString(36)}`;
    await api(`/api/rooms/${room}/interactions`, { kind: 'poll', question: 'Live?', options: [{ label: 'Yes' }, { label: 'No' }] });
    const page = await open(`/host?${new URLSearchParams({ room, lang, token: demo.server.hostToken })}`, desktop);
    await page.locator('oncue-host-console').getByText('Live?').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('on the dashboard', async () => {
    const room = `a11y-dash-${lang}-${Date.now().toString(36)}`;
    await api(`/api/rooms/${room}/interactions`, { kind: 'poll', question: 'Seen?', options: [{ label: 'Yes' }, { label: 'No' }] });
    // A viewer who votes, so the dashboard has telemetry to chart (the demo page reports with consent granted).
    const viewer = await open(`/?${new URLSearchParams({ room, heartbeat: '500' })}`, phone);
    await viewer.locator('oncue-poll').getByRole('button', { name: 'Yes' }).click();
    await expect.poll(async () => (await api(`/api/rooms/${room}/metrics`)).body?.widgets?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    const page = await open(`/dashboard?${new URLSearchParams({ room, lang, token: demo.server.hostToken })}`, desktop);
    await page.locator('oncue-dashboard').waitFor();
    await page.waitForTimeout(1000);
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.context().close(), viewer.context().close()]);
  });
});
