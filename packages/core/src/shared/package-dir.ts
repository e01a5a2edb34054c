import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * The root folder of the installed `@sosms/core` package, where its `package.json` and `data/` are. The same
 * answer from the TypeScript sources (`src/…`, in the monorepo) and from the built files (`dist/…`, once
 * packed and installed), whatever the depth of the file that asks.
 *
 * ### Examples
 * ```ts
 * join(corePackageDir(), 'data', 'schemes'); // …/node_modules/@sosms/core/data/schemes
 * ```
 */
export function corePackageDir(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@sosms/core') {
      found = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json de @sosms/core introuvable / not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
