import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { schemeVisibleSql } from '../shared/visibility.ts';
import { isUuid } from '../shared/ids.ts';
import { type Visibility } from '../shared/visibility.ts';
import { DomainError, type Lang } from '../validation/issues.ts';
import { districtFromRow } from './district.repository.ts';
import { districtPopulation, getOfficialTerritory, type OfficialTerritory } from './geography.ts';

/** A scheme's own district (SST, MDS, UTAS…) in the shape of an official territory; its population is its communes'. */
export interface DistrictTerritory {
  readonly code: string;
  readonly kind: 'district';
  readonly name: string;
  readonly population: number;
  /** The département of its communes, when they all lie in one. */
  readonly departmentCode?: string;
  /** The scheme's own word for it: `SST`, `MDS`, `UTAS`… */
  readonly districtKind: string;
  readonly schemeId: string;
  readonly communes: readonly string[];
}

/** A territory: official (COG) or a scheme's district. */
export type Territory = OfficialTerritory | DistrictTerritory;

/**
 * A territory by its code: an official one (`fr`, `reg:76`, `dep:48`, `epci:…`, `com:…`) read from memory,
 * or a scheme's district (a code without a colon) read from the `district` table in one statement.
 * District codes are unique only within a scheme: pass `schemeId` to choose; without it, a code used by several
 * schemes is a `DomainError('CONFLICT')` (message in `lang`, French by default). `undefined` when nothing has this code (or `schemeId` is not a UUID).
 * With `visibility`, districts of schemes the reader may not see are left out, so a draft's district neither
 * shows nor makes a public code ambiguous; without it every scheme counts (the caller checks visibility).
 *
 * ### Examples
 * ```ts
 * await getTerritory(db, 'dep:48'); // { code: 'dep:48', kind: 'departement', name: 'Lozère', parentCode: 'reg:76', … }
 * await getTerritory(db, 'sst-nord', { schemeId }); // { code: 'sst-nord', kind: 'district', population: …, communes: ['com:48095', …] }
 * // select * from district where code = $1 and scheme_id = $2
 * ```
 */
export async function getTerritory(
  db: Kysely<Database>,
  code: string,
  options: { schemeId?: string; visibility?: Visibility; lang?: Lang } = {},
): Promise<Territory | undefined> {
  if (code === 'fr' || code.includes(':')) return getOfficialTerritory(code);
  if (options.schemeId !== undefined && !isUuid(options.schemeId)) return undefined;
  let query = db.selectFrom('district').selectAll('district').where('district.code', '=', code);
  if (options.schemeId) query = query.where('district.scheme_id', '=', options.schemeId);
  if (options.visibility) query = query.innerJoin('scheme', 'scheme.id', 'district.scheme_id').where(schemeVisibleSql(options.visibility));
  const rows = await query.limit(2).execute();
  if (rows.length === 0) return undefined;
  if (rows.length > 1) {
    const message =
      (options.lang ?? 'fr') === 'fr'
        ? `Plusieurs schémas ont un territoire « ${code} » : précisez le schéma.`
        : `Several schemes have a territory "${code}": say which scheme.`;
    throw new DomainError('CONFLICT', message, [{ path: 'code', code: 'ambiguous_territory', message }]);
  }
  return districtTerritory(districtFromRow(rows[0]));
}

/**
 * A district record as a territory: population summed from its communes, département when they share one.
 *
 * ### Examples
 * ```ts
 * districtTerritory({ id, schemeId, code: 'sst-1', name: 'SST 1', kind: 'SST', communes: ['com:92012'] }).population; // 119019
 * ```
 */
export function districtTerritory(district: {
  readonly schemeId: string;
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly communes: readonly string[];
}): DistrictTerritory {
  const departments = new Set(district.communes.map((c) => getOfficialTerritory(c)?.departmentCode));
  const [only] = departments;
  return {
    code: district.code,
    kind: 'district',
    name: district.name,
    population: districtPopulation(district.communes),
    ...(departments.size === 1 && only ? { departmentCode: only } : {}),
    districtKind: district.kind,
    schemeId: district.schemeId,
    communes: [...district.communes],
  };
}

/**
 * Several territories of one scheme's context at once (for dataloaders): official codes from memory and the
 * scheme's districts in one statement. Unknown codes are left out; results in no particular order.
 *
 * ### Examples
 * ```ts
 * await getTerritoriesByCodes(db, schemeId, ['dep:48', 'sst-centre', 'nowhere']); // [dep:48, sst-centre]
 * // select * from district where scheme_id = $1 and code in ($2)
 * ```
 */
export async function getTerritoriesByCodes(db: Kysely<Database>, schemeId: string, codes: readonly string[]): Promise<Territory[]> {
  const unique = [...new Set(codes)];
  const official = unique.filter((c) => c === 'fr' || c.includes(':'));
  const local = unique.filter((c) => c !== 'fr' && !c.includes(':'));
  const territories: Territory[] = official.map(getOfficialTerritory).filter((t): t is OfficialTerritory => t !== undefined);
  if (local.length > 0 && isUuid(schemeId)) {
    const rows = await db.selectFrom('district').selectAll().where('scheme_id', '=', schemeId).where('code', 'in', local).execute();
    for (const row of rows) territories.push(districtTerritory(districtFromRow(row)));
  }
  return territories;
}

/** The territory a scheme covers: its départements, their names and their summed population. */
export interface SchemeTerritory {
  /** `dep:92`, `dep:78`: the départements, in the scheme's order. */
  readonly codes: readonly string[];
  /** « Hauts-de-Seine et Yvelines ». */
  readonly name: string;
  /** Population municipale summed over the départements (official geography); null when one is unknown. */
  readonly population: number | null;
  readonly departments: readonly OfficialTerritory[];
}

/**
 * The territory of a scheme from the official geography: the sum over its départements.
 *
 * ### Examples
 * ```ts
 * schemeTerritory(['92', '78']); // { codes: ['dep:92', 'dep:78'], name: 'Hauts-de-Seine et Yvelines', population: 3_0…, departments: [...] }
 * schemeTerritory(['92', '78'], 'en').name; // 'Hauts-de-Seine and Yvelines'
 * ```
 */
export function schemeTerritory(departments: readonly string[], lang: Lang = 'fr'): SchemeTerritory {
  const codes = departments.map((d) => `dep:${d}`);
  const found = codes.map((c) => getOfficialTerritory(c));
  const known = found.filter((t): t is OfficialTerritory => t !== undefined);
  const names = known.map((t) => t.name);
  const and = lang === 'fr' ? ' et ' : ' and ';
  const name = names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]}`;
  return { codes, name, population: known.length === codes.length ? known.reduce((n, t) => n + t.population, 0) : null, departments: known };
}
