import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a store lives: a PostgreSQL server, a PGlite folder on disk, or memory (tests, throw-away runs). */
export type StoreLocation =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'folder'; readonly path: string }
  | { readonly kind: 'memory' };

/** The default data folder, relative to the repository root (or to the current directory outside a checkout). */
export const DEFAULT_DATA_FOLDER = '.data/sosms';

/** Whether a location string names a PostgreSQL server. */
export const isPostgresUrl = (value: string): boolean => /^postgres(ql)?:\/\//i.test(value);

/**
 * The root of the sosms checkout this module runs from (the folder holding `pnpm-workspace.yaml` and
 * `packages/core`), or undefined when @sosms/core is installed in another project. Works from the sources
 * (`src/database/`) and from a build (`dist/`), whatever their depth.
 */
export function checkoutRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'packages', 'core', 'package.json');
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@sosms/core') return dir;
      } catch {
        // not ours
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The folder of the default store: `.data/sosms` at the root of the checkout, so that `npm start` and
 * `pnpm sosms` share it from any directory; outside a checkout, `.data/sosms` in the current directory.
 *
 * ### Examples
 * ```ts
 * defaultDataFolder('/home/me'); // '/srv/sosms/.data/sosms' in a checkout at /srv/sosms
 * ```
 */
export function defaultDataFolder(cwd: string): string {
  return resolve(checkoutRoot() ?? cwd, DEFAULT_DATA_FOLDER);
}

/**
 * Read the one setting that names a store (`--database` or `DATABASE_URL`): a `postgres://` URL, a folder
 * (absolute, or relative to `cwd`), `memory://` for a throw-away in-memory database, or nothing (empty
 * included) for the default folder {@link defaultDataFolder}.
 *
 * ### Examples
 * ```ts
 * resolveStoreLocation('postgres://localhost/sosms', '/tmp'); // { kind: 'postgres', url: 'postgres://localhost/sosms' }
 * resolveStoreLocation('data', '/home/me');                   // { kind: 'folder', path: '/home/me/data' }
 * resolveStoreLocation(undefined, '/home/me');                // { kind: 'folder', path: '<checkout>/.data/sosms' }
 * ```
 */
export function resolveStoreLocation(value: string | undefined, cwd: string): StoreLocation {
  const setting = value?.trim();
  if (!setting) return { kind: 'folder', path: defaultDataFolder(cwd) };
  if (isPostgresUrl(setting)) return { kind: 'postgres', url: setting };
  if (setting === 'memory://') return { kind: 'memory' };
  const path = setting.startsWith('file://') ? fileURLToPath(setting) : setting;
  return { kind: 'folder', path: isAbsolute(path) ? path : resolve(cwd, path) };
}

/** The location as the string {@link createStore} takes. */
export function locationString(location: StoreLocation): string | undefined {
  return location.kind === 'postgres' ? location.url : location.kind === 'folder' ? location.path : undefined;
}
