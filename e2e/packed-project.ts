import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot, type PublicPackage } from './public-packages.js';

const run = promisify(execFile);

/** One packed package: its tarball and the paths the tarball holds (relative to the package). */
export interface PackedPackage extends PublicPackage {
  tarball: string;
  files: string[];
}

/** A fresh project outside the workspace with the packed packages installed. */
export interface PackedProject {
  dir: string;
  packages: PackedPackage[];
}

interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  dev?: boolean;
  inBundle?: boolean;
  name?: string;
  [key: string]: unknown;
}

/** `npm pack` of each package into `dest` (one npm call), with the files each tarball holds. */
async function pack(packages: PublicPackage[], dest: string): Promise<PackedPackage[]> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dest, ...packages.flatMap((p) => ['-w', p.dir])], {
    cwd: repositoryRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout) as { name: string; filename: string; files: { path: string }[] }[];
  return packages.map((p) => {
    const result = packed.find((r) => r.name === p.manifest.name);
    if (!result) throw new Error(`npm pack did not pack ${p.manifest.name}`);
    return { ...p, tarball: join(dest, result.filename), files: result.files.map((f) => f.path) };
  });
}

/**
 * The project's package-lock.json: the packed packages from their tarballs, every third-party package at the version
 * the workspace's own lockfile pins (npm leaves out what the project does not need). With a lockfile, `npm ci` takes
 * the tarballs the workspace's `npm ci` put in the npm cache; without one, npm 11 asks the registry for full
 * package documents, which that cache does not hold, so an offline install could not resolve a single range.
 */
function lockfile(packed: PackedPackage[], dependencies: Record<string, string>, devDependencies: Record<string, string>, registry: string): object {
  const workspace = JSON.parse(readFileSync(join(repositoryRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entries: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(workspace.packages)) {
    if (!path.startsWith('node_modules/') || entry.link) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // The workspace's lockfile omits registry URLs (omit-lockfile-registry-resolved): the cache knows the tarballs by them.
    const resolved = entry.resolved ?? (entry.inBundle ? undefined : `${registry}${name}/-/${name.split('/').pop()}-${entry.version}.tgz`);
    entries[path] = { ...entry, resolved };
  }
  for (const p of packed) {
    const { name, version, license, dependencies: deps, peerDependencies, bin } = p.manifest;
    entries[`node_modules/${name}`] = {
      version,
      resolved: dependencies[name],
      integrity: `sha512-${createHash('sha512').update(readFileSync(p.tarball)).digest('base64')}`,
      license,
      dependencies: deps,
      peerDependencies,
      bin,
    };
  }
  return {
    name: 'oncue-consumer',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'oncue-consumer', version: '1.0.0', dependencies, devDependencies }, ...entries },
  };
}

/**
 * better-sqlite3's installer (prebuild-install) would download a prebuilt addon and, offline, compiles SQLite
 * instead (two minutes here). When the workspace has built the addon for this Node, it is packed into `dir` as the
 * prebuild a download would bring, and the folder is returned for prebuild-install's `<package>_local_prebuilds`.
 */
async function writeLocalPrebuild(dir: string): Promise<string | undefined> {
  const addon = join(repositoryRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (!existsSync(addon)) return undefined;
  const { version } = JSON.parse(readFileSync(join(repositoryRoot, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string };
  const prebuilds = join(dir, 'prebuilds');
  mkdirSync(prebuilds);
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await run('tar', ['-czf', join(prebuilds, name), '-C', join(repositoryRoot, 'node_modules/better-sqlite3'), 'build/Release/better_sqlite3.node']);
  return prebuilds;
}

/**
 * What a TypeScript consumer of the packages installs besides them: `@types/node`, and the `@types/` package of each
 * peer dependency that has one (`@types/react` for `@oncue/react`), at the versions the workspace's lockfile pins.
 */
function typeDependencies(packed: PackedPackage[]): Record<string, string> {
  const workspace = JSON.parse(readFileSync(join(repositoryRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const names = ['node', ...packed.flatMap((p) => Object.keys(p.manifest.peerDependencies ?? {}))].map((name) => `@types/${name.replace(/^@(.+)\//, '$1__')}`);
  return Object.fromEntries(
    names.flatMap((name) => {
      const version = workspace.packages[`node_modules/${name}`]?.version;
      return version ? [[name, version]] : [];
    }),
  );
}

/**
 * Packs `packages`, and installs the tarballs offline into a new project in the system's temporary folder (outside
 * the workspace), with the `@types/` packages a TypeScript consumer adds (see {@link typeDependencies}). A dependency missing from the npm cache fails
 * with a message that names it.
 */
export async function installPackedProject(packages: PublicPackage[]): Promise<PackedProject> {
  const root = mkdtempSync(join(tmpdir(), 'oncue-packed-'));
  const tarballs = join(root, 'tarballs');
  const dir = join(root, 'app');
  mkdirSync(tarballs);
  mkdirSync(dir);
  const packed = await pack(packages, tarballs);
  const dependencies = Object.fromEntries(packed.map((p) => [p.manifest.name, `file:../tarballs/${p.tarball.split('/').pop()}`]));
  const devDependencies = typeDependencies(packed);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      { name: 'oncue-consumer', version: '1.0.0', private: true, type: 'module', dependencies, devDependencies, allowScripts: { 'better-sqlite3': true } },
      null,
      2,
    ),
  );
  const registry = (await run('npm', ['config', 'get', 'registry'], { cwd: repositoryRoot })).stdout.trim().replace(/\/?$/, '/');
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockfile(packed, dependencies, devDependencies, registry), null, 2));

  const env: Record<string, string | undefined> = { ...process.env };
  const prebuilds = await writeLocalPrebuild(root);
  if (prebuilds) env.npm_config_better_sqlite3_local_prebuilds = prebuilds;
  try {
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const output = String((error as { stderr?: string }).stderr ?? error);
    const missing = output.match(/request to (\S+) failed: cache mode is 'only-if-cached'/);
    if (missing) {
      throw new Error(
        `a dependency of the packed packages is not in the npm cache (${missing[1]}): run \`npm ci\` in the repository first, which fills the cache with what package-lock.json pins\n${output}`,
      );
    }
    throw new Error(`npm ci --offline of the packed packages failed:\n${output}`);
  }
  return { dir, packages: packed };
}
