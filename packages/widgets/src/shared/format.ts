import type { Lang } from './i18n.ts';

const LOCALES = { fr: 'fr-FR', en: 'en-GB' } as const;

/**
 * A `YYYY-MM-DD` date as the reader writes it (`12 mars 2016`); other strings are returned unchanged.
 *
 * ### Examples
 * ```ts
 * formatDate('2016-03-10', 'fr'); // '10 mars 2016'
 * ```
 */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * A number in the reader's convention, with its unit (`60 %`, `1 234 personnes`).
 *
 * ### Examples
 * ```ts
 * formatNumber(60, '%', 'fr'); // '60 %'
 * ```
 */
export function formatNumber(value: number | null | undefined, unit: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const text = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 }).format(value);
  if (!unit) return text;
  return unit === '%' ? `${text}\u00a0%` : `${text}\u00a0${unit}`;
}

/** A 0–100 progress as a whole percentage, or `null` when unknown. */
export function toPercent(value: number | null | undefined): number | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  return Math.round(Math.min(100, Math.max(0, value)));
}
