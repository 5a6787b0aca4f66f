import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertWebhookPayload } from '../packages/server/src/telemetry/alert-webhook.js';
import { useDemoSession } from './demo-session.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Short metric buckets so that the test sees several complete ones. */
const BUCKET_MS = 4000;

let receiver: Server;
let hook = '';
const alerts: AlertWebhookPayload[] = [];

// A real local webhook receiver, started before the demo server that posts to it.
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      alerts.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
});
afterAll(() => new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r())));

// Three viewers: below the default minimum audience of alerts (20), so it is lowered.
const demo = useDemoSession(() => ({ ONCUE_ALERT_WEBHOOK: hook, ONCUE_METRICS_BUCKET_MS: String(BUCKET_MS), ONCUE_ALERT_MIN_VIEWERS: '1' }));
const { api } = demo;
const viewerPage = (room: string) => demo.viewerPage(room, { heartbeat: '1000' });

/** axe-core's serious and critical violations on a page (shadow roots included), as `rule: target` strings. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(
    async () =>
      (
        await (
          window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }
        ).axe.run()
      ).violations,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)}`));
}

const poll = (question: string) => ({ kind: 'poll', question, options: [{ label: 'Yes' }, { label: 'No' }] });

describe('telemetry from the example stream page to the dashboard and the alert webhook', () => {
  it('counts what viewers do on the dashboard, and alerts the webhook when participation drops', { timeout: 120_000 }, async () => {
    const room = `e2e-tel-${Date.now().toString(36)}`;
    const viewers = await Promise.all([viewerPage(room), viewerPage(room), viewerPage(room)]);
    const first = await api(`/api/rooms/${room}/interactions`, poll('Ready?'));
    expect(first.status).toBe(201);
    for (const page of viewers) await page.getByRole('button', { name: 'Yes', exact: true }).click();
    await expect.poll(async () => (await api(`/api/rooms/${room}/interactions/${first.body.id}`)).body.voters).toBe(3);

    // The dashboard page (host token in the URL, as the host console takes it) shows the counts.
    // (bypassCSP: only so that axe-core can be injected below.)
    const dashboard = await (await demo.browser.newContext({ bypassCSP: true })).newPage();
    await dashboard.goto(`${demo.server.url}/dashboard?room=${room}&token=${encodeURIComponent(demo.server.hostToken)}`);
    const row = dashboard.locator(`oncue-dashboard tr[data-interaction="${first.body.id}"]`);
    await expect.poll(() => row.locator('[data-metric="impressions"]').innerText(), { timeout: 20_000 }).toBe('3');
    await expect.poll(() => row.locator('[data-metric="participants"]').innerText(), { timeout: 20_000 }).toBe('3 / 3');

    // The host moves on; nobody answers the next poll.
    await api(`/api/rooms/${room}/interactions/${first.body.id}/close`, {});
    const launched = Date.now();
    const second = await api(`/api/rooms/${room}/interactions`, poll('Still there?'));
    expect(second.status).toBe(201);
    for (const page of viewers) await page.getByText('Still there?').waitFor();

    // The next launch replaces the closed poll on the stage: a complete bucket after it shows 0 % participation.
    const dropped = () =>
      alerts.find((a) => a.alert.room === room && a.alert.rule === 'participation' && a.alert.severity === 'critical' && a.alert.bucket >= launched);
    await expect.poll(dropped, { timeout: 60_000, interval: 500 }).toBeTruthy();
    expect(dropped()!.alert).toMatchObject({ metric: 'participation', value: 0, threshold: 0.25 });
    expect(dropped()!.type).toBe('oncue.telemetry.alert');

    // The dashboard lists it too, once however often it fired, and names the widgets by their question.
    await expect.poll(() => dashboard.locator('oncue-dashboard li[data-rule="participation"][data-status="active"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => row.locator('.widget-name').innerText()).toContain('Ready?');

    // axe finds nothing serious or critical on the dashboard page, in English and in Chinese.
    expect(await seriousViolations(dashboard)).toEqual([]);
    const zh = await (await demo.browser.newContext({ bypassCSP: true })).newPage();
    await zh.goto(`${demo.server.url}/dashboard?room=${room}&lang=zh-CN&token=${encodeURIComponent(demo.server.hostToken)}`);
    await zh.locator('oncue-dashboard li[data-rule="participation"]').first().waitFor();
    await zh.locator('oncue-dashboard .uplot').first().waitFor();
    expect(await zh.locator('oncue-dashboard h2').innerText()).toBe(`实时数据 · ${room}`);
    expect(await seriousViolations(zh)).toEqual([]);
    await zh.context().close();

    // And the export has every event the viewers' pages sent, once.
    const csv = await fetch(`${demo.server.url}/api/rooms/${room}/telemetry.csv`, { headers: { authorization: `Bearer ${demo.server.hostToken}` } });
    const lines = (await csv.text()).trim().split('\r\n');
    const ids = lines.slice(1).map((line) => line.split(',')[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(lines.filter((line) => line.includes(',accepted,')).length).toBe(3);
    await Promise.all([...viewers, dashboard].map((page) => page.context().close()));
  });

  it('keeps what a page reports offline in localStorage and delivers it once after a reload', async () => {
    const room = `e2e-tel-off-${Date.now().toString(36)}`;
    await api(`/api/rooms/${room}/interactions`, poll('Offline?'));
    const viewer = await viewerPage(room);
    await viewer.getByRole('button', { name: 'Yes', exact: true }).waitFor();
    await viewer.context().setOffline(true);
    // Visible time keeps being reported (heartbeat 1 s) while the collector is unreachable: it queues.
    const queued = () =>
      viewer.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('oncue:telemetry:queue:'))
          .flatMap((key) => (JSON.parse(localStorage.getItem(key)!) as Array<{ id: string }>).map((e) => e.id)),
      );
    await expect.poll(async () => (await queued()).length, { timeout: 10_000 }).toBeGreaterThan(2);
    const offline = await queued();
    await viewer.context().setOffline(false);
    await viewer.reload();
    const exported = async () => {
      const res = await fetch(`${demo.server.url}/api/rooms/${room}/telemetry.ndjson`, { headers: { authorization: `Bearer ${demo.server.hostToken}` } });
      return (await res.text())
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).id as string);
    };
    await expect
      .poll(
        async () => {
          const stored = new Set(await exported());
          return offline.filter((id) => !stored.has(id));
        },
        { timeout: 15_000 },
      )
      .toEqual([]);
    const ids = await exported();
    expect(new Set(ids).size, 'each event stored once').toBe(ids.length);
    await viewer.context().close();
  });
});
