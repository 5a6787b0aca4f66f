import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDemoSession } from './demo-session.js';

const demo = useDemoSession();

/** An integrator's page on another origin (another loopback port) that loads the SDK from the OnCue server, as from a CDN. */
let site: Server;
let siteUrl: string;
beforeAll(async () => {
  site = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const sdk = `${demo.server.url}/sdk/oncue.min.js`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html>
<html lang="en">
  <body>
    <oncue-stage server="${demo.server.url}" room="${url.searchParams.get('room')}"></oncue-stage>
    <script src="${sdk}" crossorigin="anonymous"></script>
  </body>
</html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => site?.close(() => resolve())));

describe('the SDK loaded from another origin', () => {
  it('runs on a page of another origin that fetches it in CORS mode, compressed and revalidated', async () => {
    const room = `e2e-cors-${Date.now().toString(36)}`;
    const created = await demo.api(`/api/rooms/${room}/interactions`, {
      kind: 'poll',
      question: 'From a CDN?',
      options: [{ label: 'Yes' }, { label: 'No' }],
    });
    expect(created.status).toBe(201);

    const context = await demo.browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const sdkResponse = page.waitForResponse((r) => r.url().endsWith('/sdk/oncue.min.js'));
    await page.goto(`${siteUrl}/?room=${room}`);
    const sdk = await sdkResponse;
    expect(sdk.status()).toBe(200);
    const headers = await sdk.allHeaders();
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['content-encoding']).toMatch(/^(br|gzip)$/);
    expect(headers.vary).toMatch(/accept-encoding/i);

    // A CORS-mode script without the header would not run: the poll would never appear.
    await page.getByRole('button', { name: 'Yes', exact: true }).click();
    await expect
      .poll(async () => (await demo.api(`/api/rooms/${room}/interactions/${created.body.id}`)).body.options.map((o: { votes: number }) => o.votes))
      .toEqual([1, 0]);

    // A reload revalidates the SDK (no-cache + ETag): a 304, no body.
    const revalidated = page.waitForResponse((r) => r.url().endsWith('/sdk/oncue.min.js'));
    await page.reload();
    expect((await revalidated).status()).toBe(304);
    await page.getByRole('button', { name: 'Yes', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
