import { sql, type Kysely } from 'kysely';
import type { ActionStatus } from '../action/action.ts';
import type { Database } from '../database/database.ts';
import { actionAlerts, type Alert } from '../rules/alerts.ts';
import { indicatorAlerts } from '../rules/alerts.ts';
import { actionHealth, type Health } from '../rules/health.ts';
import { periodEndDate, periodFormatIssue, periodKind, valueCompletionRate, type ValueOrigin, type ValueStatus } from '../rules/indicator-value.ts';
import { getIndicatorValuesByIndicatorIds } from '../indicator/indicator-value.service.ts';
import { storedPeriodValue, type StoredPeriodRow } from '../indicator/stored-value.repository.ts';
import { resolveDepartmentFilter } from '../territory/department-filter.ts';
import type { Lang } from '../validation/issues.ts';
import { computeTreeProgress } from '../rules/progress.ts';
import { schemeVisibleSql } from '../shared/visibility.ts';
import { notFoundError, validationError } from '../shared/errors.ts';
import { isUuid } from '../shared/ids.ts';
import { type Visibility } from '../shared/visibility.ts';
import { getOfficialTerritory } from '../territory/geography.ts';

/**
 * The progress of a scheme (mean of its top-level orientations) and of each of its orientations,
 * 0–100 rounded to one decimal, `null` where nothing can be said yet.
 *
 * ### Examples
 * ```ts
 * const [p] = await getProgressBySchemeIds(db, [scheme.id]);
 * p.progress; // 42.5
 * p.byOrientation.get(orientation.id); // 60
 * ```
 */
export interface SchemeProgress {
  readonly schemeId: string;
  readonly progress: number | null;
  readonly byOrientation: Map<string, number | null>;
}

/**
 * The progress of several schemes and of all their orientations, computed with the pure rule
 * `computeTreeProgress` from two statements (orientations, actions). One entry per distinct valid id
 * (malformed ids are dropped), in the order asked, whether or not a scheme has that id: a scheme without
 * orientations, or an unknown id, gets `progress: null` and an empty `byOrientation`.
 *
 * ### Examples
 * ```ts
 * const progress = await getProgressBySchemeIds(db, schemes.map((s) => s.id));
 * ```
 */
export async function getProgressBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<SchemeProgress[]> {
  const valid = [...new Set(schemeIds.filter(isUuid))];
  if (valid.length === 0) return [];
  const orientations = await db.selectFrom('orientation').select(['id', 'scheme_id', 'parent_id', 'weight']).where('scheme_id', 'in', valid).execute();
  const actions = await db.selectFrom('action').select(['scheme_id', 'orientation_id', 'status', 'progress', 'weight']).where('scheme_id', 'in', valid).execute();
  const bySchemeO = groupBy(orientations, (o) => o.scheme_id);
  const bySchemeA = groupBy(actions, (a) => a.scheme_id);
  return valid.map((schemeId) => {
    const tree = computeTreeProgress(
      (bySchemeO.get(schemeId) ?? []).map((o) => ({ id: o.id, parentId: o.parent_id, weight: o.weight })),
      (bySchemeA.get(schemeId) ?? []).map((a) => ({ orientationId: a.orientation_id, status: a.status as ActionStatus, progress: a.progress, weight: a.weight })),
    );
    return { schemeId, progress: tree.scheme, byOrientation: tree.byOrientation };
  });
}

/**
 * An action's health and alerts at a date, and the date of its latest update.
 *
 * ### Examples
 * ```ts
 * const [h] = await getActionHealthByActionIds(db, [action.id], '2025-06-30');
 * h.health; // 'behind'
 * ```
 */
export interface ActionHealthReport {
  readonly actionId: string;
  readonly health: Health | null;
  readonly alerts: Alert[];
  readonly lastUpdateDate: string | null;
}

/**
 * Health (`actionHealth`) and alerts (`actionAlerts`) of several actions at `today`, in one statement.
 *
 * ### Examples
 * ```ts
 * const reports = await getActionHealthByActionIds(db, actions.map((a) => a.id), '2025-06-30', { staleMonths: 6 });
 * ```
 */
export async function getActionHealthByActionIds(
  db: Kysely<Database>,
  actionIds: readonly string[],
  today: string,
  options: { staleMonths?: number } = {},
): Promise<ActionHealthReport[]> {
  const valid = actionIds.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await db
    .selectFrom('action')
    .select(['action.id', 'action.status', 'action.progress', 'action.start_date', 'action.end_date'])
    .select((eb) =>
      eb.selectFrom('action_update').select(sql<string | null>`max(action_update.date)`.as('d')).whereRef('action_update.action_id', '=', 'action.id').as('last_update_date'),
    )
    .where('action.id', 'in', valid)
    .execute();
  return rows.map((row) => {
    const status = row.status as ActionStatus;
    const lastUpdateDate = row.last_update_date ?? null;
    return {
      actionId: row.id,
      health: actionHealth({ status, progress: row.progress, startDate: row.start_date, endDate: row.end_date }, today),
      alerts: actionAlerts({ status, endDate: row.end_date, lastUpdateDate }, today, options),
      lastUpdateDate,
    };
  });
}

/**
 * The alerts of several indicators (`indicatorAlerts`) on their series of one territory, as the one rule of
 * values gives it (`getIndicatorValuesByIndicatorIds`): the known values of the periods of the indicator's
 * periodicity (quarters rolled up from months included), for `territory`, or for the scheme as a whole
 * (its département, or the aggregation over its départements) without it.
 *
 * ### Examples
 * ```ts
 * const alerts = await getIndicatorAlertsByIndicatorIds(db, [indicator.id], { territory: 'dep:92' });
 * ```
 */
export async function getIndicatorAlertsByIndicatorIds(
  db: Kysely<Database>,
  indicatorIds: readonly string[],
  options: { territory?: string } = {},
): Promise<{ indicatorId: string; territory: string | null; alerts: Alert[] }[]> {
  const reports = await getIndicatorValuesByIndicatorIds(db, indicatorIds);
  return reports.map((report) => {
    const territory = options.territory ?? null;
    const { indicator, values } = report;
    const points = values
      .periods()
      .filter((p) => periodKind(p) === indicator.periodicity)
      .map((p) => values.valueFor(p, territory))
      .filter((v) => v.status === 'known')
      .map((v) => ({ periodStart: v.period!, value: v.value }));
    const alerts = indicatorAlerts({ direction: indicator.direction, baselineValue: indicator.baseline?.value, targetValue: indicator.target?.value }, points);
    return { indicatorId: report.indicatorId, territory, alerts };
  });
}

/**
 * One département's value of a shared indicator for a period, for comparisons across schemes.
 *
 * ### Examples
 * ```ts
 * const rows = await compareIndicator(db, 'aidants-accompagnes', '2025');
 * rows.map((r) => `${r.department} ${r.status} ${r.value} ${r.completionRate}`);
 * ```
 */
export interface IndicatorComparison {
  readonly department: string;
  readonly schemeCode: string;
  readonly indicatorId: string;
  /** The département's value for the period by the one rule (stored, rolled up, or aggregated from districts); null unless known. */
  readonly value: number | null;
  /** known, masked (statistical secrecy), not_known or not_applicable. */
  readonly status: ValueStatus;
  readonly provisional: boolean;
  readonly origin: ValueOrigin;
  readonly baseline: number | null;
  readonly target: number | null;
  /** Completion rate (0–100, one decimal) from baseline to target, or null. */
  readonly completionRate: number | null;
  /** Municipal population of the département (official geography). */
  readonly population: number | null;
  readonly unit: string;
  /** True when the value (any revision behind it) is illustrative (not from a real source). */
  readonly illustrative: boolean;
  /** Sources of the revisions behind the value, without repeats. */
  readonly sources: readonly string[];
}

/** Filter of {@link compareIndicator}: département codes (`92`) and region codes (`11`), both checked. */
export interface ComparisonFilter {
  readonly visibility?: Visibility;
  readonly departments?: readonly string[];
  readonly regions?: readonly string[];
  readonly lang?: Lang;
}

/**
 * Compare a shared indicator (`sharedCode`) across départements for a period (`2024`, `2024-Q1`, `2024-03`;
 * anything else is a VALIDATION error), one row per département of the visible schemes carrying that
 * indicator, with its value for the period by the one rule of values: months and quarters roll up when a
 * year is asked, a département without its own value is aggregated from the scheme's districts, small counts
 * are masked. When several schemes of a département carry it, the one with a known value wins, then the one
 * whose period covers the year, then the most recent. Sorted by département code. `departments` and
 * `regions` narrow the départements (a malformed or unknown code is a VALIDATION error, not an empty list).
 * A `sharedCode` that no visible scheme carries is NOT_FOUND at `sharedCode`.
 *
 * ### Examples
 * ```ts
 * await compareIndicator(db, 'rsa-emploi-12m', '2022', { regions: ['11'] });
 * // [{ department: '78', schemeCode: '92-78-2018-2023', status: 'known', value: 45.8, target: 60, … }, …]
 * ```
 */
export async function compareIndicator(db: Kysely<Database>, sharedCode: string, period: string, options: ComparisonFilter = {}): Promise<IndicatorComparison[]> {
  const lang = options.lang ?? 'fr';
  const malformed = periodFormatIssue(period, 'period', lang);
  if (malformed) throw validationError([malformed], lang);
  const wanted = resolveDepartmentFilter({ departments: options.departments, regions: options.regions }, lang);
  const visible = schemeVisibleSql(options.visibility ?? {});
  const year = Number(period.slice(0, 4));
  // One statement, one row: each département's chosen indicator with the value the one rule stored at write
  // time for (period, département) (indicator_period_value, see docs/decisions/0007-stored-values.md), as one
  // JSON array sorted by département. The choice among several schemes of a département is made here, by
  // `distinct on`: a known value first, then a scheme whose period covers the year, then the most recent,
  // then the scheme code (so that ties are settled the same way on every engine and every run).
  // Each row is a JSON array in COMPARISON_COLUMNS' order, not an object: half the text for Node to parse.
  const { rows } = await sql<{ rows: ComparisonTuple[] }>`
    select coalesce(json_agg(json_build_array(${sql.raw(COMPARISON_COLUMNS.map((c) => `c.${c}`).join(', '))}) order by c.department collate "C"), '[]'::json) as rows from (
      select distinct on (d.department) d.department, scheme.code as scheme_code, i.id as indicator_id, i.unit,
        case when i.baseline_date is not null then i.baseline_value end as baseline,
        case when i.target_date is not null then i.target_value end as target,
        v.status, v.value, v.numerator, v.denominator, v.provisional, v.illustrative, v.sources, v.origin
      from indicator i
      join scheme on scheme.id = i.scheme_id
      cross join lateral unnest(scheme.departments) as d (department)
      left join indicator_period_value v on v.indicator_id = i.id and v.period = ${period} and v.territory = 'dep:' || d.department
      where i.shared_code = ${sharedCode} and ${visible}
        ${wanted ? sql`and d.department = any(${[...wanted]}::text[])` : sql``}
      order by d.department, coalesce(v.status = 'known', false) desc, (${year} between scheme.period_start and scheme.period_end) desc, scheme.period_start desc, scheme.code
    ) c`.execute(db);
  const chosen = (rows[0]?.rows ?? []).map((tuple) => comparisonRow(tuple, period));
  // No visible scheme carries it: a clear refusal, not an empty comparison (a draft's code is not told apart).
  // Asked only when nothing came back, since a filter on départements can leave nothing of a known code.
  if (chosen.length === 0) {
    const carried = await sql<{ n: number }>`select count(*)::int as n from indicator i join scheme on scheme.id = i.scheme_id
      where i.shared_code = ${sharedCode} and ${visible}`.execute(db);
    if (carried.rows[0]!.n === 0) throw notFoundError('unknown_shared_indicator', 'sharedCode', sharedCode, lang);
  }
  return chosen.map((row) => {
    const value = storedPeriodValue(row.status === null ? undefined : (row as StoredPeriodRow), period, row.territory);
    return {
      department: row.department,
      schemeCode: row.scheme_code,
      indicatorId: row.indicator_id,
      value: value.value,
      status: value.status,
      provisional: value.provisional,
      origin: value.origin,
      baseline: row.baseline,
      target: row.target,
      completionRate: valueCompletionRate({ baselineValue: row.baseline, targetValue: row.target }, value),
      population: departmentPopulation(row.territory),
      unit: row.unit,
      illustrative: value.illustrative,
      sources: value.sources,
    };
  });
}

/** The columns of a row of compareIndicator's statement, in the order of its JSON arrays. */
const COMPARISON_COLUMNS = ['department', 'scheme_code', 'indicator_id', 'unit', 'baseline', 'target', 'status', 'value', 'numerator', 'denominator', 'provisional', 'illustrative', 'sources', 'origin'] as const;
type ComparisonTuple = readonly unknown[];

/** A row of the statement as an object, with the period asked and the département's territory code. */
function comparisonRow(tuple: ComparisonTuple, period: string): ComparisonRow {
  const row: Record<string, unknown> = { period, territory: `dep:${tuple[0] as string}` };
  for (let i = 0; i < COMPARISON_COLUMNS.length; i++) row[COMPARISON_COLUMNS[i]!] = tuple[i];
  return row as unknown as ComparisonRow;
}

const populations = new Map<string, number | null>();
/** The municipal population of a département (`dep:92`) by the official geography, looked up once per code. */
function departmentPopulation(territory: string): number | null {
  let population = populations.get(territory);
  if (population === undefined) populations.set(territory, (population = getOfficialTerritory(territory)?.population ?? null));
  return population;
}

/** A row of compareIndicator's statement: the chosen indicator of a département and its stored value (null columns when none). */
interface ComparisonRow {
  readonly period: string;
  readonly territory: string;
  readonly department: string;
  readonly scheme_code: string;
  readonly indicator_id: string;
  readonly unit: string;
  readonly baseline: number | null;
  readonly target: number | null;
  readonly status: ValueStatus | null;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly provisional: boolean;
  readonly illustrative: boolean;
  readonly sources: string[];
  readonly origin: ValueOrigin;
}

/**
 * How many départements a comparison covers, and how many of them have a known value.
 *
 * ### Examples
 * ```ts
 * comparisonCoverage(await compareIndicator(db, 'rsa-emploi-12m', '2022')); // { departments: 2, withValue: 2 }
 * ```
 */
export function comparisonCoverage(rows: readonly Pick<IndicatorComparison, 'status'>[]): { departments: number; withValue: number } {
  return { departments: rows.length, withValue: rows.filter((r) => r.status === 'known').length };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * A national code shared by indicators of several schemes, with its coverage.
 *
 * ### Examples
 * ```ts
 * const [rsa] = await listSharedIndicators(db, { visibility: {} });
 * rsa; // { sharedCode: 'rsa-emploi-12m', name: '…', unit: '%', schemeCount: 1, departments: ['78', '92'], departmentsWithValue: ['78', '92'], latestPeriod: '2023' }
 * ```
 */
export interface SharedIndicator {
  readonly sharedCode: string;
  /** The name most schemes give it (then the first in alphabetical order). */
  readonly name: string;
  readonly unit: string;
  readonly schemeCount: number;
  /** Départements of the visible schemes carrying it, sorted. */
  readonly departments: readonly string[];
  /** Those whose current value (by the one rule) is known. */
  readonly departmentsWithValue: readonly string[];
  /** The latest period of a known current value among them, or null. */
  readonly latestPeriod: string | null;
  /**
   * The period to compare by default: the one (stored or rolled up) where the most départements have a known
   * value, the most recent among equals; null when none has one.
   */
  readonly comparisonPeriod: string | null;
}

/**
 * The shared indicator codes of the visible schemes with their coverage, sorted by code; `departments` and
 * `regions` narrow the départements counted (checked as {@link compareIndicator} checks them).
 *
 * ### Examples
 * ```ts
 * await listSharedIndicators(db, { visibility: {}, regions: ['11'] });
 * ```
 */
export async function listSharedIndicators(db: Kysely<Database>, options: ComparisonFilter & { readonly sharedCodes?: readonly string[] } = {}): Promise<SharedIndicator[]> {
  const wanted = resolveDepartmentFilter({ departments: options.departments, regions: options.regions }, options.lang ?? 'fr');
  const rows = await db
    .selectFrom('indicator')
    .innerJoin('scheme', 'scheme.id', 'indicator.scheme_id')
    .select(['indicator.id', 'indicator.shared_code', 'indicator.name', 'indicator.unit', 'scheme.id as scheme_id', 'scheme.departments'])
    .where('indicator.shared_code', options.sharedCodes?.length ? 'in' : 'is not', options.sharedCodes?.length ? [...options.sharedCodes] : null)
    .where(schemeVisibleSql(options.visibility ?? {}))
    .execute();
  const reports = new Map((await getIndicatorValuesByIndicatorIds(db, rows.map((r) => r.id))).map((r) => [r.indicatorId, r]));
  const byCode = groupBy(rows, (r) => r.shared_code!);
  const result: SharedIndicator[] = [];
  for (const [sharedCode, group] of byCode) {
    const departments = new Set<string>();
    const withValue = new Set<string>();
    let latestPeriod: string | null = null;
    const names = new Map<string, number>();
    const schemes = new Set<string>();
    const knownBy = new Map<string, Set<string>>();
    for (const row of group) {
      const mine = row.departments.filter((d) => !wanted || wanted.has(d));
      if (mine.length === 0) continue;
      schemes.add(row.scheme_id);
      names.set(row.name, (names.get(row.name) ?? 0) + 1);
      const report = reports.get(row.id);
      for (const period of report?.values.periods() ?? []) {
        for (const department of mine) {
          if (report!.values.valueFor(period, `dep:${department}`).status !== 'known') continue;
          knownBy.set(period, (knownBy.get(period) ?? new Set()).add(department));
        }
      }
      for (const department of mine) {
        departments.add(department);
        const current = report?.values.current(`dep:${department}`);
        if (current?.status !== 'known' || !current.period) continue;
        withValue.add(department);
        if (latestPeriod === null || periodEndDate(current.period) > periodEndDate(latestPeriod)) latestPeriod = current.period;
      }
    }
    if (departments.size === 0) continue;
    const name = [...names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const unit = group.find((r) => r.name === name)!.unit;
    let comparisonPeriod: string | null = null;
    for (const [period, known] of knownBy) {
      const best = comparisonPeriod === null ? 0 : knownBy.get(comparisonPeriod)!.size;
      if (known.size > best || (known.size === best && periodEndDate(period) > periodEndDate(comparisonPeriod!))) comparisonPeriod = period;
    }
    result.push({ sharedCode, name, unit, schemeCount: schemes.size, departments: [...departments].sort(), departmentsWithValue: [...withValue].sort(), latestPeriod, comparisonPeriod });
  }
  return result.sort((a, b) => a.sharedCode.localeCompare(b.sharedCode));
}
