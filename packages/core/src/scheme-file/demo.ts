import { inTransaction } from '../shared/transaction.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import YAML from 'yaml';
import type { Database } from '../database/database.ts';
import { corePackageDir } from '../shared/package-dir.ts';
import { importSchemeFileInTransaction, type ImportOptions, type ImportResult } from './import.ts';
import { markStoreSetUp } from '../database/store-setup.ts';

/** The folder of the five real schemes (`data/schemes` of the package, from the sources or the built files). */
export const DEMO_SCHEMES_DIR = join(corePackageDir(), 'data', 'schemes');

/** The paths of the real scheme files shipped with the package, sorted. */
export function demoSchemeFiles(): string[] {
  return readdirSync(DEMO_SCHEMES_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(DEMO_SCHEMES_DIR, f));
}

/**
 * Load the five real schemes of `data/schemes/` in one transaction: all five or none (idempotent: loading
 * twice changes nothing). The same transaction records the store's first setup as done (`Store.created` is
 * false from then on): a load interrupted leaves the store new, and the next start loads them again.
 *
 * ### Examples
 * ```ts
 * const store = await createStore();
 * const results = await loadDemoSchemes(store.db);
 * results.map((r) => r.schemeCode);
 * ```
 */
export async function loadDemoSchemes(db: Kysely<Database>, options: ImportOptions = {}): Promise<ImportResult[]> {
  const files = demoSchemeFiles().map((path) => YAML.parse(readFileSync(path, 'utf8')) as unknown);
  return inTransaction(db, async (trx) => {
    const results: ImportResult[] = [];
    for (const file of files) results.push(await importSchemeFileInTransaction(trx, file, options));
    await markStoreSetUp(trx);
    return results;
  });
}
