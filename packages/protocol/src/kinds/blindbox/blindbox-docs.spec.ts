import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLINDBOX_VECTORS as V } from '../../../test/blindbox.vectors.js';
import { blindboxCommitment, type BlindboxAnswer } from './blindbox-commitment.js';
import { normaliseGuessText } from './blindbox-guess-text.js';

const doc = readFileSync(new URL('../../../../../docs/blindbox.md', import.meta.url), 'utf8');

describe('docs/blindbox.md (the worked example a reimplementation follows)', () => {
  it('shows each box’s canonical JSON with the commitment this code computes', async () => {
    for (const { box, json } of Object.values(V.boxes)) {
      expect(doc).toContain(`| \`${json}\` | \`${await blindboxCommitment(box as BlindboxAnswer, V.salt)}\` |`);
    }
    expect(doc).toContain(`Salt \`${V.salt}\``);
    expect(doc).toContain(`(commitment \`${V.seedCommitment}\`)`);
  });

  it('lists the vectors’ entry ids and normalisation examples', () => {
    for (const entry of V.entries) expect(doc).toContain(`\`${entry.slice(0, 8)}…${entry.slice(-8)}\``);
    for (const [input, output] of [
      ['  Ｌｉｐ-Stick！', 'lipstick'],
      ['「口红」', '口红'],
      ['ＡＢＣ１２３', 'abc123'],
      ['Ⅻ', 'xii'],
    ]) {
      expect(normaliseGuessText(input!)).toBe(output);
      expect(doc).toContain(`\`${input}\` → \`${output}\``);
    }
  });
});
