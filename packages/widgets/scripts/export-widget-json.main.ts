// `pnpm --filter @sosms/widgets export SCHEME [--output FILE] [--database URL|DIR]`: write a scheme's static widget
// file. Without --database, the five real schemes are loaded into an in-memory store first.
import { writeFile } from 'node:fs/promises';
import { createStore, loadDemoSchemes } from '@sosms/core';
import { exportWidgetJson } from './export-widget-json.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const schemeCode = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!schemeCode) {
  console.error('Usage : export CODE_DU_SCHEMA [--output FICHIER] [--database URL|DOSSIER]');
  process.exit(2);
}
const location = option('--database');
const store = await createStore(location ? { location } : {});
try {
  if (!location) await loadDemoSchemes(store.db);
  const json = `${JSON.stringify(await exportWidgetJson(store.db, schemeCode), null, 2)}\n`;
  const output = option('--output');
  if (output) await writeFile(output, json);
  else process.stdout.write(json);
} finally {
  await store.close();
}
