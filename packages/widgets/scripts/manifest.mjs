// Write custom-elements.json with @custom-elements-manifest/analyzer (`cem analyze --litelement`) over src/,
// its modules sorted by path: the analyzer lists them in the order the file system gives, which changes from
// one machine (or one checkout) to another, and a build must not dirty the tree.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Run the analyzer; the manifest lands at the package root, where package.json's `customElements` points. */
export function writeManifest() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const cli = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  execFileSync(process.execPath, [cli, 'analyze', '--litelement', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts', '--outdir', '.', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  const file = new URL('../custom-elements.json', import.meta.url);
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  manifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeManifest();
