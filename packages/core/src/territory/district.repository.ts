import type { Kysely } from 'kysely';
import type { Database, Selectable, DistrictTable } from '../database/database.ts';
import { messageWithDetail, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { isKnownTerritory } from './geography.ts';
import { officialTerritoryCode } from './territory.ts';
import { readByIds } from '../shared/batch-read.ts';

/**
 * A district of a scheme (SST, MDS, UTAS…): a named set of communes.
 *
 * ### Examples
 * ```ts
 * const [district] = await getDistrictsBySchemeIds(db, [scheme.id]);
 * district.communes; // ['com:48095', 'com:48166']
 * ```
 */
export interface DistrictRecord {
  readonly id: string;
  readonly schemeId: string;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly communes: string[];
}

/**
 * Map a `district` row to a {@link DistrictRecord}.
 *
 * ### Examples
 * ```ts
 * districtFromRow(row).schemeId;
 * ```
 */
export function districtFromRow(row: Selectable<DistrictTable>): DistrictRecord {
  return { id: row.id, schemeId: row.scheme_id, code: row.code, name: row.name, kind: row.kind, communes: row.communes };
}

/**
 * The districts of several schemes, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const districts = await getDistrictsBySchemeIds(db, [a.id, b.id]);
 * // select * from district where scheme_id in ($1, $2)
 * ```
 */
export async function getDistrictsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<DistrictRecord[]> {
  return readByIds(db, { table: 'district', column: 'scheme_id', ids: schemeIds, orderBy: ['code'], toRecord: districtFromRow });
}

/**
 * Check territory codes written for a scheme: a known official code (`dep:92`, `com:92012`…) or one of the
 * scheme's districts. Returns an `unknown_territory` issue per bad code, at its path. One statement at most.
 *
 * ### Examples
 * ```ts
 * await checkTerritoryCodes(trx, scheme.id, [{ code: 'mds-nord', path: 'territory' }]); // [] when the district exists
 * ```
 */
export async function checkTerritoryCodes(
  db: Kysely<Database>,
  schemeId: string,
  entries: readonly { code: string; path: string }[],
  lang: Lang = 'fr',
): Promise<ValidationIssue[]> {
  const local = [...new Set(entries.filter((e) => !e.code.includes(':') && e.code !== 'fr').map((e) => e.code))];
  const rows = local.length
    ? await db.selectFrom('district').select('code').where('scheme_id', '=', schemeId).where('code', 'in', local).execute()
    : [];
  const districts = new Set(rows.map((r) => r.code));
  return entries
    .filter((e) => !districts.has(e.code) && !(officialTerritoryCode.safeParse(e.code).success && isKnownTerritory(e.code)))
    .map((e) => ({ path: e.path, code: 'unknown_territory', message: messageWithDetail('unknown_territory', e.code, lang) }));
}
