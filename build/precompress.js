// `node build/precompress.js <dir>…` (run by `npm run build` after rollup):
// writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) next
// to every script and style sheet under each folder, so that the server sends
// them as they are (`@fastify/static`'s `preCompressed`) instead of compressing
// each response at a lower level. Source maps are not precompressed (developer
// tools only; the server still compresses them on the fly). A variant that is
// not smaller than its file is not written, and variants whose file is gone or
// changed since are removed or rewritten: a variant never outlives its file.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files worth precompressing: what a page loads. */
const COMPRESSIBLE = /\.(?:m?js|css)$/i;
const VARIANT = /\.(?:br|gz)$/i;

/** The encodings written, by file suffix. */
export const ENCODERS = {
  '.br': (bytes) =>
    brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  '.gz': (bytes) => gzipSync(bytes, { level: 9 }),
};

/**
 * Precompresses every script and style sheet under `dir` (recursively) and removes stale variants.
 * A variant gets its file's modification time, so all variants of a file share its Last-Modified.
 * Answers what it did: `{ written, removed }`, paths relative to nothing (absolute).
 */
export function precompressDir(dir) {
  const written = [];
  const removed = [];
  const files = listFiles(resolve(dir));
  const present = new Set(files);
  for (const file of files) {
    if (VARIANT.test(file)) {
      // A variant whose file is gone (or is not one we compress) must not be served for it.
      const source = file.slice(0, -3);
      if (!present.has(source) || !COMPRESSIBLE.test(source)) {
        rmSync(file);
        removed.push(file);
      }
      continue;
    }
    if (!COMPRESSIBLE.test(file)) continue;
    const bytes = readFileSync(file);
    const { atimeMs, mtimeMs } = statSync(file);
    for (const [suffix, encode] of Object.entries(ENCODERS)) {
      const variant = file + suffix;
      const encoded = encode(bytes);
      if (encoded.length >= bytes.length) {
        if (present.has(variant)) {
          rmSync(variant);
          removed.push(variant);
        }
        continue;
      }
      writeFileSync(variant, encoded);
      utimesSync(variant, atimeMs / 1000, mtimeMs / 1000);
      written.push(variant);
    }
  }
  return { written, removed };
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    console.error('usage: node build/precompress.js <dir>…');
    process.exit(2);
  }
  for (const dir of dirs) {
    const { written, removed } = precompressDir(dir);
    console.log(`precompressed ${dir}: ${written.length} variants written${removed.length ? `, ${removed.length} stale removed` : ''}`);
  }
}
