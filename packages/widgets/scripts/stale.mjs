// Is dist/ missing, incomplete, or older than a source file (src/, scripts/entries.mjs, scripts/query-hashes.mjs, vite.config.ts, package.json)?
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRIES } from './entries.mjs';

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `dist/` must be rebuilt. */
export function isDistStale(root) {
  const files = Object.keys(ENTRIES).map((name) => join(root, 'dist', `${name}.js`));
  if (!files.every((f) => existsSync(f)) || !existsSync(join(root, 'custom-elements.json'))) return true;
  const built = Math.min(...files.map((f) => statSync(f).mtimeMs));
  const sources = ['src', 'scripts/entries.mjs', 'scripts/query-hashes.mjs', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
  return Math.max(...sources.map(newestMtime)) > built;
}
