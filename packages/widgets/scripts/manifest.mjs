// Write custom-elements.json with @custom-elements-manifest/analyzer (`cem analyze --litelement`) over src/.
import { execFileSync } from 'node:child_process';
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
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeManifest();
