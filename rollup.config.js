// Builds every package as ESM (dependencies stay external) and the script-tag
// bundles: `oncue.min.js` (the viewer SDK: loader, core, lit, nanostores, socket.io-client
// and the stage, each kind's element a chunk of its own in `chunks/`), `oncue-host.min.js`
// (the host console) and `oncue-dashboard.min.js`.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import { estreeLiterals } from './build/estree-literals.js';
import esbuild from 'rollup-plugin-esbuild';

/** Modules only the kinds with prizes use (entry tickets, claims: a giveaway, a blind box); see `chunkFileNames` of the script-tag SDK. */
const PRIZE_MODULES =
  /[\\/](protocol[\\/]src[\\/]kinds[\\/]lottery[\\/](lottery-ticket|lottery)|core[\\/]src[\\/]kinds[\\/](lottery[\\/][^\\/]+|viewer-known)|widgets[\\/]src[\\/]shared[\\/](claim-form|claim-form\.styles|field-feedback|field-feedback\.styles|prize-messages|prize\.styles))\.ts$/;

/** Modules only the room's own elements share (docs/milestones.md); see `chunkFileNames` of the script-tag SDK. */
const MILESTONE_MODULES =
  /[\\/](widgets[\\/]src[\\/]shared[\\/]copy-code(\.styles)?|core[\\/]src[\\/]milestones[\\/][^\\/]+|protocol[\\/]src[\\/]milestones[\\/]room-feature-ids)\.ts$/;

const require = createRequire(import.meta.url);
const pkg = (name) => require(`./packages/${name}/package.json`);

/** esbuild strips types; it resolves only our own sources so node_modules keep their `browser` remaps. */
const ts = () => {
  const plugin = esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', minify: false });
  const resolveId = plugin.resolveId;
  return {
    ...plugin,
    resolveId(id, importer, ...rest) {
      if (!importer || importer.includes('node_modules')) return null;
      return resolveId?.call(this, id, importer, ...rest);
    },
  };
};

const externalOf = (name) => {
  const deps = [...Object.keys(pkg(name).dependencies ?? {}), ...Object.keys(pkg(name).peerDependencies ?? {})];
  return (id) => deps.some((d) => id === d || id.startsWith(`${d}/`)) || id.startsWith('node:') || builtinModules.includes(id);
};

const esm = (name, inputs = { index: `packages/${name}/src/index.ts` }) => ({
  input: inputs,
  external: externalOf(name),
  plugins: [nodeResolve({ exportConditions: ['source'], extensions: ['.ts', '.js'], preferBuiltins: true }), ts()],
  output: { dir: `packages/${name}/dist`, format: 'es', sourcemap: true, entryFileNames: '[name].js' },
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((i) => i.includes('node_modules'))) return;
    warn(warning);
  },
});

/**
 * The core connects over WebSocket only (no long-polling fallback), so the
 * script-tag bundles leave engine.io-client's other transports out (~2 KB gzip,
 * and ~2 KB more for the XHR transport its index re-exports).
 */
const NO_TRANSPORT = '\0oncue-no-transport';
const websocketOnly = () => ({
  name: 'oncue-websocket-only',
  resolveId(id, importer) {
    // engine.io-client's index re-exports every transport class; the XHR one runs code at load (an
    // unload listener), so rollup keeps it although nothing uses it. Nothing imports these names.
    if (
      /^\.\/transports\/(polling-xhr(\.node)?|polling-fetch|webtransport|websocket\.node)\.js$/.test(id) &&
      importer?.replace(/\\/g, '/').endsWith('engine.io-client/build/esm/index.js')
    ) {
      return NO_TRANSPORT;
    }
    if (id === './transports/index.js' && /engine\.io-client\/build\/esm\/(socket|index)\.js$/.test(importer?.replace(/\\/g, '/') ?? '')) {
      return fileURLToPath(new URL('./build/websocket-only-transports.js', import.meta.url));
    }
    // socket.io-client's parser, text packets only (OnCue never sends binary): see build/socketio-text-parser.js.
    if (id === 'socket.io-parser' && /socket\.io-client\/build\/esm\//.test(importer?.replace(/\\/g, '/') ?? '')) {
      return fileURLToPath(new URL('./build/socketio-text-parser.js', import.meta.url));
    }
    // engine.io-parser, text packets only (over WebSocket OnCue's packets are all text): see build/engineio-text-parser.js.
    if (id === 'engine.io-parser' && /engine\.io-client\/build\/esm\//.test(importer?.replace(/\\/g, '/') ?? '')) {
      return fileURLToPath(new URL('./build/engineio-text-parser.js', import.meta.url));
    }
    if (id === 'engine.io-client/build/esm/transports/websocket.js') {
      return fileURLToPath(new URL('./node_modules/engine.io-client/build/esm/transports/websocket.js', import.meta.url));
    }
    return null;
  },
  load(id) {
    return id === NO_TRANSPORT ? 'export const XHR = undefined, Fetch = undefined, WT = undefined, WS = undefined;' : null;
  },
});

const browserPlugins = () => [
  websocketOnly(),
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  nodeResolve({ browser: true, exportConditions: ['source', 'production', 'browser'], extensions: ['.ts', '.js'] }),
  ts(),
  // lit's `css` and `html` templates of our own sources, whitespace and comments out (after esbuild: it sees JavaScript).
  literalsHtmlCssMinifier({ include: ['packages/**/*.ts'], failOnError: true, options: { parseLiteralsOptions: { strategy: estreeLiterals } } }),
];
const minify = () => terser({ format: { comments: false }, compress: { passes: 2 } });

/** One file with everything in it (the kinds' lazy loaders become plain promises). */
const iife = (input, file, name) => ({
  input,
  plugins: browserPlugins(),
  output: { file, format: 'iife', name, sourcemap: true, inlineDynamicImports: true, plugins: [minify()] },
});

/**
 * The viewer SDK split by kind, for a classic `<script src=".../oncue.min.js">`: rollup's AMD code splitting with
 * the loader of build/chunk-loader.js in front of the main chunk (see there, and docs/embedding.md for why not ES
 * modules). Each kind's element (a dynamic import in stage/viewer-kinds.ts) is `chunks/<name>-<hash>.js`; the
 * server sends everything under /sdk/chunks/ as immutable. Old chunks are removed first, so size-limit's globs
 * see this build only.
 */
const scriptTagSdk = (input, dir, entry) => ({
  input: { [entry.replace(/\.js$/, '')]: input },
  plugins: [
    ...browserPlugins(),
    {
      name: 'oncue-chunk-loader',
      buildStart() {
        rmSync(`${dir}/chunks`, { recursive: true, force: true });
      },
      generateBundle(_options, bundle) {
        const main = bundle[entry];
        // The main chunk must run while its script tag runs (global OnCue, document.currentScript): no static chunk imports.
        if (!main || main.type !== 'chunk' || main.imports.length) {
          this.error(`${entry} must not import other chunks statically (it imports ${main?.imports.join(', ')})`);
        }
        // The loader's preload map: each chunk's chunk imports, fetched with it (see build/chunk-loader.js).
        const deps = {};
        for (const chunk of Object.values(bundle)) {
          const imports = chunk.type === 'chunk' ? chunk.imports.filter((file) => file !== entry) : [];
          if (imports.length) deps[chunk.fileName] = imports;
        }
        const placeholder = /(["'])__DEPS__\1/;
        if (!placeholder.test(main.code)) this.error('the loader has no "__DEPS__" placeholder');
        main.code = main.code.replace(placeholder, JSON.stringify(deps));
      },
    },
  ],
  output: {
    dir,
    format: 'amd',
    amd: { define: '__oncueDefine', forceJsExtensionForImports: true },
    entryFileNames: entry,
    // A kind's chunk is named after it (chunks/poll-<hash>.js); code several kinds share is chunks/shared-<hash>.js,
    // except a chunk of only what the kinds with prizes share (entry tickets, claims), chunks/prizes-<hash>.js: a page
    // with a poll alone never fetches it, so what it does fetch (loader, poll-*, shared-*) can be measured by name.
    // What only the room's own elements share (the goal and the badge: coupon codes to copy) is chunks/milestones-<hash>.js.
    chunkFileNames: (chunk) =>
      chunk.isDynamicEntry
        ? 'chunks/[name]-[hash].js'
        : chunk.moduleIds.every((id) => PRIZE_MODULES.test(id))
          ? 'chunks/prizes-[hash].js'
          : chunk.moduleIds.every((id) => MILESTONE_MODULES.test(id))
            ? 'chunks/milestones-[hash].js'
            : 'chunks/shared-[hash].js',
    banner: (chunk) => (chunk.isEntry ? readFileSync(new URL('./build/chunk-loader.js', import.meta.url), 'utf8').replaceAll('__ENTRY__', entry) : ''),
    // The loader's preload map comes last (replaced in generateBundle): the code before it keeps its source map columns.
    footer: (chunk) => (chunk.isEntry ? '})("__DEPS__");' : ''),
    sourcemap: true,
    plugins: [minify()],
  },
});

/** The bundler example consumes the packages as npm users do: their built `dist/`, not `src/`. */
const bundlerExample = {
  input: 'examples/bundler/main.js',
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, exportConditions: ['production', 'browser'] }),
  ],
  // The stage loads each kind lazily (stage/viewer-kinds.ts): the bundler splits them into chunks of their own.
  output: { dir: 'examples/bundler/dist', format: 'es', entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js', plugins: [terser()] },
};

export default [
  esm('protocol'),
  esm('core'),
  esm('telemetry'),
  // `@oncue/widgets` (everything), `@oncue/widgets/viewer` (what oncue.min.js holds: no host console) and one
  // entry per element (`/stage`, `/poll`, `/quiz`, `/lottery`, `/blindbox`, `/cheer`, `/goal`, `/milestone-badge`); the stage's lazy kinds are chunks of their own.
  esm('widgets', {
    index: 'packages/widgets/src/index.ts',
    oncue: 'packages/widgets/src/oncue.ts',
    stage: 'packages/widgets/src/stage/stage.ts',
    poll: 'packages/widgets/src/poll/poll.ts',
    quiz: 'packages/widgets/src/quiz/quiz.ts',
    lottery: 'packages/widgets/src/lottery/lottery.ts',
    blindbox: 'packages/widgets/src/blindbox/blindbox.ts',
    cheer: 'packages/widgets/src/cheer/cheer.ts',
    goal: 'packages/widgets/src/goal/goal.ts',
    'milestone-badge': 'packages/widgets/src/milestone-badge/milestone-badge.ts',
  }),
  esm('server', { index: 'packages/server/src/index.ts', cli: 'packages/server/src/cli.ts' }),
  // `@oncue/react`: the components build/framework-bindings.js generates, one entry each (`@oncue/react/poll`); @lit/react, react and the widgets stay external.
  esm(
    'react',
    Object.fromEntries(
      readdirSync('packages/react/src')
        .filter((f) => f.endsWith('.ts'))
        .map((f) => [f.slice(0, -3), `packages/react/src/${f}`]),
    ),
  ),
  scriptTagSdk('packages/widgets/src/oncue-global.ts', 'packages/widgets/dist', 'oncue.min.js'),
  iife('packages/widgets/src/oncue-host.ts', 'packages/widgets/dist/oncue-host.min.js', 'OnCueHost'),
  // The operator dashboard (with uPlot): its own bundle, never part of oncue.min.js.
  iife('packages/widgets/src/oncue-dashboard.ts', 'packages/widgets/dist/oncue-dashboard.min.js', 'OnCueDashboard'),
  // The component gallery (examples/gallery, served at /gallery): every widget in each state, from fixtures.
  iife('examples/gallery/gallery.ts', 'packages/widgets/dist/oncue-gallery.min.js', 'OnCueGallery'),
  bundlerExample,
];
