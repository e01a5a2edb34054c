// Who may read what: drafts are visible only to their départements' teams. The rule in memory
// (isSchemeVisible) and in SQL (schemeVisibleSql), side by side.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

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
  /** Schemes visible whatever their status (a contributor's schemes). */
  readonly schemeIds?: readonly string[];
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
export function isSchemeVisible(scheme: { id?: string; status: string; published: boolean; departments: readonly string[] }, visibility: Visibility): boolean {
  if (visibility.all) return true;
  if (scheme.status !== 'draft' && scheme.published) return true;
  if (scheme.id !== undefined && visibility.schemeIds?.includes(scheme.id)) return true;
  return scheme.departments.some((d) => visibility.departments?.includes(d) ?? false);
}

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
  const own = [
    ...(visibility.departments?.length ? [sql<SqlBool>`${sql.ref(`${table}.departments`)} && ${[...visibility.departments]}::text[]`] : []),
    ...(visibility.schemeIds?.length ? [sql<SqlBool>`${sql.ref(`${table}.id`)} = any(${[...visibility.schemeIds]}::uuid[])`] : []),
  ];
  if (own.length === 0) return isPublic;
  return sql<SqlBool>`(${sql.join([isPublic, ...own], sql` or `)})`;
}
