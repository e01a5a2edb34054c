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
 * An instant (ISO 8601) written for a sentence, in UTC: « 1er juillet 2027 à 00:00 UTC » in French,
 * « 1 July 2027, 00:00 UTC » in English.
 *
 * ### Examples
 * ```ts
 * formatInstant('2027-03-01T10:00:00.000Z', 'fr'); // '1er mars 2027 à 10:00 UTC'
 * formatInstant('2027-03-15T09:05:00.000Z', 'en'); // '15 March 2027, 09:05 UTC'
 * ```
 */
export function formatInstant(iso: string, lang: 'fr' | 'en'): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')} UTC`;
  return lang === 'fr' ? `${day.replace(/^1 /, '1er ')} à ${time}` : `${day}, ${time}`;
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
