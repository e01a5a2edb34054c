// Print the gzip size of each built entry and fail above budget (full bundle ≤ 40 KB, one widget ≤ 20 KB).
// Builds first when dist/ is missing or older than the sources.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { BUDGETS, ENTRIES } from './entries.mjs';
import { isDistStale } from './stale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (isDistStale(root)) {
  console.log('dist/ absent ou périmé : construction… / dist/ missing or stale: building…');
  execFileSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' });
}

let failed = false;
console.log('entrée / entry'.padEnd(24), 'octets / bytes'.padStart(16), 'gzip'.padStart(10), 'budget'.padStart(10));
for (const name of Object.keys(ENTRIES)) {
  const code = readFileSync(new URL(`../dist/${name}.js`, import.meta.url));
  const gzip = gzipSync(code, { level: 9 }).length;
  const budget = name === 'sosms-widgets' ? BUDGETS.full : BUDGETS.single;
  const over = gzip > budget;
  failed ||= over;
  console.log(`${name}.js`.padEnd(24), String(code.length).padStart(16), String(gzip).padStart(10), String(budget).padStart(10), over ? '  DÉPASSÉ / OVER' : '  ok');
}
if (failed) {
  console.error('Budget de taille dépassé / size budget exceeded');
  process.exit(1);
}
