// The districts section of a scheme file: the scheme's own territories (groups of communes).
// Its import and its export live side by side so that they stay each other's inverse.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { upsert } from '../../database/upsert.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { idsByCode, type Tally } from './rows.ts';

/**
 * Import: create or update the scheme's districts by code.
 *
 * ### Examples
 * ```ts
 * await writeDistrictsSection(trx, schemeId, file, tally);
 * ```
 */
export async function writeDistrictsSection(trx: Transaction<Database>, schemeId: string, file: SchemeFile, tally: Tally): Promise<void> {
  const districtIds = await idsByCode(trx, 'district', [], schemeId);
  const districtRows = (file.districts ?? []).map((d) => ({
    id: districtIds.get(d.code) ?? randomUUID(),
    scheme_id: schemeId,
    code: d.code,
    name: d.name,
    kind: d.kind,
    communes: d.communes,
  }));
  tally(await upsert(trx, 'district', districtRows, ['scheme_id', 'code'], ['name', 'kind', 'communes']), districtRows.length);
}

/**
 * Export: the districts of a stored scheme, by code.
 *
 * ### Examples
 * ```ts
 * const districts = await readDistrictsSection(db, schemeId);
 * ```
 */
export async function readDistrictsSection(db: Kysely<Database>, schemeId: string): Promise<NonNullable<SchemeFile['districts']>> {
  const districts = await db.selectFrom('district').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute();
  return districts.map((d) => ({ code: d.code, name: d.name, kind: d.kind, communes: d.communes as `com:${string}`[] }));
}
