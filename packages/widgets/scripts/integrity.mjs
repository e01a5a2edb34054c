// Subresource integrity (sha384) of each built entry: printed, written to dist/integrity.json, and written into
// README.md's embed snippet (between the `sri:begin` / `sri:end` markers), so the snippet a département copies
// carries the hashes of this very release. Run by scripts/build.mjs after every build.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRIES } from './entries.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `sha384-…` of a file, as the `integrity` attribute takes it. */
export function integrityOf(path) {
  return `sha384-${createHash('sha384').update(readFileSync(path)).digest('base64')}`;
}

/** `{ "sosms-widgets.js": "sha384-…", … }` for every entry of dist/. */
export function computeIntegrity(dir = root) {
  return Object.fromEntries(Object.keys(ENTRIES).map((name) => [`${name}.js`, integrityOf(join(dir, 'dist', `${name}.js`))]));
}

const BEGIN = '<!-- sri:begin -->';
const END = '<!-- sri:end -->';

/** The README block: the embed snippet with the full bundle's hash, then every file's hash. */
export function readmeBlock(version, hashes) {
  const base = `https://votre-cdn.exemple/npm/@sosms/widgets@${version}/dist`;
  const rows = Object.entries(hashes).map(([file, hash]) => `| \`${file}\` | \`${hash}\` |`);
  return [
    BEGIN,
    '```html',
    `<script type="module" src="${base}/sosms-widgets.js"`,
    `        integrity="${hashes['sosms-widgets.js']}" crossorigin="anonymous"></script>`,
    '<sosms-scheme endpoint="https://donnees.exemple.fr/graphql" scheme="48-2018-2022"></sosms-scheme>',
    '```',
    '',
    `Empreintes de la version ${version} (écrites par \`pnpm --filter @sosms/widgets build\`, aussi dans \`dist/integrity.json\`) :`,
    '',
    '| fichier | integrity |',
    '|---|---|',
    ...rows,
    END,
  ].join('\n');
}

/** Print the hashes, write dist/integrity.json and README.md's block (README untouched when already current). */
export function writeIntegrity(dir = root) {
  const hashes = computeIntegrity(dir);
  writeFileSync(join(dir, 'dist', 'integrity.json'), `${JSON.stringify(hashes, null, 2)}\n`);
  console.log('Intégrité des fichiers (SRI) / subresource integrity:');
  for (const [file, hash] of Object.entries(hashes)) console.log(`  ${file.padEnd(22)} ${hash}`);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const readmePath = join(dir, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    console.warn(`README.md sans repères ${BEGIN} … ${END} : extrait d'intégration non mis à jour / embed snippet not updated`);
    return hashes;
  }
  const next = readme.slice(0, start) + readmeBlock(version, hashes) + readme.slice(end + END.length);
  if (next !== readme) writeFileSync(readmePath, next);
  return hashes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeIntegrity();
