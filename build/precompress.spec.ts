import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precompressDir } from './precompress.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function builtFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oncue-precompress-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'chunks'));
  writeFileSync(join(dir, 'oncue.min.js'), `/* sdk */${'customElements.define("oncue-poll", class {});'.repeat(300)}`);
  writeFileSync(join(dir, 'oncue.min.js.map'), JSON.stringify({ mappings: 'AAAA;'.repeat(500) }));
  writeFileSync(join(dir, 'chunks', 'poll-1a2b3c4d.js'), `export const labels = ${JSON.stringify('vote '.repeat(300))};`);
  writeFileSync(join(dir, 'theme.css'), ':host{color:red}'.repeat(100));
  writeFileSync(join(dir, 'tiny.js'), 'a()');
  return dir;
}

describe('precompressing the built SDK', () => {
  it('writes a brotli and a gzip variant of every script and style sheet, decoding to the same bytes', () => {
    const dir = builtFolder();
    precompressDir(dir);
    for (const file of ['oncue.min.js', 'chunks/poll-1a2b3c4d.js', 'theme.css']) {
      const original = readFileSync(join(dir, file));
      const br = readFileSync(join(dir, `${file}.br`));
      const gz = readFileSync(join(dir, `${file}.gz`));
      expect(brotliDecompressSync(br).equals(original), file).toBe(true);
      expect(gunzipSync(gz).equals(original), file).toBe(true);
      expect(br.length, file).toBeLessThan(original.length);
      // Variants share their file's Last-Modified.
      expect(Math.round(statSync(join(dir, `${file}.br`)).mtimeMs), file).toBe(Math.round(statSync(join(dir, file)).mtimeMs));
    }
  });

  it('leaves source maps alone and writes no variant that would not be smaller', () => {
    const dir = builtFolder();
    precompressDir(dir);
    expect(existsSync(join(dir, 'oncue.min.js.map.br'))).toBe(false);
    expect(existsSync(join(dir, 'oncue.min.js.map.gz'))).toBe(false);
    expect(existsSync(join(dir, 'tiny.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'tiny.js.gz'))).toBe(false);
  });

  it('rewrites the variants of a rebuilt file and removes those whose file is gone', () => {
    const dir = builtFolder();
    precompressDir(dir);
    rmSync(join(dir, 'chunks', 'poll-1a2b3c4d.js'));
    const rebuilt = `/* sdk v2 */${'customElements.define("oncue-quiz", class {});'.repeat(300)}`;
    writeFileSync(join(dir, 'oncue.min.js'), rebuilt);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'oncue.min.js'), later, later);
    // A variant left over from an older build of a file that is now too small to gain from it.
    writeFileSync(join(dir, 'tiny.js.br'), 'stale');

    const { removed } = precompressDir(dir);
    expect(existsSync(join(dir, 'chunks', 'poll-1a2b3c4d.js.br'))).toBe(false);
    expect(existsSync(join(dir, 'chunks', 'poll-1a2b3c4d.js.gz'))).toBe(false);
    expect(existsSync(join(dir, 'tiny.js.br'))).toBe(false);
    expect(removed).toHaveLength(3);
    expect(brotliDecompressSync(readFileSync(join(dir, 'oncue.min.js.br'))).toString()).toBe(rebuilt);
    expect(gunzipSync(readFileSync(join(dir, 'oncue.min.js.gz'))).toString()).toBe(rebuilt);
    expect(Math.round(statSync(join(dir, 'oncue.min.js.gz')).mtimeMs)).toBe(Math.round(statSync(join(dir, 'oncue.min.js')).mtimeMs));
  });
});
