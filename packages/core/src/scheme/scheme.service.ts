import type { SchemeRow } from '../database/database.ts';
import type { SchemeStatus } from './scheme.ts';
import { DomainError, messageWithDetail, type Lang, type ValidationIssue } from '../validation/issues.ts';

/**
 * A scheme as the rest of the code sees it: camelCase, with its database `id`. Children (orientations,
 * actions, indicators…) are read separately by scheme id.
 *
 * ### Examples
 * ```ts
 * const [scheme] = await getSchemesByCodes(db, ['48-2018-2022']);
 * scheme.period; // { start: 2018, end: 2022 }
 * ```
 */
export interface Scheme {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly departments: string[];
  readonly period: { start: number; end: number };
  readonly status: SchemeStatus;
  readonly adoption: { date: string; reference: string | null } | null;
  readonly predecessorCode: string | null;
  readonly levels: string[];
  readonly summary: string | null;
  readonly easyRead: string | null;
  readonly principles: { kind: 'value' | 'principle'; text: string }[];
  readonly legalBasis: string | null;
  readonly keyFigures: { label: string; value: number; unit?: string; year?: number; territory?: string; source?: string; illustrative?: boolean }[];
  readonly sourceUrl: string | null;
  readonly published: boolean;
  readonly illustrative: boolean;
  /** ISO 8601 timestamp of the last write. */
  readonly updatedAt: string;
}

/**
 * Who is reading: drafts (status `draft` or `published = false`) are visible only to the teams of the
 * scheme's départements, or to everyone with `all`.
 *
 * ### Examples
 * ```ts
 * const publicReader: Visibility = {};
 * const team92: Visibility = { departments: ['92'] };
 * const admin: Visibility = { all: true };
 * ```
 */
export interface Visibility {
  readonly all?: boolean;
  readonly departments?: readonly string[];
}

/**
 * A page of a list: `limit` rows (default 50, at most 500) after skipping `offset` rows.
 *
 * ### Examples
 * ```ts
 * await listSchemes(db, { visibility: {} }, { limit: 20, offset: 40 });
 * ```
 */
export interface Page {
  readonly limit?: number;
  readonly offset?: number;
}

/**
 * One page of a list and how many rows match the filter in all.
 *
 * ### Examples
 * ```ts
 * const { items, totalCount } = await searchActions(db, { text: 'aidants', visibility: {} });
 * ```
 */
export interface ListResult<T> {
  readonly items: T[];
  readonly totalCount: number;
}

/**
 * Clamp a page to sane bounds.
 *
 * ### Examples
 * ```ts
 * normalizePage({ limit: 10_000 }); // { limit: 500, offset: 0 }
 * ```
 */
export function normalizePage(page: Page = {}): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 0), 500);
  const offset = Math.max(Math.trunc(page.offset ?? 0), 0);
  return { limit, offset };
}

/**
 * The total count of a list page read with `count(*) over ()` as `total_count`: from the page's first row;
 * for an empty page past the end or of `limit: 0` (asked for the count alone), from `countAll` (one more
 * statement); for an empty first page, 0.
 *
 * ### Examples
 * ```ts
 * const totalCount = await pageTotalCount(rows, { limit, offset }, () => base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow());
 * ```
 */
export async function pageTotalCount(
  rows: readonly { total_count: unknown }[],
  page: { readonly limit: number; readonly offset: number },
  countAll: () => Promise<{ n: unknown }>,
): Promise<number> {
  if (rows.length > 0) return Number(rows[0]!.total_count);
  if (page.offset === 0 && page.limit > 0) return 0;
  return Number((await countAll()).n);
}

/**
 * Whether a reader may see a scheme (the same rule as the SQL filter of the list queries).
 *
 * ### Examples
 * ```ts
 * isSchemeVisible({ status: 'draft', published: true, departments: ['92'] }, { departments: ['92'] }); // true
 * isSchemeVisible({ status: 'draft', published: true, departments: ['92'] }, {}); // false
 * ```
 */
export function isSchemeVisible(scheme: { status: string; published: boolean; departments: readonly string[] }, visibility: Visibility): boolean {
  if (visibility.all) return true;
  if (scheme.status !== 'draft' && scheme.published) return true;
  return scheme.departments.some((d) => visibility.departments?.includes(d) ?? false);
}

/**
 * A timestamp column as an ISO 8601 string, whichever driver read it.
 *
 * ### Examples
 * ```ts
 * toIsoTimestamp(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function toIsoTimestamp(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/**
 * Map a `scheme` row to a {@link Scheme}.
 *
 * ### Examples
 * ```ts
 * const scheme = schemeFromRow(await db.selectFrom('scheme').selectAll().where('code', '=', code).executeTakeFirstOrThrow());
 * ```
 */
export function schemeFromRow(row: Omit<SchemeRow, 'search'>): Scheme {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    departments: row.departments,
    period: { start: row.period_start, end: row.period_end },
    status: row.status as SchemeStatus,
    adoption: row.adoption_date ? { date: row.adoption_date, reference: row.adoption_reference } : null,
    predecessorCode: row.predecessor_code,
    levels: row.levels,
    summary: row.summary,
    easyRead: row.easy_read,
    principles: row.principles,
    legalBasis: row.legal_basis,
    keyFigures: row.key_figures,
    sourceUrl: row.source_url,
    published: row.published,
    illustrative: row.illustrative,
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

/**
 * Options of the granular writes: the language of error messages (French by default).
 *
 * ### Examples
 * ```ts
 * await updateScheme(db, '48-2018-2022', { title: '' }, { lang: 'en' }); // throws, message in English
 * ```
 */
export interface WriteOptions {
  readonly lang?: Lang;
}

/**
 * The `DomainError('VALIDATION')` every granular write throws: its message lists the field paths.
 *
 * ### Examples
 * ```ts
 * const result = validate(actionSchema, input);
 * if (!result.ok) throw validationError(result.issues);
 * ```
 */
export function validationError(issues: readonly ValidationIssue[], lang: Lang = 'fr'): DomainError {
  const [head, root, colon, separator] = lang === 'fr' ? ['Données invalides', '(racine)', ' : ', ' ; '] : ['Invalid data', '(root)', ': ', '; '];
  return new DomainError('VALIDATION', `${head}${colon}${issues.map((i) => `${i.path || root}${colon}${i.message}`).join(separator)}`, issues);
}

/**
 * The `DomainError('NOT_FOUND')` for a missing parent or target, named by one of the message codes of
 * `validation/issues.ts` (`unknown_scheme`, `unknown_orientation`…).
 *
 * ### Examples
 * ```ts
 * throw notFoundError('unknown_scheme', 'schemeCode', '92-2024-2028');
 * ```
 */
export function notFoundError(messageCode: string, path: string, value: string, lang: Lang = 'fr'): DomainError {
  const message = messageWithDetail(messageCode, value, lang);
  return new DomainError('NOT_FOUND', message, [{ path, code: messageCode, message }]);
}

/**
 * Drop `null` and `undefined` values: the zod schemas take absent optional fields, not nulls.
 *
 * ### Examples
 * ```ts
 * withoutNulls({ a: 1, b: null }); // { a: 1 }
 * ```
 */
export function withoutNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/**
 * A scheme back in the shape of its metadata document (for merging a patch and validating the result).
 *
 * ### Examples
 * ```ts
 * validate(schemeMetadataSchema, { ...schemeToMetadata(scheme), title: 'Nouveau titre' });
 * ```
 */
export function schemeToMetadata(scheme: Scheme): Record<string, unknown> {
  return withoutNulls({
    code: scheme.code,
    title: scheme.title,
    departments: scheme.departments,
    period: scheme.period,
    status: scheme.status,
    adoption: scheme.adoption ? withoutNulls(scheme.adoption) : null,
    predecessor: scheme.predecessorCode,
    levels: scheme.levels,
    summary: scheme.summary,
    easyRead: scheme.easyRead,
    principles: scheme.principles,
    legalBasis: scheme.legalBasis,
    keyFigures: scheme.keyFigures,
    sourceUrl: scheme.sourceUrl,
    published: scheme.published,
    illustrative: scheme.illustrative,
  });
}

/**
 * Whether a string is a UUID: ids from outside are checked before they reach a `uuid` column, so a
 * malformed id reads as "not found" instead of failing the statement.
 *
 * ### Examples
 * ```ts
 * isUuid('not-an-id'); // false
 * ```
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
