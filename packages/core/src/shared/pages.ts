// Pages of lists: limits, offsets and total counts.

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
