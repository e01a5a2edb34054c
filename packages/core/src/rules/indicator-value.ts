// The one rule of an indicator's value: which revision counts, how territories aggregate, how months and
// quarters roll up to the year, which periods an indicator accepts, and statistical secrecy. Pure functions:
// the reads of core hand them stored revisions; every output (GraphQL, open data, widgets' data) carries
// what they return and computes nothing of its own. Documented for users in docs/indicator-values.md.
import type { Aggregation, Periodicity } from '../indicator/indicator.ts';
import type { MissingReason } from '../measurement/measurement.ts';
import { messageWithDetail, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { translator } from '../validation/texts.ts';
import { completionRate } from './indicator.ts';

/**
 * What can be said of a value: `known` (a figure), `masked` (statistical secrecy: it exists and is not
 * published), `not_known` (not measured yet) or `not_applicable` (the indicator does not apply there).
 */
export const VALUE_STATUSES = ['known', 'masked', 'not_known', 'not_applicable'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

/** How a value was obtained: stored as such, aggregated over territories, or rolled up from shorter periods. */
export const VALUE_ORIGINS = ['measured', 'aggregated', 'rolled_up'] as const;
export type ValueOrigin = (typeof VALUE_ORIGINS)[number];

/** The kind of a period string: `2024` year, `2024-Q1` quarter, `2024-03` month; null when malformed. */
export function periodKind(period: string): Periodicity | null {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  return null;
}

/**
 * The issue of a malformed period (code `period_format`, at `path`), or null for `2024`, `2024-Q1` or `2024-03`.
 * Every read that takes a period (compareIndicator, valueFor) refuses with it.
 *
 * ### Examples
 * ```ts
 * periodFormatIssue('2024-13'); // { path: 'period', code: 'period_format', message: 'période attendue : … : 2024-13' }
 * periodFormatIssue('2024-Q2'); // null
 * ```
 */
export function periodFormatIssue(period: string, path = 'period', lang: Lang = 'fr'): ValidationIssue | null {
  if (periodKind(period) !== null) return null;
  return { path, code: 'period_format', message: messageWithDetail('period_format', period, lang) };
}

const KIND_RANK = { year: 0, quarter: 1, month: 2 } as const satisfies Record<Periodicity, number>;

const PERIODICITY_MESSAGES = {
  year: { fr: 'indicateur annuel : période attendue AAAA (ex. 2024)', en: 'yearly indicator: period expected as YYYY (e.g. 2024)' },
  quarter: { fr: 'indicateur trimestriel : période attendue AAAA-Q1…Q4 ou AAAA', en: 'quarterly indicator: period expected as YYYY-Q1…Q4 or YYYY' },
  month: { fr: 'indicateur mensuel : période attendue AAAA-MM, AAAA-Q1…Q4 ou AAAA', en: 'monthly indicator: period expected as YYYY-MM, YYYY-Q1…Q4 or YYYY' },
} as const satisfies Record<Periodicity, Record<Lang, string>>;

const periodicityMessage = translator(PERIODICITY_MESSAGES);

/**
 * Whether an indicator of this periodicity accepts a value for this period: its own period or a longer one
 * (a quarterly indicator takes `2024-Q3` and `2024`, not `2024-07`; a yearly one only `2024`). Returns the
 * validation issue (code `period_periodicity`, at `path`) or null. Every write path calls it: file and
 * spreadsheet imports (through the scheme-file checks) and the record-measurement command.
 *
 * ### Examples
 * ```ts
 * periodicityIssue('year', '2024-03'); // { path: 'period', code: 'period_periodicity', message: 'indicateur annuel : période attendue AAAA (ex. 2024) : 2024-03' }
 * periodicityIssue('quarter', '2024'); // null
 * ```
 */
export function periodicityIssue(periodicity: Periodicity, period: string, path = 'period', lang: Lang = 'fr'): ValidationIssue | null {
  const kind = periodKind(period);
  if (kind !== null && KIND_RANK[kind] <= KIND_RANK[periodicity]) return null;
  const message = `${periodicityMessage(periodicity, lang)}${lang === 'fr' ? ' : ' : ': '}${period}`;
  return { path, code: 'period_periodicity', message };
}

/** One stored revision of a measurement, as the rule needs it. */
export interface ValueRevision {
  readonly period: string;
  readonly territory: string;
  readonly revision: number;
  readonly value: number | null;
  readonly numerator?: number | null;
  readonly denominator?: number | null;
  readonly missingReason?: MissingReason | null;
  readonly provisional?: boolean;
  readonly illustrative?: boolean;
  readonly source?: string | null;
}

/**
 * The revision that counts for one period and territory: the latest final one; only when there is no final
 * revision, the latest provisional one. A later provisional estimate does not replace a final figure.
 *
 * ### Examples
 * ```ts
 * countingRevision([{ revision: 1, provisional: false, value: 10 }, { revision: 2, provisional: true, value: 12 }]).value; // 10
 * ```
 */
export function countingRevision<T extends Pick<ValueRevision, 'revision' | 'provisional'>>(revisions: readonly T[]): T | undefined {
  let final: T | undefined;
  let provisional: T | undefined;
  for (const r of revisions) {
    if (r.provisional) {
      if (!provisional || r.revision > provisional.revision) provisional = r;
    } else if (!final || r.revision > final.revision) final = r;
  }
  return final ?? provisional;
}

/** A value with everything needed to aggregate and mask it; `value` is the true figure (masked only on output). */
interface Cell {
  readonly missing: MissingReason | null;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly provisional: boolean;
  readonly illustrative: boolean;
  readonly sources: readonly string[];
  readonly origin: ValueOrigin;
}

/** What the rule knows of an indicator. */
export interface ValueIndicator {
  readonly aggregation: Aggregation;
  readonly periodicity: Periodicity;
  /** Counts strictly below it (and above zero) are masked; null: no threshold. For ratios, numerator and denominator are the counts. */
  readonly secrecyThreshold?: number | null;
  /** `%` multiplies ratios by 100, `‰` by 1000. */
  readonly unit?: string;
  readonly baselineValue?: number | null;
  readonly targetValue?: number | null;
}

/** Where an indicator's values are read: the scheme's départements and its districts (each in one département). */
export interface ValueScope {
  /** INSEE codes of the scheme's départements (`92`, not `dep:92`). */
  readonly departments: readonly string[];
  /** Districts of the scheme with the département their communes lie in. */
  readonly districts?: readonly { readonly code: string; readonly department: string }[];
}

/**
 * A value as every output shows it. `value` (and numerator, denominator) only when `status` is `known`.
 * `illustrative` is true when any revision behind the value is illustrative (a demo figure).
 */
export interface IndicatorValue {
  readonly status: ValueStatus;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** The period the value is for, null when nothing was ever measured. */
  readonly period: string | null;
  /** The territory code (`dep:92`, a district code), or null for the scheme as a whole. */
  readonly territory: string | null;
  readonly provisional: boolean;
  readonly illustrative: boolean;
  /** Sources of the revisions behind the value, without repeats. */
  readonly sources: readonly string[];
  readonly origin: ValueOrigin;
}

const MISSING_STATUS = { statistical_secrecy: 'masked', not_yet_known: 'not_known', not_applicable: 'not_applicable' } as const satisfies Record<MissingReason, ValueStatus>;

const isNum = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function cellOf(r: ValueRevision): Cell {
  const known = isNum(r.value);
  return {
    missing: known ? null : (r.missingReason ?? 'not_yet_known'),
    value: known ? r.value : null,
    numerator: known && isNum(r.numerator) ? r.numerator : null,
    denominator: known && isNum(r.denominator) ? r.denominator : null,
    provisional: r.provisional ?? false,
    illustrative: r.illustrative ?? false,
    sources: r.source ? [r.source] : [],
    origin: 'measured',
  };
}

const NOT_KNOWN: Cell = { missing: 'not_yet_known', value: null, numerator: null, denominator: null, provisional: false, illustrative: false, sources: [], origin: 'measured' };

function ratioScale(unit: string | undefined): number {
  const u = (unit ?? '').trim();
  return u === '%' ? 100 : u === '‰' ? 1000 : 1;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Combine the values of parts (territories, or shorter periods) into one by the indicator's aggregation:
 * `sum`, `mean`, or `ratio` (Σ numerators / Σ denominators, scaled by the unit). Parts that are not
 * applicable are left out; one unknown part makes the whole unknown (a partial sum would be false), one
 * part masked at the source makes the whole masked. A single part stands as it is.
 */
function combine(parts: readonly Cell[], indicator: ValueIndicator, origin: ValueOrigin): Cell {
  const flags = {
    provisional: parts.some((p) => p.provisional),
    illustrative: parts.some((p) => p.illustrative),
    sources: [...new Set(parts.flatMap((p) => p.sources))],
    origin,
  };
  const applicable = parts.filter((p) => p.missing !== 'not_applicable');
  if (parts.length > 0 && applicable.length === 0) return { ...NOT_KNOWN, ...flags, missing: 'not_applicable' };
  if (applicable.length === 0) return { ...NOT_KNOWN, ...flags };
  if (applicable.length === 1 && parts.length === 1) return applicable[0]!;
  if (applicable.some((p) => p.missing === 'not_yet_known')) return { ...NOT_KNOWN, ...flags };
  if (applicable.some((p) => p.missing === 'statistical_secrecy')) return { ...NOT_KNOWN, ...flags, missing: 'statistical_secrecy' };
  const values = applicable.map((p) => p.value!);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  if (indicator.aggregation === 'sum') return { ...flags, missing: null, value: round(sum(values)), numerator: null, denominator: null };
  if (indicator.aggregation === 'mean') return { ...flags, missing: null, value: round(sum(values) / values.length), numerator: null, denominator: null };
  if (applicable.some((p) => p.numerator === null || p.denominator === null)) return { ...NOT_KNOWN, ...flags };
  const numerator = sum(applicable.map((p) => p.numerator!));
  const denominator = sum(applicable.map((p) => p.denominator!));
  if (denominator === 0) return { ...NOT_KNOWN, ...flags };
  return { ...flags, missing: null, value: round((numerator / denominator) * ratioScale(indicator.unit)), numerator, denominator };
}

/** The counts a threshold applies to: numerator and denominator of a ratio when stored, else the value. */
function counts(cell: Cell): number[] {
  if (cell.numerator !== null || cell.denominator !== null) return [cell.numerator, cell.denominator].filter(isNum);
  return cell.value === null ? [] : [cell.value];
}

function isSmall(cell: Cell, threshold: number | null | undefined): boolean {
  if (!isNum(threshold) || cell.missing !== null) return false;
  return counts(cell).some((n) => n > 0 && n < threshold);
}

/**
 * The primary rule of statistical secrecy for one stored revision: a count above zero and below the threshold
 * (numerator or denominator of a ratio when stored, else the value).
 *
 * ### Examples
 * ```ts
 * isSmallCount(11, { value: 4 }); // true
 * isSmallCount(11, { value: 40, numerator: 4, denominator: 10 }); // true
 * isSmallCount(null, { value: 4 }); // false
 * ```
 */
export function isSmallCount(threshold: number | null | undefined, revision: Pick<ValueRevision, 'value' | 'numerator' | 'denominator'>): boolean {
  return isSmall(cellOf({ period: '', territory: '', revision: 0, ...revision }), threshold);
}

/**
 * The status of one stored revision taken alone: its missing reason, or `masked` for a small count, else `known`.
 *
 * ### Examples
 * ```ts
 * revisionStatus(null, { value: null, missingReason: 'not_applicable' }); // 'not_applicable'
 * ```
 */
export function revisionStatus(threshold: number | null | undefined, revision: Pick<ValueRevision, 'value' | 'numerator' | 'denominator' | 'missingReason'>): ValueStatus {
  if (!isNum(revision.value)) return MISSING_STATUS[revision.missingReason ?? 'not_yet_known'];
  return isSmallCount(threshold, revision) ? 'masked' : 'known';
}

/**
 * Statistical secrecy over one published group: a total and its parts. Primary: a known cell with a count
 * above zero and below the threshold is masked (cells masked at the source already are). Secondary: when
 * exactly one cell of the group is masked, the smallest other known part is masked too, so that the total
 * minus the published parts (or a part from the total) cannot give the masked figure back. Returns the
 * masked flags, total first then parts in order.
 */
function suppress(total: Cell, parts: readonly Cell[], threshold: number | null | undefined): boolean[] {
  const cells = [total, ...parts];
  const masked = cells.map((c) => c.missing === 'statistical_secrecy' || isSmall(c, threshold));
  // A part that is the total itself (a single part) reveals nothing more.
  if (parts.length < 2) return masked;
  if (masked.filter(Boolean).length === 1) {
    let pick = -1;
    for (let i = 1; i < cells.length; i++) {
      const c = cells[i]!;
      if (masked[i] || c.missing !== null) continue;
      if (pick === -1 || Math.max(...counts(c)) < Math.max(...counts(cells[pick]!))) pick = i;
    }
    if (pick !== -1) masked[pick] = true;
    // Nothing left to hide it behind: the total goes instead (when the masked cell is a part).
    else if (!masked[0] && total.missing === null) masked[0] = true;
  }
  return masked;
}

function published(cell: Cell, masked: boolean, period: string | null, territory: string | null): IndicatorValue {
  const status: ValueStatus = masked ? 'masked' : cell.missing === null ? 'known' : MISSING_STATUS[cell.missing];
  const known = status === 'known';
  return {
    status,
    value: known ? cell.value : null,
    numerator: known ? cell.numerator : null,
    denominator: known ? cell.denominator : null,
    period,
    territory,
    provisional: cell.provisional,
    illustrative: cell.illustrative,
    sources: cell.sources,
    origin: cell.origin,
  };
}

const departmentOf = (territory: string) => (territory.startsWith('dep:') ? territory.slice(4) : null);

/**
 * The values of one indicator, every stored revision given: built once, then asked for a period and a
 * territory. Holds the one rule; see {@link IndicatorValues.valueFor} and {@link IndicatorValues.current}.
 *
 * ### Examples
 * ```ts
 * const values = indicatorValues({ aggregation: 'sum', periodicity: 'quarter' }, { departments: ['48'] }, revisions);
 * values.valueFor('2024', 'dep:48'); // the four quarters of 2024 rolled up, or not_known when one is missing
 * values.current(); // the latest period with a known value for the scheme as a whole
 * ```
 */
export interface IndicatorValues {
  /** The value for a period and a territory (`dep:92`, a district code, or null for the whole scheme). */
  valueFor(period: string, territory?: string | null): IndicatorValue;
  /** The current value for a territory (null: the scheme): the latest period with a known value, else the latest period's status. */
  current(territory?: string | null): IndicatorValue;
  /** Each stored (period, territory) as published (masking applied), oldest period first, then by territory. */
  series(): IndicatorValue[];
  /** The periods that have a value or can be rolled up to, latest first. */
  periods(): string[];
}

/** Last day of a period as `YYYY-MM-DD` (`2024-Q1` → `2024-03-31`). */
export function periodEndDate(period: string): string {
  let end = periodEnds.get(period);
  if (end === undefined) {
    const [year, rest] = period.split('-');
    const lastMonth = !rest ? 12 : rest.startsWith('Q') ? Number(rest.slice(1)) * 3 : Number(rest);
    end = new Date(Date.UTC(Number(year), lastMonth, 0)).toISOString().slice(0, 10);
    // Periods are few (years, quarters, months); sorting by recency asks for each one many times.
    if (periodEnds.size >= 10_000) periodEnds.clear();
    periodEnds.set(period, end);
  }
  return end;
}

/** {@link periodEndDate}'s answers, by period. */
const periodEnds = new Map<string, string>();

/** Latest first: by end date, then the longer period first (2024 before 2024-Q4 before 2024-12). */
function byRecency(a: string, b: string): number {
  const ea = periodEndDate(a);
  const eb = periodEndDate(b);
  if (ea !== eb) return ea < eb ? 1 : -1;
  return KIND_RANK[periodKind(a) ?? 'month'] - KIND_RANK[periodKind(b) ?? 'month'];
}

function subPeriods(period: string): string[] {
  const kind = periodKind(period);
  if (kind === 'year') return ['Q1', 'Q2', 'Q3', 'Q4'].map((q) => `${period}-${q}`);
  if (kind === 'quarter') {
    const [y, q] = period.split('-Q');
    const first = (Number(q) - 1) * 3 + 1;
    return [first, first + 1, first + 2].map((m) => `${y}-${String(m).padStart(2, '0')}`);
  }
  return [];
}

/**
 * Build the values of one indicator from its stored revisions (any order, every revision or only the latest
 * of each period and territory). The rule, in order:
 * 1. for each period and territory the revision that counts ({@link countingRevision});
 * 2. a year without a stored value is rolled up from its four quarters, a quarter from its three months, by
 *    the indicator's aggregation; a missing part leaves the whole not known;
 * 3. a département without a stored value is aggregated from the scheme's districts that lie in it; the
 *    scheme as a whole (territory null) is its single département, or the aggregation over its départements;
 * 4. statistical secrecy (primary and secondary suppression) over each published group: the scheme and its
 *    départements, a département and its districts, a year and its quarters, a quarter and its months.
 *
 * ### Examples
 * ```ts
 * const values = indicatorValues(
 *   { aggregation: 'ratio', periodicity: 'year', unit: '%' },
 *   { departments: ['92', '78'] },
 *   [{ period: '2023', territory: 'dep:92', revision: 1, value: 50.1, numerator: 1268, denominator: 2530 },
 *    { period: '2023', territory: 'dep:78', revision: 1, value: 48.4, numerator: 911, denominator: 1882 }],
 * );
 * values.current(); // { status: 'known', value: 49.388033, period: '2023', territory: null, origin: 'aggregated', … }
 * ```
 */
export function indicatorValues(indicator: ValueIndicator, scope: ValueScope, revisions: readonly ValueRevision[]): IndicatorValues {
  const threshold = indicator.secrecyThreshold;
  const grouped = new Map<string, ValueRevision[]>();
  for (const r of revisions) {
    const key = `${r.period}|${r.territory}`;
    const list = grouped.get(key);
    if (list) list.push(r);
    else grouped.set(key, [r]);
  }
  const stored = new Map<string, Cell>();
  const storedPeriods = new Set<string>();
  for (const [key, list] of grouped) {
    stored.set(key, cellOf(countingRevision(list)!));
    storedPeriods.add(list[0]!.period);
  }
  const districtsOf = new Map<string, string[]>();
  for (const d of scope.districts ?? []) districtsOf.set(d.department, [...(districtsOf.get(d.department) ?? []), d.code]);

  // Step 2: a territory's cell for a period, stored or rolled up from shorter periods.
  const memo = new Map<string, Cell | undefined>();
  function timeCell(period: string, territory: string): Cell | undefined {
    const key = `${period}|${territory}`;
    if (memo.has(key)) return memo.get(key);
    let cell = stored.get(key);
    if (!cell) {
      const subs = subPeriods(period);
      const parts = subs.map((p) => timeCell(p, territory));
      if (parts.some((p) => p !== undefined)) cell = combine(parts.map((p) => p ?? NOT_KNOWN), indicator, 'rolled_up');
    }
    memo.set(key, cell);
    return cell;
  }
  // Step 3: a département's cell from its districts when it has none of its own.
  function departmentCell(period: string, department: string): Cell | undefined {
    const own = timeCell(period, `dep:${department}`);
    if (own) return own;
    const parts = (districtsOf.get(department) ?? []).map((d) => timeCell(period, d));
    if (!parts.some((p) => p !== undefined)) return undefined;
    return combine(parts.map((p) => p ?? NOT_KNOWN), indicator, 'aggregated');
  }
  function schemeCell(period: string): Cell | undefined {
    if (scope.departments.length === 1) return departmentCell(period, scope.departments[0]!);
    const parts = scope.departments.map((d) => departmentCell(period, d));
    if (!parts.some((p) => p !== undefined)) return undefined;
    return combine(parts.map((p) => p ?? NOT_KNOWN), indicator, 'aggregated');
  }
  function rawCell(period: string, territory: string | null): Cell | undefined {
    if (territory === null) return schemeCell(period);
    const department = departmentOf(territory);
    return department !== null && scope.departments.includes(department) ? departmentCell(period, department) : timeCell(period, territory);
  }

  // Step 4: a cell is masked when any group it is published in masks it.
  const maskMemo = new Map<string, boolean>();
  function groupMasks(total: Cell, parts: readonly (Cell | undefined)[]): boolean[] {
    const present = parts.map((p) => p ?? NOT_KNOWN);
    return suppress(total, present, threshold);
  }
  function isMasked(period: string, territory: string | null): boolean {
    const key = `${period}|${territory ?? ''}`;
    const known = maskMemo.get(key);
    if (known !== undefined) return known;
    maskMemo.set(key, false); // cycles cannot happen, but a group never asks for itself
    const cell = rawCell(period, territory);
    let masked = false;
    if (cell) {
      masked = suppress(cell, [], threshold)[0]!;
      // Territorial groups: the scheme over its départements; a département over its districts.
      const department = territory === null ? null : departmentOf(territory);
      if (territory === null && scope.departments.length > 1) {
        masked ||= groupMasks(cell, scope.departments.map((d) => departmentCell(period, d)))[0]!;
      } else if (territory !== null && department !== null && scope.departments.includes(department)) {
        if (scope.departments.length > 1) {
          const scheme = schemeCell(period);
          const index = scope.departments.indexOf(department);
          if (scheme) masked ||= groupMasks(scheme, scope.departments.map((d) => departmentCell(period, d)))[index + 1]!;
        }
        const districts = districtsOf.get(department) ?? [];
        if (districts.length > 1) masked ||= groupMasks(cell, districts.map((d) => timeCell(period, d)))[0]!;
      } else if (territory !== null) {
        const home = [...districtsOf].find(([, codes]) => codes.includes(territory));
        if (home && home[1].length > 1) {
          const dep = departmentCell(period, home[0]);
          if (dep) masked ||= groupMasks(dep, home[1].map((d) => timeCell(period, d)))[home[1].indexOf(territory) + 1]!;
        }
      }
      // Time groups: a period over its sub-periods, and a period among its siblings within its parent.
      const subs = subPeriods(period);
      const parts = subs.map((p) => rawCell(p, territory));
      if (parts.filter(Boolean).length > 1) masked ||= groupMasks(cell, parts)[0]!;
      const parent = parentPeriod(period);
      const total = parent ? rawCell(parent, territory) : undefined;
      if (parent && total) {
        const siblings = subPeriods(parent);
        masked ||= groupMasks(total, siblings.map((p) => rawCell(p, territory)))[siblings.indexOf(period) + 1]!;
      }
    }
    maskMemo.set(key, masked);
    return masked;
  }

  function valueFor(period: string, territory: string | null = null): IndicatorValue {
    const cell = rawCell(period, territory);
    if (!cell) return notKnownValue(period, territory);
    return published(cell, isMasked(period, territory), period, territory);
  }

  function periods(): string[] {
    const all = new Set(storedPeriods);
    for (const p of storedPeriods) {
      const parent = parentPeriod(p);
      if (parent) all.add(parent);
      const grand = parent ? parentPeriod(parent) : null;
      if (grand) all.add(grand);
    }
    return [...all].sort(byRecency);
  }

  function current(territory: string | null = null): IndicatorValue {
    let latest: IndicatorValue | undefined;
    for (const period of periods()) {
      if (!rawCell(period, territory)) continue;
      const value = valueFor(period, territory);
      if (value.status === 'known') return value;
      latest ??= value;
    }
    return latest ?? published(NOT_KNOWN, false, null, territory);
  }

  function series(): IndicatorValue[] {
    return [...grouped.values()]
      .map((list) => list[0]!)
      .sort((a, b) => byRecency(b.period, a.period) || (a.territory < b.territory ? -1 : a.territory > b.territory ? 1 : 0))
      .map((r) => valueFor(r.period, r.territory));
  }

  return { valueFor, current, series, periods };
}

/**
 * The value of a period and territory with nothing stored or rolled up behind it: not known, measured, no
 * source. What {@link IndicatorValues.valueFor} gives there, and what a stored series leaves out.
 *
 * ### Examples
 * ```ts
 * notKnownValue('2024', 'dep:48').status; // 'not_known'
 * ```
 */
export function notKnownValue(period: string | null, territory: string | null): IndicatorValue {
  return published(NOT_KNOWN, false, period, territory);
}

function parentPeriod(period: string): string | null {
  const kind = periodKind(period);
  if (kind === 'quarter') return period.slice(0, 4);
  if (kind === 'month') return `${period.slice(0, 4)}-Q${Math.ceil(Number(period.slice(5)) / 3)}`;
  return null;
}

/**
 * The completion rate of an indicator at a value: only a known value has one (see `completionRate`).
 *
 * ### Examples
 * ```ts
 * valueCompletionRate({ baselineValue: 40, targetValue: 60 }, values.current()); // 50 when the current value is 50
 * ```
 */
export function valueCompletionRate(indicator: Pick<ValueIndicator, 'baselineValue' | 'targetValue'>, value: IndicatorValue | undefined): number | null {
  if (!value || value.status !== 'known') return null;
  return completionRate(indicator, value.value);
}
