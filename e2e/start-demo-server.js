// Plain JS (with JSDoc types) so that the e2e tests and the benchmarks (bench/phone-load.js) share it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {{ url: string, port: number, hostToken: string, pid: number, output(): string, kill(): Promise<void>, stop(): Promise<void> }} DemoServer */

const cli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));

/**
 * Starts the built CLI exactly as `npm start` does, on an ephemeral loopback port, with a fresh data file (and extra `env`).
 * @param {Record<string, string>} [env]
 * @returns {Promise<DemoServer>}
 */
export async function startDemoServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'oncue-demo-'));
  const hostToken = `demo-${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, [cli], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ONCUE_HOST_TOKEN: hostToken, ONCUE_DATA_FILE: join(dir, 'oncue.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  /** @type {string} */
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      const match = output.match(/https?:\/\/[^\s/:]+:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    });
    child.stderr.on('data', (/** @type {Buffer} */ c) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    url,
    port: Number(new URL(url).port),
    hostToken,
    pid: /** @type {number} */ (child.pid),
    output: () => output,
    /** SIGKILL: the process dies at once, committing nothing more (a machine failing). */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
