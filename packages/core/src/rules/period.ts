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

/**
 * The series a chart of one indicator shows: the values of `territory` when it has any, else those of the
 * territory with the most values (the first territory code among equals; values without a territory count as
 * one territory), in period order.
 *
 * ### Examples
 * ```ts
 * chartSeries(indicator.measurements, null); // the values of the best-covered territory, oldest first
 * chartSeries(indicator.measurements, 'dep:92'); // those of Hauts-de-Seine, when it has any
 * ```
 */
export function chartSeries<T extends { readonly period: string; readonly territory?: string | null }>(
  values: readonly T[],
  territory: string | null = null,
): T[] {
  const byTerritory = new Map<string, T[]>();
  for (const value of values) {
    const key = value.territory ?? '';
    const list = byTerritory.get(key);
    if (list) list.push(value);
    else byTerritory.set(key, [value]);
  }
  let chosen = territory !== null ? byTerritory.get(territory) : undefined;
  if (!chosen) {
    for (const [key, list] of byTerritory) {
      const best = chosen?.[0]?.territory ?? '';
      if (!chosen || list.length > chosen.length || (list.length === chosen.length && key < best)) chosen = list;
    }
  }
  return [...(chosen ?? [])].sort((a, b) => comparePeriods(a.period, b.period));
}

const LOCALES = { fr: 'fr-FR', en: 'en-GB' } as const;

/**
 * A period code (`2024`, `2024-Q1`, `2024-03`) as a reader writes it: `T1 2024` (`Q1 2024` in English),
 * `mars 2024` (`March 2024`), `2024`; anything else as it is.
 *
 * ### Examples
 * ```ts
 * formatPeriod('2024-Q1', 'fr'); // 'T1 2024'
 * formatPeriod('2024-03', 'en'); // 'March 2024'
 * ```
 */
export function formatPeriod(value: string, lang: 'fr' | 'en'): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value);
  if (quarter) return lang === 'fr' ? `T${quarter[2]} ${quarter[1]}` : `Q${quarter[2]} ${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  return value;
}
