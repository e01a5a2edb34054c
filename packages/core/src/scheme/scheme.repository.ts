import { randomUUID } from 'node:crypto';
import { checkSearchText, frenchQuery, searchRanking } from '../search/search-text.ts';
import { sql, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { Database, SchemeRow } from '../database/database.ts';
import { schemePredecessors, type SchemeMetadata, type SchemeStatus } from './scheme.ts';
import type { SchemeStatusChangeRow, SchemeStatusChangeTable } from './scheme.table.ts';
import { schemeFromRow, type Scheme } from './scheme.service.ts';
import { isUuid } from '../shared/ids.ts';
import { normalizePage, pageTotalCount, type ListResult, type Page } from '../shared/pages.ts';
import { schemeVisibleSql, type Visibility } from '../shared/visibility.ts';
import { resolveDepartmentFilter } from '../territory/department-filter.ts';
import type { Lang } from '../validation/issues.ts';
import { readByIds } from '../shared/batch-read.ts';

/**
 * The select-list column `predecessors`: the codes of the schemes a scheme row continues, in its order
 * (a correlated subquery, so that a batch read stays one statement).
 *
 * ### Examples
 * ```ts
 * db.selectFrom('scheme').selectAll().select(predecessorsColumn());
 * // select *, array(select p.predecessor_code from scheme_predecessor p where p.scheme_id = scheme.id order by p.position) as predecessors
 * ```
 */
export function predecessorsColumn(table = 'scheme') {
  return sql<string[]>`array(select p.predecessor_code from scheme_predecessor p where p.scheme_id = ${sql.ref(`${table}.id`)} order by p.position)`.as('predecessors');
}

type SchemeRowWithPredecessors = Omit<SchemeRow, 'search'> & { predecessors: string[] };
const withPredecessors = (row: SchemeRowWithPredecessors) => schemeFromRow(row, row.predecessors);

/** Replace the predecessors of a scheme by those its metadata names, in order. */
async function writePredecessors(trx: Kysely<Database>, schemeId: string, codes: readonly string[]): Promise<void> {
  await trx.deleteFrom('scheme_predecessor').where('scheme_id', '=', schemeId).execute();
  if (codes.length) {
    await trx.insertInto('scheme_predecessor').values(codes.map((code, position) => ({ scheme_id: schemeId, predecessor_code: code, position }))).execute();
  }
}

/**
 * Schemes by ids, in one statement, in no particular order (hidden schemes included: callers check
 * visibility with `isSchemeVisible`).
 *
 * ### Examples
 * ```ts
 * const schemes = await getSchemesByIds(db, [id1, id2]);
 * // select * from scheme where id in ($1, $2)
 * ```
 */
export async function getSchemesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Scheme[]> {
  // Not `readByIds`: a scheme carries its predecessors, read in the same statement.
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('scheme').selectAll().select(predecessorsColumn()).where('id', 'in', valid).execute();
  return rows.map(withPredecessors);
}

/**
 * Schemes by codes, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const [scheme] = await getSchemesByCodes(db, ['92-2024-2028']);
 * ```
 */
export async function getSchemesByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<Scheme[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('scheme').selectAll().select(predecessorsColumn()).where('code', 'in', [...codes]).execute();
  return rows.map(withPredecessors);
}

/** Filter of {@link listSchemes}. */
export interface SchemeFilter {
  readonly departments?: readonly string[];
  readonly statuses?: readonly SchemeStatus[];
  /** French full-text search in the title and summary (web search syntax: `"mot exact" -exclu`). */
  readonly text?: string;
  /** INSEE region codes (`11`): the schemes of their départements. */
  readonly regions?: readonly string[];
  /** Language of validation messages. */
  readonly lang?: Lang;
  readonly visibility: Visibility;
}

/**
 * Schemes matching a filter, one page of them and the total count, in one statement. Ranked by
 * relevance when `text` is given, otherwise most recent period first.
 *
 * ### Examples
 * ```ts
 * const { items, totalCount } = await listSchemes(db, { departments: ['92'], visibility: {} }, { limit: 10 });
 * ```
 */
export async function listSchemes(db: Kysely<Database>, filter: SchemeFilter, page?: Page): Promise<ListResult<Scheme>> {
  const { limit, offset } = normalizePage(page);
  const text = checkSearchText(filter.text, filter.lang);
  let base = db.selectFrom('scheme').where(schemeVisibleSql(filter.visibility));
  // Départements and regions checked (`dep:92` for `92` is a VALIDATION error), a region read as its départements.
  const departments = resolveDepartmentFilter(filter, filter.lang);
  if (departments?.size === 0) return { items: [], totalCount: 0 };
  if (departments) base = base.where(sql<SqlBool>`scheme.departments && ${[...departments]}::text[]`);
  if (filter.statuses?.length) base = base.where('scheme.status', 'in', [...filter.statuses]);
  if (text) base = base.where(sql<SqlBool>`scheme.search @@ ${frenchQuery(text)}`);
  let rows = base.selectAll('scheme').select(predecessorsColumn()).select(sql<number>`count(*) over ()`.as('total_count'));
  if (text) {
    for (const key of searchRanking(text, sql`scheme.title`, sql`scheme.summary`, sql`scheme.search`)) rows = rows.orderBy(key, 'desc');
    rows = rows.orderBy('scheme.code');
  } else {
    rows = rows.orderBy('scheme.period_start', 'desc').orderBy('scheme.code');
  }
  const result = await rows.limit(limit).offset(offset).execute();
  const totalCount = await pageTotalCount(result, { limit, offset }, () => base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow());
  return { items: result.map(withPredecessors), totalCount };
}

/**
 * The scheme of `code` (or `id`) with its row locked until the transaction ends: `update` for a write of
 * the scheme itself, `share` for a write of one of its children (writes to one scheme run side by side,
 * but wait for a whole-scheme write such as the spreadsheet import, which locks it `for update`).
 *
 * ### Examples
 * ```ts
 * const row = await lockSchemeRow(trx, { code: '48-2018-2022' }, 'share');
 * // select * from scheme where code = $1 for share
 * ```
 */
export async function lockSchemeRow(trx: Kysely<Database>, key: { code: string } | { id: string }, lock: 'update' | 'share'): Promise<Scheme | undefined> {
  if ('id' in key && !isUuid(key.id)) return undefined;
  let query = trx.selectFrom('scheme').selectAll().select(predecessorsColumn());
  query = 'code' in key ? query.where('code', '=', key.code) : query.where('id', '=', key.id);
  const row = await (lock === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
  return row ? withPredecessors(row) : undefined;
}

/** The columns of a scheme row from its validated metadata. */
function schemeColumns(data: SchemeMetadata) {
  return {
    title: data.title,
    departments: data.departments,
    period_start: data.period.start,
    period_end: data.period.end,
    status: data.status,
    adoption_date: data.adoption?.date ?? null,
    adoption_reference: data.adoption?.reference ?? null,
    publics: data.publics ?? [],
    themes: data.themes ?? [],
    levels: data.levels ?? [],
    summary: data.summary ?? null,
    easy_read: data.easyRead ?? null,
    principles: JSON.stringify(data.principles ?? []),
    legal_basis: data.legalBasis ?? null,
    key_figures: JSON.stringify(data.keyFigures ?? []),
    source_url: data.sourceUrl ?? null,
    published: data.published ?? true,
    illustrative: data.illustrative ?? false,
  };
}

/**
 * Insert a scheme unless its code exists: returns the stored scheme, or undefined when another scheme
 * already holds the code (two racing creations: one wins, the other gets undefined).
 *
 * ### Examples
 * ```ts
 * const scheme = await insertScheme(trx, metadata);
 * // insert into scheme (…) values (…) on conflict (code) do nothing returning *
 * ```
 */
export async function insertScheme(trx: Kysely<Database>, data: SchemeMetadata): Promise<Scheme | undefined> {
  const row = await trx
    .insertInto('scheme')
    .values({ id: randomUUID(), code: data.code, ...schemeColumns(data) })
    .onConflict((oc) => oc.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  await writePredecessors(trx, row.id, schemePredecessors(data));
  return schemeFromRow(row, schemePredecessors(data));
}

/**
 * Replace a scheme's metadata (its code stays).
 *
 * ### Examples
 * ```ts
 * const after = await updateSchemeRow(trx, before.id, metadata);
 * ```
 */
export async function updateSchemeRow(trx: Kysely<Database>, id: string, data: SchemeMetadata): Promise<Scheme> {
  const row = await trx
    .updateTable('scheme')
    .set({ ...schemeColumns(data), updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writePredecessors(trx, id, schemePredecessors(data));
  return schemeFromRow(row, schemePredecessors(data));
}

/**
 * Set a scheme's `published` flag.
 *
 * ### Examples
 * ```ts
 * await setSchemePublishedRow(trx, scheme.id, false);
 * ```
 */
export async function setSchemePublishedRow(trx: Kysely<Database>, id: string, published: boolean): Promise<Scheme> {
  const row = await trx.updateTable('scheme').set({ published, updated_at: sql<Date>`now()` }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  const [scheme] = await getSchemesByIds(trx, [id]);
  return scheme ?? schemeFromRow(row);
}

/**
 * Keep one change of a scheme's status in its trail.
 *
 * ### Examples
 * ```ts
 * await insertStatusChange(trx, { scheme_id, from_status: 'in_force', to_status: 'draft', kind: 'amendment', date: '2026-06-30', reason: 'Révision', token_label: 'Équipe 48' });
 * ```
 */
export async function insertStatusChange(trx: Kysely<Database>, row: Omit<Insertable<SchemeStatusChangeTable>, 'id'>): Promise<void> {
  await trx.insertInto('scheme_status_change').values({ id: randomUUID(), ...row }).execute();
}

/**
 * The status trail of several schemes, oldest first.
 *
 * ### Examples
 * ```ts
 * const trail = await getStatusChangesBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getStatusChangesBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<SchemeStatusChangeRow[]> {
  return readByIds(db, { table: 'scheme_status_change', column: 'scheme_id', ids: schemeIds, orderBy: ['at', 'id'], toRecord: (row) => row });
}

/**
 * Of the codes given, those of schemes the reader may see (for checking references such as predecessors).
 *
 * ### Examples
 * ```ts
 * const known = await visibleSchemeCodes(trx, ['48-2013-2017'], { departments: ['48'] });
 * ```
 */
export async function visibleSchemeCodes(db: Kysely<Database>, codes: readonly string[], visibility: Visibility): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('scheme').select('code').where('code', 'in', [...codes]).where(schemeVisibleSql(visibility)).execute();
  return new Set(rows.map((r) => r.code));
}
