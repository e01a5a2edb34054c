import { z } from 'zod';
import type { Lang } from '../validation/issues.ts';

/**
 * Dates as real schemes write them: a day (`2018-01-30`), a month (`2023-03`, « mars 2023 »), a year
 * (`2015`), a span of any two of them (`2022/2023`, `2018-05/2018-07`), a span open at one end
 * (`2019/..` « depuis 2019 », `../2018-06` « jusqu'en juin 2018 »), or no date at all (`null`,
 * « non daté »). The text, in this ISO 8601 interval notation, is what is stored; the first and last
 * days it covers are derived from it, for sorting and filtering.
 */
export type FuzzyDatePrecision = 'day' | 'month' | 'year' | 'span' | 'undated';

/** A fuzzy date read: its canonical text, its precision and the first and last days it covers. */
export interface FuzzyDate {
  /** Canonical text (`2023-03`, `2018-05/2018-07`, `2019/..`), `null` when undated. */
  readonly text: string | null;
  readonly precision: FuzzyDatePrecision;
  /** First day covered, `YYYY-MM-DD`; `null` when undated or open at the start. */
  readonly from: string | null;
  /** Last day covered, `YYYY-MM-DD`; `null` when undated or open at the end. */
  readonly to: string | null;
}

/** The undated value. */
export const UNDATED: FuzzyDate = { text: null, precision: 'undated', from: null, to: null };

/** Years a fuzzy date may name. */
export const FUZZY_YEAR_MIN = 1900;
export const FUZZY_YEAR_MAX = 2100;

const POINT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const OPEN = '..';

interface Point {
  readonly text: string;
  readonly precision: 'day' | 'month' | 'year';
  readonly from: string;
  readonly to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A point (day, month or year), or the message code of what is wrong with it. */
function parsePoint(text: string): Point | 'fuzzy_date_format' | 'date_invalid' | 'fuzzy_date_range' {
  const m = POINT.exec(text);
  if (!m) return 'fuzzy_date_format';
  const year = Number(m[1]);
  if (year < FUZZY_YEAR_MIN || year > FUZZY_YEAR_MAX) return 'fuzzy_date_range';
  if (m[2] === undefined) return { text, precision: 'year', from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return 'date_invalid';
  const last = lastDay(year, month);
  if (m[3] === undefined) return { text, precision: 'month', from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(last)}` };
  const day = Number(m[3]);
  if (day < 1 || day > last) return 'date_invalid';
  return { text, precision: 'day', from: text, to: text };
}

/** The verdict of {@link parseFuzzyDate}. */
export type FuzzyDateResult = { readonly ok: true; readonly value: FuzzyDate } | { readonly ok: false; readonly code: 'fuzzy_date_format' | 'date_invalid' | 'fuzzy_date_range' | 'end_before_start' };

/**
 * Read a fuzzy date: a point, two points joined by `/` (either may be `..`, not both), or `null`/empty
 * for undated. A span whose ends are the same point is that point.
 *
 * ### Examples
 * ```ts
 * parseFuzzyDate('2023-03'); // { ok: true, value: { text: '2023-03', precision: 'month', from: '2023-03-01', to: '2023-03-31' } }
 * parseFuzzyDate('2022/2023').value.to; // '2023-12-31'
 * parseFuzzyDate('2023-02-30'); // { ok: false, code: 'date_invalid' }
 * parseFuzzyDate(null); // { ok: true, value: UNDATED }
 * ```
 */
export function parseFuzzyDate(input: string | null | undefined): FuzzyDateResult {
  const text = input?.trim() ?? '';
  if (text === '') return { ok: true, value: UNDATED };
  const parts = text.split('/');
  if (parts.length === 1) {
    const point = parsePoint(text);
    return typeof point === 'string' ? { ok: false, code: point } : { ok: true, value: point };
  }
  if (parts.length !== 2 || (parts[0] === OPEN && parts[1] === OPEN)) return { ok: false, code: 'fuzzy_date_format' };
  const [a, b] = parts.map((p) => (p === OPEN ? null : parsePoint(p))) as [Point | string | null, Point | string | null];
  if (typeof a === 'string') return { ok: false, code: a as 'fuzzy_date_format' };
  if (typeof b === 'string') return { ok: false, code: b as 'fuzzy_date_format' };
  if (a && b && b.from < a.from) return { ok: false, code: 'end_before_start' };
  if (a && b && a.text === b.text) return { ok: true, value: a };
  return { ok: true, value: { text: `${a?.text ?? OPEN}/${b?.text ?? OPEN}`, precision: 'span', from: a?.from ?? null, to: b?.to ?? null } };
}

/**
 * The fuzzy date running from `start` to `end`, as files give a phase's `startDate` and `endDate` or an
 * event's `date` and `endDate` (`start` may itself be a span: its first end is taken). With `start` alone,
 * `alone` says whether it is the date itself (an event) or the start of an open span (a phase that began
 * then). Returns the canonical text, or `null` for undated; invalid parts come back as given, for the
 * schema to refuse.
 *
 * ### Examples
 * ```ts
 * fuzzyDateFromBounds('2018-05', '2018-07', 'point'); // '2018-05/2018-07'
 * fuzzyDateFromBounds('2019', undefined, 'open'); // '2019/..'
 * fuzzyDateFromBounds('2018-01-30', '2018-01-30', 'point'); // '2018-01-30'
 * ```
 */
export function fuzzyDateFromBounds(start: string | null | undefined, end: string | null | undefined, alone: 'point' | 'open'): string | null {
  if (!start && !end) return null;
  if (!end) return canonicalOr(alone === 'open' && !start!.includes('/') ? `${start}/${OPEN}` : start!);
  if (!start) return canonicalOr(`${OPEN}/${end}`);
  return canonicalOr(`${start.split('/')[0]}/${end}`);
}

const canonicalOr = (text: string) => {
  const parsed = parseFuzzyDate(text);
  return parsed.ok ? parsed.value.text : text;
};

/**
 * The fuzzy date of stored text (the text is trusted: writers validate it); undated for `null`.
 *
 * ### Examples
 * ```ts
 * fuzzyDate('2015').precision; // 'year'
 * ```
 */
export function fuzzyDate(text: string | null | undefined): FuzzyDate {
  const parsed = parseFuzzyDate(text);
  return parsed.ok ? parsed.value : UNDATED;
}

const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

function pointLabel(p: Point, lang: Lang, withYear = true): string {
  const [y, m, d] = p.text.split('-').map(Number) as [number, number?, number?];
  const yearPart = withYear ? ` ${y}` : '';
  if (p.precision === 'year') return String(y);
  const month = MONTHS[lang][m! - 1]!;
  if (p.precision === 'month') return `${month}${yearPart}`.trim();
  if (lang === 'fr') return `${d === 1 ? '1er' : d} ${month}${yearPart}`;
  return `${month} ${d}${withYear ? `, ${y}` : ''}`;
}

/**
 * How a fuzzy date reads, in French or English: « 30 janvier 2018 », « mars 2023 », « 2015 »,
 * « 2022–2023 », « mai – juillet 2018 », « depuis 2019 », « non daté ».
 *
 * ### Examples
 * ```ts
 * fuzzyDateLabel('2023-03'); // 'mars 2023'
 * fuzzyDateLabel('2022/2023'); // '2022–2023'
 * fuzzyDateLabel('2018-05/2018-07'); // 'mai – juillet 2018'
 * fuzzyDateLabel(null, 'en'); // 'undated'
 * ```
 */
export function fuzzyDateLabel(text: string | null | undefined, lang: Lang = 'fr'): string {
  const value = fuzzyDate(text);
  if (value.precision === 'undated') return lang === 'fr' ? 'non daté' : 'undated';
  if (value.precision !== 'span') return pointLabel(value as Point, lang);
  const [a, b] = value.text!.split('/').map((p) => (p === OPEN ? null : (parsePoint(p) as Point)));
  if (!a) return lang === 'fr' ? `jusqu’à ${pointLabel(b!, lang)}` : `until ${pointLabel(b!, lang)}`;
  if (!b) return lang === 'fr' ? `depuis ${pointLabel(a, lang)}` : `since ${pointLabel(a, lang)}`;
  if (a.precision === 'year' && b.precision === 'year') return `${a.text}–${b.text}`;
  const sameYear = a.text.slice(0, 4) === b.text.slice(0, 4) && a.precision === b.precision;
  return `${pointLabel(a, lang, !sameYear)} – ${pointLabel(b, lang)}`;
}

/**
 * A fuzzy date in a file or an input: a day, a month, a year, or a span `A/B` (either end may be `..`).
 *
 * ### Examples
 * ```ts
 * fuzzyDateSchema.parse('2018-05/2018-07'); // '2018-05/2018-07'
 * ```
 */
export const fuzzyDateSchema = z
  .string()
  .trim()
  .regex(/^(\d{4}(-\d{2}(-\d{2})?)?|\.\.)(\/(\d{4}(-\d{2}(-\d{2})?)?|\.\.))?$/, { error: 'fuzzy_date_format' })
  .superRefine((value, ctx) => {
    // The pattern above reports the shape; this reports what a well-shaped text may still get wrong.
    const parsed = parseFuzzyDate(value);
    if (!parsed.ok && parsed.code !== 'fuzzy_date_format') ctx.addIssue({ code: 'custom', message: parsed.code });
    else if (parsed.ok && parsed.value.precision === 'undated') ctx.addIssue({ code: 'custom', message: 'fuzzy_date_format' });
  });

/**
 * One end of a span in a file: a day, a month or a year (not a span).
 *
 * ### Examples
 * ```ts
 * fuzzyDatePointSchema.parse('2018-07'); // '2018-07'
 * ```
 */
export const fuzzyDatePointSchema = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: 'fuzzy_date_point' })
  .superRefine((value, ctx) => {
    const parsed = parseFuzzyDate(value);
    if (!parsed.ok && parsed.code !== 'fuzzy_date_format') ctx.addIssue({ code: 'custom', message: parsed.code });
  });
