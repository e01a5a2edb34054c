import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDistStale } from '../scripts/stale.mjs';

/** Build dist/ (and custom-elements.json) before the browser tests when it is missing or older than src/. */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (isDistStale(root)) {
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
  }
}
