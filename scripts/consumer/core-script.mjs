// A plain Node ESM script of a developer's project: the core from the installed tarball, a store on a fresh folder,
// a scheme file imported, progress read back (then again after reopening the folder). Prints one JSON line, with
// what the project's own `pg` (a dependency of its own, the same copy as the core's) makes of a DATE afterwards.
import { readFile } from 'node:fs/promises';
import { createStore, getOrientationsBySchemeIds, getProgressBySchemeIds, getSchemesByCodes, importSchemeFile, readSchemeFile } from '@sosms/core';
import pg from 'pg';

const [folder, file] = process.argv.slice(2);
const read = await readSchemeFile(await readFile(file));
if (!read.ok) throw new Error(`fichier refusé / file refused: ${JSON.stringify(read.issues)}`);

async function progressOf(store, code) {
  const [scheme] = await getSchemesByCodes(store.db, [code]);
  const [progress] = await getProgressBySchemeIds(store.db, [scheme.id]);
  const orientations = await getOrientationsBySchemeIds(store.db, [scheme.id]);
  return {
    code: scheme.code,
    progress: progress.progress,
    orientations: Object.fromEntries(orientations.map((o) => [o.code, progress.byOrientation.get(o.id)])),
  };
}

let store = await createStore({ location: folder });
const imported = await importSchemeFile(store.db, read.data);
const first = await progressOf(store, imported.schemeCode);
await store.close();
store = await createStore({ location: folder });
const reopened = await progressOf(store, imported.schemeCode);
await store.close();
// Issue 10, item 5: the core's date parser is set on its own pool only; the host's pg still parses DATE as a Date.
const hostDate = pg.types.getTypeParser(1082, 'text')('2024-03-01');
const hostPgDate = hostDate instanceof Date ? 'Date' : typeof hostDate;
console.log(JSON.stringify({ engine: store.engine, imported: imported.schemeCode, first, reopened, hostPgDate }));
