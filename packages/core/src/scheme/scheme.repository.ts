import { inTransaction } from '../shared/transaction.ts';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../database/database.ts';
import { validate, type Lang } from '../validation/issues.ts';
import { schemeMetadataSchema, type SchemeMetadata, type SchemeStatus } from './scheme.ts';
import { schemeFromRow, schemeToMetadata, type Scheme } from './scheme.service.ts';
import { isUuid } from '../shared/ids.ts';
import { normalizePage, pageTotalCount, type ListResult, type Page } from '../shared/pages.ts';
import { notFoundError, validationError, type WriteOptions } from '../shared/errors.ts';
import { type Visibility } from '../shared/visibility.ts';

/**
 * The SQL condition "this scheme row is visible to the reader": published and not a draft, or one of
 * the reader's départements, or `all`. `table` is the alias of the scheme table in the query.
 *
 * ### Examples
 * ```ts
 * db.selectFrom('scheme').where(schemeVisibleSql({ departments: ['92'] }));
 * // where ((scheme.status <> 'draft' and scheme.published) or scheme.departments && $1::text[])
 * ```
 */
export function schemeVisibleSql(visibility: Visibility, table = 'scheme'): RawBuilder<SqlBool> {
  if (visibility.all) return sql<SqlBool>`true`;
  const isPublic = sql<SqlBool>`(${sql.ref(`${table}.status`)} <> 'draft' and ${sql.ref(`${table}.published`)})`;
  if (!visibility.departments?.length) return isPublic;
  return sql<SqlBool>`(${isPublic} or ${sql.ref(`${table}.departments`)} && ${[...visibility.departments]}::text[])`;
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
  if (ids.length === 0) return [];
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db.selectFrom('scheme').selectAll().where('id', 'in', valid).execute();
  return rows.map(schemeFromRow);
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
  const rows = await db.selectFrom('scheme').selectAll().where('code', 'in', [...codes]).execute();
  return rows.map(schemeFromRow);
}

/** Filter of {@link listSchemes}. */
export interface SchemeFilter {
  readonly departments?: readonly string[];
  readonly statuses?: readonly SchemeStatus[];
  /** French full-text search in the title and summary (web search syntax: `"mot exact" -exclu`). */
  readonly text?: string;
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
  const text = filter.text?.trim();
  const query = sql`websearch_to_tsquery('french', ${text ?? ''})`;
  let base = db.selectFrom('scheme').where(schemeVisibleSql(filter.visibility));
  if (filter.departments?.length) base = base.where(sql<SqlBool>`scheme.departments && ${[...filter.departments]}::text[]`);
  if (filter.statuses?.length) base = base.where('scheme.status', 'in', [...filter.statuses]);
  if (text) base = base.where(sql<SqlBool>`scheme.search @@ ${query}`);
  let rows = base.selectAll('scheme').select(sql<number>`count(*) over ()`.as('total_count'));
  rows = text
    ? rows.orderBy(sql`ts_rank(scheme.search, ${query})`, 'desc').orderBy('scheme.code')
    : rows.orderBy('scheme.period_start', 'desc').orderBy('scheme.code');
  const result = await rows.limit(limit).offset(offset).execute();
  const totalCount = await pageTotalCount(result, { limit, offset }, () => base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow());
  return { items: result.map(schemeFromRow), totalCount };
}

/**
 * The id of the scheme a granular write goes into, its row locked `for share` until the transaction ends:
 * writes to one scheme run side by side, but wait for a whole-scheme write (the spreadsheet import locks the
 * row `for update` while it reads, merges and writes back), so neither loses the other's change.
 * Throws `DomainError('NOT_FOUND')` for an unknown code.
 *
 * ### Examples
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   const schemeId = await lockSchemeForWrite(trx, '48-2018-2022');
 * });
 * // select id from scheme where code = $1 for share
 * ```
 */
export async function lockSchemeForWrite(trx: Kysely<Database>, schemeCode: string, lang: Lang = 'fr'): Promise<string> {
  const scheme = await trx.selectFrom('scheme').select('id').where('code', '=', schemeCode).forShare().executeTakeFirst();
  if (!scheme) throw notFoundError('unknown_scheme', 'schemeCode', schemeCode, lang);
  return scheme.id;
}

/** What a scheme write returns: the scheme after, and before. */
export interface SchemeWrite {
  readonly scheme: Scheme;
  readonly before: Scheme;
}

/** A patch of a scheme's metadata: absent keys keep their value, `null` clears an optional field. */
export type SchemePatch = { readonly [K in keyof Omit<SchemeMetadata, 'code'>]?: SchemeMetadata[K] | null };

/**
 * Change some fields of a scheme's metadata, in one transaction. The patched scheme is validated as a
 * whole (so the period rules still hold); the code cannot change.
 *
 * ### Examples
 * ```ts
 * const { scheme, before } = await updateScheme(db, '48-2018-2022', { status: 'closed', summary: null });
 * ```
 */
export async function updateScheme(db: Kysely<Database>, code: string, patch: SchemePatch, options: WriteOptions = {}): Promise<SchemeWrite> {
  const lang = options.lang ?? 'fr';
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('scheme').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw notFoundError('unknown_scheme', 'code', code, lang);
    const before = schemeFromRow(row);
    const patchedCode = (patch as { code?: unknown }).code;
    if (patchedCode !== undefined && patchedCode !== before.code) {
      const message = lang === 'fr' ? "le code d'un schéma ne peut pas être modifié" : 'the code of a scheme cannot change';
      throw validationError([{ path: 'code', code: 'code_immutable', message }], lang);
    }
    const merged: Record<string, unknown> = { ...schemeToMetadata(before) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    merged.code = before.code;
    const result = validate(schemeMetadataSchema, merged, lang);
    if (!result.ok) throw validationError(result.issues, lang);
    const data = result.data;
    const updated = await trx
      .updateTable('scheme')
      .set({
        title: data.title,
        departments: data.departments,
        period_start: data.period.start,
        period_end: data.period.end,
        status: data.status,
        adoption_date: data.adoption?.date ?? null,
        adoption_reference: data.adoption?.reference ?? null,
        predecessor_code: data.predecessor ?? null,
        levels: data.levels ?? [],
        summary: data.summary ?? null,
        easy_read: data.easyRead ?? null,
        principles: JSON.stringify(data.principles ?? []),
        legal_basis: data.legalBasis ?? null,
        key_figures: JSON.stringify(data.keyFigures ?? []),
        source_url: data.sourceUrl ?? null,
        published: data.published ?? true,
        illustrative: data.illustrative ?? false,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { scheme: schemeFromRow(updated), before };
  });
}

/**
 * Publish or unpublish a scheme (an unpublished scheme is hidden like a draft), in one transaction.
 *
 * ### Examples
 * ```ts
 * await setSchemePublished(db, '92-2024-2028', false);
 * ```
 */
export async function setSchemePublished(db: Kysely<Database>, code: string, published: boolean, options: WriteOptions = {}): Promise<SchemeWrite> {
  const lang = options.lang ?? 'fr';
  if (typeof published !== 'boolean') {
    throw validationError([{ path: 'published', code: 'invalid_type', message: lang === 'fr' ? 'booléen attendu' : 'expected a boolean' }], lang);
  }
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('scheme').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw notFoundError('unknown_scheme', 'code', code, lang);
    const updated = await trx
      .updateTable('scheme')
      .set({ published, updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { scheme: schemeFromRow(updated), before: schemeFromRow(row) };
  });
}
