import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../database/database.ts';
import type { PartnerKind } from '../nomenclature/nomenclature.ts';
import { schemeVisibleSql } from '../shared/visibility.ts';
import type { Visibility } from '../shared/visibility.ts';
import { normalizePage, pageTotalCount, type ListResult, type Page } from '../shared/pages.ts';
import { messageWithDetail, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { partnerFromRow, type PartnerRecord } from './partner.service.ts';
import { readByIds } from '../shared/batch-read.ts';
import { isUuid } from '../shared/ids.ts';
import { resolveDepartmentFilter } from '../territory/department-filter.ts';

/**
 * Partners by ids, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const partners = await getPartnersByIds(db, links.map((l) => l.partnerId));
 * ```
 */
export async function getPartnersByIds(db: Kysely<Database>, ids: readonly string[]): Promise<PartnerRecord[]> {
  return readByIds(db, { table: 'partner', column: 'id', ids, toRecord: partnerFromRow });
}

/**
 * The partners among `ids` that a reader may see (declared by a scheme it may see: a partner only a
 * hidden draft declares reads as absent), in one statement, in no particular order. A lookup by global
 * id goes through it, so that an id answers as the `partners` list does.
 *
 * ### Examples
 * ```ts
 * const [partner] = await getVisiblePartnersByIds(db, [id], visibilityOf(principal));
 * ```
 */
export async function getVisiblePartnersByIds(db: Kysely<Database>, ids: readonly string[], visibility: Visibility): Promise<PartnerRecord[]> {
  const uuids = [...new Set(ids.filter(isUuid))];
  if (uuids.length === 0) return [];
  const rows = await db.selectFrom('partner').selectAll().where('id', 'in', uuids).where(partnerVisibleSql(visibility)).execute();
  return rows.map(partnerFromRow);
}

/**
 * Partners by codes, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const [caf] = await getPartnersByCodes(db, ['caf-92']);
 * ```
 */
export async function getPartnersByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<PartnerRecord[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('partner').selectAll().where('code', 'in', [...codes]).execute();
  return rows.map(partnerFromRow);
}

/**
 * The SQL condition "this partner is visible to the reader": a scheme the reader may see declares it.
 *
 * ### Examples
 * ```ts
 * db.selectFrom('partner').where(partnerVisibleSql({}));
 * // where exists (select 1 from scheme_partner join scheme … where scheme_partner.partner_id = partner.id and <scheme visible>)
 * ```
 */
export function partnerVisibleSql(visibility: Visibility): RawBuilder<SqlBool> {
  if (visibility.all) return sql<SqlBool>`true`;
  return sql<SqlBool>`exists (select 1 from scheme_partner join scheme on scheme.id = scheme_partner.scheme_id
    where scheme_partner.partner_id = partner.id and ${schemeVisibleSql(visibility)})`;
}

/** Filter of {@link listPartners}. */
export interface PartnerFilter {
  /** Who reads: partners only declared by hidden drafts are left out. Public by default. */
  readonly visibility?: Visibility;
  readonly kinds?: readonly PartnerKind[];
  /** INSEE codes (`92`, not `dep:92`: a malformed code is a VALIDATION error, never an empty list). */
  readonly departments?: readonly string[];
  /** Substring of the name or code, case-insensitive but accent-sensitive (`ilike`). */
  readonly text?: string;
  /** Language of validation messages. */
  readonly lang?: Lang;
}

/**
 * Partners matching a filter, sorted by name, one page and the total count, in one statement.
 *
 * ### Examples
 * ```ts
 * const { items } = await listPartners(db, { kinds: ['caf'], departments: ['92'] });
 * ```
 */
export async function listPartners(db: Kysely<Database>, filter: PartnerFilter = {}, page?: Page): Promise<ListResult<PartnerRecord>> {
  const { limit, offset } = normalizePage(page);
  let base = db.selectFrom('partner').where(partnerVisibleSql(filter.visibility ?? {}));
  if (filter.kinds?.length) base = base.where('partner.kind', 'in', [...filter.kinds]);
  const departments = resolveDepartmentFilter({ departments: filter.departments }, filter.lang);
  if (departments) base = base.where(sql<SqlBool>`partner.departments && ${[...departments]}::text[]`);
  const text = filter.text?.trim();
  if (text) {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb('partner.name', 'ilike', pattern), eb('partner.code', 'ilike', pattern)]));
  }
  const rows = await base
    .selectAll('partner')
    .select(sql<number>`count(*) over ()`.as('total_count'))
    .orderBy('partner.name')
    .orderBy('partner.code')
    .limit(limit)
    .offset(offset)
    .execute();
  const totalCount = await pageTotalCount(rows, { limit, offset }, () => base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow());
  return { items: rows.map(partnerFromRow), totalCount };
}

/**
 * The ids of partners named by code, among those the writer may see (declared by a scheme it may see:
 * a partner of another département's hidden draft is unknown to it), and the issues of the unknown ones.
 * Each partner found is declared by `schemeId` too, so that the scheme names every partner it uses.
 *
 * ### Examples
 * ```ts
 * const { ids, issues } = await resolvePartnerCodes(trx, [{ code: 'caf-92', path: 'pilot' }], { schemeId, visibility, lang: 'fr' });
 * ```
 */
export async function resolvePartnerCodes(
  db: Kysely<Database>,
  entries: readonly { code: string; path: string }[],
  options: { readonly schemeId: string; readonly visibility: Visibility; readonly lang: Lang },
): Promise<{ ids: Map<string, string>; issues: ValidationIssue[] }> {
  const codes = [...new Set(entries.map((e) => e.code))];
  let query = db.selectFrom('partner').select(['partner.id', 'partner.code']).where('partner.code', 'in', codes);
  if (!options.visibility.all) query = query.where(partnerVisibleSql(options.visibility));
  const rows = codes.length ? await query.execute() : [];
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  if (rows.length) {
    await db
      .insertInto('scheme_partner')
      .values(rows.map((r) => ({ scheme_id: options.schemeId, partner_id: r.id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const issues = entries
    .filter((e) => !ids.has(e.code))
    .map((e) => ({ path: e.path, code: 'unknown_partner', message: messageWithDetail('unknown_partner', e.code, options.lang) }));
  return { ids, issues };
}
