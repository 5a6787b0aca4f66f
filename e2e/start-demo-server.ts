import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DemoServer {
  url: string;
  hostToken: string;
  stop(): Promise<void>;
}

const cli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));

/** Starts the built CLI exactly as `npm start` does, on an ephemeral port, with a fresh data file (and extra `env`). */
export async function startDemoServer(env: Record<string, string> = {}): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'oncue-e2e-'));
  const hostToken = `e2e-${Math.random().toString(36).slice(2)}`;
  const child: ChildProcess = spawn(process.execPath, [cli], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ONCUE_HOST_TOKEN: hostToken, ONCUE_DATA_FILE: join(dir, 'oncue.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/https?:\/\/[^\s/:]+:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    hostToken,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
