import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HOST_TOKEN, newKey, startTestServer } from '../../../test/test-server.js';

const script = fileURLToPath(new URL('../../../../../docs/verify-lottery.mjs', import.meta.url));
const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [script, ...args]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
  );

describe('docs/verify-lottery.mjs (the documented outside check)', () => {
  it('recomputes a real draw from the REST fields alone, and rejects a tampered one', { timeout: 60_000 }, async () => {
    const t = await startTestServer();
    const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'lottery', prize: 'Mug', winners: 2 } });
    const id = created.body.id as string;
    const viewers = await Promise.all([1, 2, 3, 4, 5].map(() => t.connectViewer()));
    const secrets = viewers.map(() => randomBytes(32).toString('hex'));
    const ticket = (secret: string) => createHash('sha256').update(`${id}:${secret}`, 'utf8').digest('hex');
    for (const [i, v] of viewers.entries()) await v.act('enter', { interaction: id, key: newKey(), ticket: ticket(secrets[i]!) });
    await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/close`);
    const { body } = await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}`);

    const ok = await run(`${t.server.url}/api/rooms/${t.room}/interactions/${id}`, HOST_TOKEN);
    expect(ok.stdout).toContain('OK: 2 winner(s) of 5 entries');
    expect(ok.code).toBe(0);
    const proofUrl = `${t.server.url}/api/rooms/${t.room}/interactions/${id}/proof`;
    expect((await run(proofUrl)).code).toBe(0);
    // A viewer checks its own entry from its secret alone.
    const winnerSecret = secrets.find((secret) => body.winners.includes(ticket(secret)))!;
    const loserSecret = secrets.find((secret) => !body.winners.includes(ticket(secret)))!;
    for (const secret of [winnerSecret, loserSecret]) {
      const own = await run(proofUrl, '--secret', secret);
      expect(own.code).toBe(0);
      expect(own.stdout).toContain(
        `your entry ${ticket(secret).slice(0, 8)}… is in the list; ${body.winners.includes(ticket(secret)) ? 'it won' : 'it did not win'}`,
      );
    }
    expect(await run(proofUrl, '--secret', randomBytes(32).toString('hex'))).toMatchObject({
      code: 1,
      stdout: expect.stringContaining('is not in the entry list'),
    });

    const file = join(t.dataFile, '..', 'draw.json');
    const tampered = (change: Record<string, unknown>) => {
      writeFileSync(file, JSON.stringify({ ...body, ...change }));
      return run(file);
    };
    expect(await tampered({})).toMatchObject({ code: 0 });
    expect(await tampered({ winners: [...body.winners].reverse() })).toMatchObject({ code: 1, stdout: expect.stringContaining('the winners should be') });
    expect(await tampered({ seed: '11'.repeat(32) })).toMatchObject({ code: 1, stdout: expect.stringContaining('commitment') });
    expect(await tampered({ entryList: [...body.entryList].reverse() })).toMatchObject({ code: 1, stdout: expect.stringContaining('sorted') });
  });
});
