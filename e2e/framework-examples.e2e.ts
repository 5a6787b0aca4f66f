import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDemoSession } from './demo-session.js';
import { serveFolder, type ServedFolder } from './serve-folder.js';

// examples/react and examples/vue as built by `npm run build:examples` (vite build), served as a static host would
// serve them, on another origin than the OnCue server they are pointed at with `?server=`.
const demo = useDemoSession();

const examples = { React: 'react', Vue: 'vue' } as const;

describe.each(Object.entries(examples))('the %s example', (framework, folder) => {
  let site: ServedFolder;
  beforeAll(async () => {
    const dist = fileURLToPath(new URL(`../examples/${folder}/dist`, import.meta.url));
    if (!existsSync(`${dist}/index.html`)) throw new Error(`examples/${folder} is not built: run npm run build:examples first`);
    site = await serveFolder(dist);
  });
  afterAll(() => site?.close());

  it('shows the room’s poll on its stage, votes through it, and the app’s state follows the widgets’ events', async () => {
    const room = `e2e-${folder}-${Date.now().toString(36)}`;
    const created = await demo.api(`/api/rooms/${room}/interactions`, {
      kind: 'poll',
      question: `Which ${framework} hook?`,
      options: [{ label: 'Red dress' }, { label: 'Blue suit' }],
    });
    expect(created.status).toBe(201);

    const page = await (await demo.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.url}/?${new URLSearchParams({ server: demo.server.url, room })}`);
    await page.getByRole('heading', { name: `OnCue in ${framework}` }).waitFor();

    const lastVote = page.locator('#last-vote');
    await expect.poll(() => lastVote.innerText()).toBe('No vote yet.');
    await page.getByRole('button', { name: 'Blue suit', exact: true }).click();

    // The server counted the vote, the poll shows the tally, and the stage's oncue-vote event reached app state.
    await expect
      .poll(async () => (await demo.api(`/api/rooms/${room}/interactions/${created.body.id}`)).body.options.map((o: { votes: number }) => o.votes))
      .toEqual([0, 1]);
    await expect
      .poll(() => page.locator('oncue-poll [part~="option-row"]').allInnerTexts(), { timeout: 10_000 })
      .toEqual([expect.stringMatching(/Red dress[\s\S]*0[\s\S]*0%/), expect.stringMatching(/Blue suit[\s\S]*1[\s\S]*100%/)]);
    await expect.poll(() => lastVote.innerText()).toBe('You voted for option 2.');

    // The plain <oncue-cheer> tag: its oncue-cheer event reaches app state too.
    await page.locator('main > oncue-cheer').getByRole('button', { name: 'Send a heart' }).click();
    await expect.poll(() => page.locator('#taps').innerText()).toBe('1 cheers from you');

    // The room picker is app state bound to the elements' `room`: another room's poll replaces this one.
    const other = `${room}-b`;
    await demo.api(`/api/rooms/${other}/interactions`, { kind: 'poll', question: 'Another room?', options: [{ label: 'Yes' }, { label: 'No' }] });
    await page.getByLabel('Room', { exact: true }).fill(other);
    await page.getByLabel('Room', { exact: true }).press('Enter');
    await page.getByText('Another room?').waitFor();
    await expect.poll(() => page.getByText(`Which ${framework} hook?`).count()).toBe(0);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});
