// Build dist/: every entry of scripts/entries.mjs on its own (self-contained, Lit bundled in), then custom-elements.json,
// then the entries' subresource-integrity hashes (printed, dist/integrity.json, README's embed snippet).
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { ENTRIES } from './entries.mjs';
import { writeManifest } from './manifest.mjs';
import { writeIntegrity } from './integrity.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
for (const name of Object.keys(ENTRIES)) {
  process.env.SOSMS_ENTRY = name;
  await build({ root, configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)) });
}
writeManifest();
writeIntegrity();
console.log(`dist/ : ${Object.keys(ENTRIES).length} entrées construites / entries built`);
