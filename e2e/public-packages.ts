import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

/** What the packed-install test reads of a package.json. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  files?: string[];
  bin?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** A workspace package that is published: its folder (relative to the root) and its package.json. */
export interface PublicPackage {
  dir: string;
  manifest: PackageManifest;
}

/** The workspaces of the root package.json whose package.json is not `private`, in the root's order. */
export function publicPackages(): PublicPackage[] {
  const root = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { workspaces: string[] };
  return root.workspaces
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(repositoryRoot, dir, 'package.json'), 'utf8')) as PackageManifest }))
    .filter((p) => !p.manifest.private);
}

/**
 * Whether a package runs in a browser only: it depends on Lit or on the widgets (their modules define custom
 * elements when imported, which Node cannot do).
 */
export function isBrowserPackage(manifest: PackageManifest): boolean {
  const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
  return 'lit' in deps || '@oncue/widgets' in deps;
}

/** Each entry point of a package's `exports` as an import specifier (`@oncue/widgets`, `@oncue/widgets/poll`…), JSON files left out. */
export function entryPoints(manifest: PackageManifest): string[] {
  return Object.keys(manifest.exports ?? { '.': '' })
    .filter((subpath) => !subpath.endsWith('.json'))
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
}

/**
 * The files a package's `exports` (every condition but `source`), `main`, `types`, `bin` and `customElements` (the
 * manifest editors and framework typings read) point at, relative to the package.
 */
export function declaredFiles(manifest: PackageManifest & { main?: string; types?: string; customElements?: string }): string[] {
  const targets = new Set<string>();
  for (const target of Object.values(manifest.exports ?? {})) {
    if (typeof target === 'string') targets.add(target);
    else for (const [condition, file] of Object.entries(target)) if (condition !== 'source') targets.add(file);
  }
  for (const file of [manifest.main, manifest.types, manifest.customElements, ...Object.values(manifest.bin ?? {})]) if (file) targets.add(file);
  return [...targets].map((file) => file.replace(/^\.\//, ''));
}
