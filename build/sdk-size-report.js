// Where the script-tag SDK's bytes go: builds oncue.min.js and its chunks as rollup.config.js does, then prints,
// per chunk, its gzip size and each module's share (the module's rendered code minified and gzipped on its own,
// so the shares add up to a bit more than the chunk: gzip finds less to share in small pieces).
// Usage: node build/sdk-size-report.js [--all]   (--all lists every module, not just those over 200 B)
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';
import configs from '../rollup.config.js';

const config = configs.find((c) => c.output?.format === 'amd');
// Generated in memory only: leave the built dist/chunks alone (the build's own plugin clears that folder at its start).
const plugins = config.plugins.map((plugin) => (plugin?.name === 'oncue-chunk-loader' ? { ...plugin, buildStart: undefined } : plugin));
const bundle = await rollup({ ...config, plugins, onwarn: () => {} });
const { output } = await bundle.generate({ ...config.output, plugins: [] });
const minified = await bundle.generate(config.output);
const gz = (text) => gzipSync(text, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const all = process.argv.includes('--all');

for (const chunk of output) {
  if (chunk.type !== 'chunk') continue;
  const final = minified.output.find((c) => c.type === 'chunk' && c.name === chunk.name);
  console.log(`\n${chunk.fileName}: ${kb(gz(final.code))} gzip (${kb(final.code.length)} minified)`);
  const rows = [];
  for (const [id, module] of Object.entries(chunk.modules)) {
    if (!module.code) continue;
    const code = (await minify(module.code, { compress: { passes: 2 }, mangle: true })).code ?? '';
    const name = id
      .replace(/^.*node_modules\//, '')
      .replace(/^.*\/packages\//, 'packages/')
      .replace(/^\0/, '');
    rows.push([name, gz(code), code.length]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  const groups = new Map();
  for (const [name, size] of rows) {
    const group = name.startsWith('packages/')
      ? name
          .split('/')
          .slice(0, name.includes('/src/') ? 4 : 2)
          .join('/')
      : name.split('/')[0].startsWith('@')
        ? name.split('/').slice(0, 2).join('/')
        : name.split('/')[0];
    groups.set(group, (groups.get(group) ?? 0) + size);
  }
  console.log(
    '  by package/folder:',
    [...groups]
      .sort((a, b) => b[1] - a[1])
      .map(([g, s]) => `${g} ${kb(s)}`)
      .join(', '),
  );
  for (const [name, size, raw] of rows) if (all || size > 200) console.log(`  ${kb(size).padStart(9)}  ${String(raw).padStart(6)} B min  ${name}`);
}
await bundle.close();
