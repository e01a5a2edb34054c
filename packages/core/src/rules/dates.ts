const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (UTC, so no daylight-saving drift). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/**
 * Whole months from `from` to `to` (`YYYY-MM-DD`): the largest n with `addMonths(from, n) <= to`.
 *
 * ### Examples
 * ```ts
 * monthsBetween('2024-01-15', '2024-07-14'); // 5
 * monthsBetween('2024-01-31', '2024-09-30'); // 8 (September has no 31st)
 * ```
 */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  while (months > 0 && addMonths(from, months) > to) months -= 1;
  return months;
}

/** `2024-03-09` → `09/03/2024`, the French way of writing a date. */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * The same day `n` months later, clamped to the end of a shorter month.
 *
 * ### Examples
 * ```ts
 * addMonths('2024-08-31', 6); // '2025-02-28'
 * ```
 */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
