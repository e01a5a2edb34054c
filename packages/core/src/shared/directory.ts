import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Create a directory and its missing parents, one level at a time. Node 20's `mkdirSync(path, { recursive: true })`
 * spins for ever, in native code that no signal interrupts, when a parent cannot hold directories (`/proc/x/y`):
 * here every level is a plain `mkdir`, which fails at once with its own error (ENOENT, ENOTDIR, EACCES).
 *
 * ### Examples
 * ```ts
 * makeDirectory(dirname(target));
 * writeFileSync(target, body);
 * ```
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', path });
      break;
    }
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
