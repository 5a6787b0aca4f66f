/**
 * The packages as a user installs them: each public workspace is packed (`npm pack`), the tarballs are installed
 * offline into a fresh project outside the workspace, and there every entry point of every `exports` map is imported
 * (in Node, or bundled and run in Chromium for the browser packages), a small consumer is type-checked against the
 * published `.d.ts`, and `oncue-server` from the installed bin serves the installed SDK to a page where a poll is
 * voted on. Whatever `files` or `exports` forgets fails here.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './launch-chromium.js';
import { installPackedProject, type PackedProject } from './packed-project.js';
import { declaredFiles, entryPoints, isBrowserPackage, publicPackages, repositoryRoot } from './public-packages.js';

const run = promisify(execFile);

// A workspace without sources yet (a package being written) has nothing to pack: listed as skipped, not hidden.
const all = publicPackages();
const packages = all.filter((p) => existsSync(join(repositoryRoot, p.dir, 'src')));
const unwritten = all.filter((p) => !packages.includes(p));
const has = (name: string) => packages.some((p) => p.manifest.name === name);

let project: PackedProject;
let browser: Browser;

beforeAll(async () => {
  project = await installPackedProject(packages);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (project) rmSync(dirname(project.dir), { recursive: true, force: true });
});

describe('the packed packages, installed offline in a project outside the workspace', () => {
  for (const p of unwritten) it.skip(`${p.manifest.name}: no sources yet (${p.dir}/src), not packed`, () => {});

  it('ship the licence and every file their exports, main, types and bin name, and no tests', () => {
    const licence = readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8');
    for (const p of project.packages) {
      const name = p.manifest.name;
      expect(p.manifest.license, `${name}: "license" in package.json`).toBe('MIT');
      expect(p.files, `${name}: LICENSE in the tarball`).toContain('LICENSE');
      expect(readFileSync(join(project.dir, 'node_modules', name, 'LICENSE'), 'utf8'), `${name}: LICENSE is the root's`).toBe(licence);
      const missing = declaredFiles(p.manifest).filter((file) => !p.files.includes(file));
      expect(missing, `${name}: files named by package.json but not in the tarball (check "files" and the build)`).toEqual([]);
      expect(
        p.files.filter((f) => /\.(spec|test)\.ts$|tsbuildinfo$/.test(f)),
        `${name}: tests or build state in the tarball`,
      ).toEqual([]);
    }
  });

  it('import in Node: each entry point of the Node packages, with its exports', async () => {
    const specifiers = packages.filter((p) => !isBrowserPackage(p.manifest)).flatMap((p) => entryPoints(p.manifest));
    expect(specifiers.length).toBeGreaterThan(0);
    const script = join(project.dir, 'import-entries.mjs');
    writeFileSync(
      script,
      `const result = {};
for (const specifier of ${JSON.stringify(specifiers)}) {
  try { result[specifier] = Object.keys(await import(specifier)).length; } catch (error) { result[specifier] = String(error); }
}
console.log(JSON.stringify(result));`,
    );
    const { stdout } = await run(process.execPath, [script], { cwd: project.dir });
    const result = JSON.parse(stdout) as Record<string, number | string>;
    for (const specifier of specifiers) expect(result[specifier], `import('${specifier}')`).toBeTypeOf('number');
    for (const specifier of specifiers) expect(result[specifier], `${specifier} exports something`).toBeGreaterThan(0);
  });

  it('import in Chromium: each entry point of the browser packages, bundled from the installed files', async () => {
    const specifiers = packages.filter((p) => isBrowserPackage(p.manifest)).flatMap((p) => entryPoints(p.manifest));
    expect(specifiers.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    try {
      const origin = 'http://consumer.test';
      let bundle = '';
      await page.route(`${origin}/**`, (route) =>
        route.request().url().endsWith('.js')
          ? route.fulfill({ contentType: 'text/javascript', body: bundle })
          : route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>consumer</title>' }),
      );
      for (const specifier of specifiers) {
        const result = await build({
          stdin: { contents: `import * as entry from '${specifier}';\nwindow.entryExports = Object.keys(entry);`, resolveDir: project.dir },
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          logLevel: 'silent',
          nodePaths: [],
          absWorkingDir: project.dir,
        }).catch((error: Error) => {
          throw new Error(`bundling ${specifier} from the installed packages failed: ${error.message}`);
        });
        bundle = result.outputFiles[0].text;
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`${origin}/`);
        await page.addScriptTag({ url: `${origin}/entry.js`, type: 'module' });
        await expect
          .poll(() => page.evaluate(() => (window as unknown as { entryExports?: string[] }).entryExports?.length ?? 0), {
            message: `${specifier} runs and exports something`,
          })
          .toBeGreaterThan(0);
        expect(errors, `${specifier}: errors in the page`).toEqual([]);
        // A per-kind entry (`@oncue/widgets/poll`) defines its element.
        const kind = specifier.match(/^@oncue\/widgets\/(?!viewer$)(.+)$/)?.[1];
        if (kind) expect(await page.evaluate((tag) => !!customElements.get(tag), `oncue-${kind}`), `${specifier} defines <oncue-${kind}>`).toBe(true);
        page.removeAllListeners('pageerror');
      }
    } finally {
      await page.close();
    }
  });

  it('type-check a consumer against the published declarations', async () => {
    const lines = packages.flatMap((p, i) =>
      entryPoints(p.manifest).map((specifier, j) => `import * as entry${i}_${j} from '${specifier}';\nvoid entry${i}_${j};`),
    );
    if (has('@oncue/core'))
      lines.push(
        `import { connect, type RoomConnection } from '@oncue/core';\nexport const open = (room: string): RoomConnection => connect({ server: 'https://live.example', room });`,
      );
    if (has('@oncue/server'))
      lines.push(`import { startServer, type OnCueServer } from '@oncue/server';\nexport const serve = (): Promise<OnCueServer> => startServer({ port: 0 });`);
    if (has('@oncue/telemetry'))
      lines.push(
        `import { callbackSink, createReporter, type Reporter } from '@oncue/telemetry';\nexport const reporter: Reporter = createReporter({ sinks: [callbackSink(() => {})] });`,
      );
    if (has('@oncue/widgets')) {
      lines.push(`import { OnCuePoll } from '@oncue/widgets/poll';\nexport const poll: OnCuePoll = document.createElement('oncue-poll');`);
      lines.push(`import type { OnCueStage } from '@oncue/widgets/stage';\nexport const stage: OnCueStage | null = document.querySelector('oncue-stage');`);
    }
    writeFileSync(join(project.dir, 'consumer.ts'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(project.dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: ['node'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(repositoryRoot, 'node_modules/.bin/tsc');
    const result = await run(tsc, ['-p', join(project.dir, 'tsconfig.json')], { cwd: project.dir }).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '', 'tsc errors in the consumer or the published .d.ts').toBe('');
  });

  it.skipIf(!has('@oncue/server') || !has('@oncue/widgets'))(
    'run oncue-server from the installed bin, which serves the installed SDK, and vote in a poll in Chromium',
    async () => {
      const bin = join(project.dir, 'node_modules/.bin/oncue-server');
      expect(existsSync(bin), 'node_modules/.bin/oncue-server').toBe(true);
      const hostToken = `packed-${Math.random().toString(36).slice(2)}`;
      const child: ChildProcess = spawn(bin, [], {
        cwd: project.dir,
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ONCUE_HOST_TOKEN: hostToken, ONCUE_DATA_FILE: join(project.dir, 'oncue.db') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let pageServer: Server | undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`oncue-server did not start:\n${output}`)), 20_000);
          child.stdout?.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            const match = output.match(/https?:\/\/[^\s/:]+:(\d+)\//);
            if (match) {
              clearTimeout(timer);
              resolve(`http://127.0.0.1:${match[1]}`);
            }
          });
          child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.once('exit', (code) => reject(new Error(`oncue-server exited with ${code}:\n${output}`)));
        });
        const sdk = await fetch(`${url}/sdk/oncue.min.js`);
        expect(sdk.status, `GET /sdk/oncue.min.js from the installed server\n${output}`).toBe(200);
        expect(await sdk.text()).toBe(readFileSync(join(project.dir, 'node_modules/@oncue/widgets/dist/oncue.min.js'), 'utf8'));

        const room = `packed-${Date.now().toString(36)}`;
        const api = async (path: string, body?: unknown) => {
          const res = await fetch(`${url}${path}`, {
            method: body === undefined ? 'GET' : 'POST',
            headers: { authorization: `Bearer ${hostToken}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: res.status, body: (await res.json()) as any };
        };
        // An integrator's page, on its own origin (a real one: Chromium lets only such a page open a socket to a
        // loopback server): the script tag from the OnCue server's /sdk/, and the stage.
        const html = `<!doctype html><html lang="en"><title>consumer</title><script src="${url}/sdk/oncue.min.js"></script><oncue-stage server="${url}" room="${room}"></oncue-stage>`;
        pageServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(html));
        await new Promise<void>((resolve) => pageServer?.listen(0, '127.0.0.1', resolve));
        const page = await (await browser.newContext()).newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`);
        await expect.poll(() => page.evaluate(() => !!customElements.get('oncue-stage'))).toBe(true);

        const created = await api(`/api/rooms/${room}/interactions`, { kind: 'poll', question: 'Installed?', options: [{ label: 'Yes' }, { label: 'No' }] });
        expect(created.status).toBe(201);
        await page.getByRole('button', { name: 'Yes', exact: true }).click();
        await expect
          .poll(async () => (await api(`/api/rooms/${room}/interactions/${created.body.id}`)).body.options.map((o: { votes: number }) => o.votes))
          .toEqual([1, 0]);
        await expect
          .poll(() => page.locator('oncue-poll [part~="option-row"]').allInnerTexts(), { timeout: 10_000 })
          .toEqual([expect.stringMatching(/Yes[\s\S]*1[\s\S]*100%/), expect.stringMatching(/No[\s\S]*0[\s\S]*0%/)]);
        expect(errors).toEqual([]);
        await page.context().close();
      } finally {
        pageServer?.close();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      }
    },
  );
});
