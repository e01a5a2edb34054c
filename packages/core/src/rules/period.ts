// Periods of measurements: a year `2024`, a quarter `2024-Q2`, a month `2024-03`.
// No import: the widgets bundle this module (`@sosms/core/period`) as it is.

/** First day of a period, for ordering: `2024-Q2` → `2024-04-01`. */
export function periodStart(value: string): string {
  const [y, rest] = value.split('-');
  if (!rest) return `${y}-01-01`;
  if (rest.startsWith('Q')) return `${y}-${String((Number(rest.slice(1)) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${y}-${rest}-01`;
}

/**
 * The order of periods: by first day, then by code (`2024` before `2024-01` before `2024-Q1`, which all start
 * on 1 January).
 *
 * ### Examples
 * ```ts
 * ['2024-Q2', '2023', '2024-03'].sort(comparePeriods); // ['2023', '2024-03', '2024-Q2']
 * ```
 */
export function comparePeriods(a: string, b: string): number {
  const sa = periodStart(a);
  const sb = periodStart(b);
  return sa < sb ? -1 : sa > sb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of a series of values (measurements and their revisions): by period, then by territory code, then
 * by revision.
 *
 * ### Examples
 * ```ts
 * revisions.sort(compareSeries);
 * ```
 */
export function compareSeries(
  a: { readonly period: string; readonly territory?: string | null; readonly revision?: number | null },
  b: { readonly period: string; readonly territory?: string | null; readonly revision?: number | null },
): number {
  const ta = a.territory ?? '';
  const tb = b.territory ?? '';
  return comparePeriods(a.period, b.period) || (ta < tb ? -1 : ta > tb ? 1 : 0) || (a.revision ?? 0) - (b.revision ?? 0);
}
