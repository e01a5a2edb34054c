import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import YAML from 'yaml';
import type { Database } from '../database/database.ts';
import { importSchemeFile, type ImportOptions, type ImportResult } from './import.ts';

/** The folder of the five real schemes (packages/core/data/schemes). */
export const DEMO_SCHEMES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'schemes');

/** The paths of the real scheme files shipped with the package, sorted. */
export function demoSchemeFiles(): string[] {
  return readdirSync(DEMO_SCHEMES_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(DEMO_SCHEMES_DIR, f));
}

/**
 * Load the five real schemes of `data/schemes/` (idempotent: loading twice changes nothing).
 *
 * ### Examples
 * ```ts
 * const store = await createStore();
 * const results = await loadDemoSchemes(store.db);
 * results.map((r) => r.schemeCode);
 * ```
 */
export async function loadDemoSchemes(db: Kysely<Database>, options: ImportOptions = {}): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const path of demoSchemeFiles()) {
    results.push(await importSchemeFile(db, YAML.parse(readFileSync(path, 'utf8')), options));
  }
  return results;
}
