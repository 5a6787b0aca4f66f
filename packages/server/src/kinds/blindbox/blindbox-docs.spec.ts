import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { newKey, startTestServer } from '../../../test/test-server.js';

const script = fileURLToPath(new URL('../../../../../docs/verify-blindbox.mjs', import.meta.url));
const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [script, ...args]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
  );

describe('docs/verify-blindbox.mjs (the documented outside check)', () => {
  it('checks real boxes of every guess type from the public proof alone, and rejects tampered ones', { timeout: 60_000 }, async () => {
    const t = await startTestServer();
    const boxes = [
      {
        guess: { type: 'choice', options: [{ label: 'Lipstick' }, { label: 'Perfume' }, { label: 'Scarf' }] },
        answer: 1,
        reward: { type: 'draw', winners: 2 },
        values: [1, 0, 1, 1, 2],
      },
      { guess: { type: 'number', min: 0, max: 500 }, answer: 120, reward: { type: 'closest', winners: 2 }, values: [100, 130, 121, 90, 119] },
      {
        guess: { type: 'text' },
        answer: ['口红', 'Lipstick'],
        reward: { type: 'first', winners: 2 },
        values: ['口红！', 'perfume', ' ＬＩＰＳＴＩＣＫ', 'lip stick', 'scarf'],
      },
    ];
    for (const spec of boxes) {
      const created = await t.rest('POST', `/api/rooms/${t.room}/interactions`, { body: { kind: 'blindbox', title: 'Box', ...spec, values: undefined } });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const secrets = spec.values.map(() => randomBytes(32).toString('hex'));
      const ticket = (secret: string) => createHash('sha256').update(`${id}:${secret}`, 'utf8').digest('hex');
      for (const [i, value] of spec.values.entries()) {
        const viewer = await t.connectViewer();
        expect((await viewer.act('guess', { interaction: id, key: newKey(), value, ticket: ticket(secrets[i]!) })).ok).toBe(true);
      }
      await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/close`);
      await t.rest('POST', `/api/rooms/${t.room}/interactions/${id}/next`);
      const proofUrl = `${t.server.url}/api/rooms/${t.room}/interactions/${id}/proof`;
      const ok = await run(proofUrl, '--secret', secrets[0]!);
      expect(ok.stdout).toContain(`follow from the ${spec.reward.type} rule`);
      expect(ok.stdout).toContain(`your guess ${JSON.stringify(spec.values[0])} is in the list`);
      expect(ok.code).toBe(0);

      const proof = (await t.rest('GET', `/api/rooms/${t.room}/interactions/${id}/proof`, { token: null })).body;
      expect(proof).not.toHaveProperty('claims');
      const file = join(t.dataFile, '..', `box-${id}.json`);
      const tampered = (change: Record<string, unknown>) => {
        writeFileSync(file, JSON.stringify({ ...proof, ...change }));
        return run(file);
      };
      expect(await tampered({})).toMatchObject({ code: 0 });
      expect(await tampered({ answer: spec.guess.type === 'text' ? ['scarf'] : 2 })).toMatchObject({ code: 1, stdout: expect.stringContaining('commitment') });
      expect(await tampered({ winners: [...proof.winners].reverse().concat(proof.guesses[4].entry) })).toMatchObject({
        code: 1,
        stdout: expect.stringContaining('the winners should be'),
      });
    }
  });
});
