import { sql, type Kysely } from 'kysely';
import type { ActionStatus } from '../action/action.ts';
import type { Database } from '../database/database.ts';
import type { Direction } from '../indicator/indicator.ts';
import { actionAlerts, type Alert } from '../rules/alerts.ts';
import { indicatorAlerts } from '../rules/alerts.ts';
import { actionHealth, type Health } from '../rules/health.ts';
import { completionRate } from '../rules/indicator.ts';
import { computeTreeProgress } from '../rules/progress.ts';
import { schemeVisibleSql } from '../scheme/scheme.repository.ts';
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
 * The alerts of several indicators (`indicatorAlerts`) on the series of one territory, in one statement.
 * Without `territory`, each indicator's series is the one of its latest département-level (`dep:`)
 * measurement, else of its latest measurement.
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
  const valid = indicatorIds.filter(isUuid);
  if (valid.length === 0) return [];
  const query = db
    .selectFrom('indicator')
    .leftJoin('measurement', (join) => {
      const on = join.onRef('measurement.indicator_id', '=', 'indicator.id');
      return options.territory ? on.on('measurement.territory', '=', options.territory) : on;
    })
    .distinctOn(['indicator.id', 'measurement.period', 'measurement.territory'])
    .select(['indicator.id', 'indicator.direction', 'indicator.baseline_value', 'indicator.target_value'])
    .select(['measurement.period_start', 'measurement.period', 'measurement.territory', 'measurement.value'])
    .where('indicator.id', 'in', valid);
  const rows = await query.orderBy('indicator.id').orderBy('measurement.period').orderBy('measurement.territory').orderBy('measurement.revision', 'desc').execute();
  return [...groupBy(rows, (r) => r.id)].map(([indicatorId, series]) => {
    const measured = series.filter((r) => r.territory !== null);
    const territory = options.territory ?? pickTerritory(measured);
    const points = measured.filter((r) => r.territory === territory).map((r) => ({ periodStart: r.period_start!, value: r.value }));
    const first = series[0]!;
    const alerts = indicatorAlerts({ direction: first.direction as Direction, baselineValue: first.baseline_value, targetValue: first.target_value }, points);
    return { indicatorId, territory: measured.length ? territory : null, alerts };
  });
}

function pickTerritory(rows: readonly { period_start: string | null; territory: string | null }[]): string | null {
  const sorted = [...rows].sort((a, b) => (a.period_start! < b.period_start! ? 1 : a.period_start! > b.period_start! ? -1 : 0));
  return (sorted.find((r) => r.territory!.startsWith('dep:')) ?? sorted[0])?.territory ?? null;
}

/**
 * One département's value of a shared indicator for a period, for comparisons across schemes.
 *
 * ### Examples
 * ```ts
 * const rows = await compareIndicator(db, 'aidants-accompagnes', '2025');
 * rows.map((r) => `${r.department} ${r.value} ${r.completionRate}`);
 * ```
 */
export interface IndicatorComparison {
  readonly department: string;
  readonly schemeCode: string;
  readonly indicatorId: string;
  /** Latest revision of the measurement of `dep:<department>` for the period, or null. */
  readonly value: number | null;
  readonly baseline: number | null;
  readonly target: number | null;
  /** Completion rate (0–100, one decimal) from baseline to target, or null. */
  readonly completionRate: number | null;
  /** Municipal population of the département (official geography). */
  readonly population: number | null;
  readonly unit: string;
  /** True when the measurement or the indicator is illustrative (not from a real source). */
  readonly illustrative: boolean;
}

/**
 * Compare a shared indicator (`sharedCode`) across départements for a period, in two statements: one row
 * per département of the visible schemes carrying that indicator, with the value measured for that
 * département (`dep:<code>`). When several schemes of a département carry it, the one with a value wins,
 * then the one whose period covers the year, then the most recent. Sorted by département code.
 *
 * ### Examples
 * ```ts
 * await compareIndicator(db, 'rsa-emploi-12m', '2022');
 * // [{ department: '78', schemeCode: '92-78-2018-2023', value: 58, target: 60, completionRate: 80, population: 1448207, … }, …]
 * ```
 */
export async function compareIndicator(
  db: Kysely<Database>,
  sharedCode: string,
  period: string,
  options: { visibility?: Visibility } = {},
): Promise<IndicatorComparison[]> {
  const indicators = await db
    .selectFrom('indicator')
    .innerJoin('scheme', 'scheme.id', 'indicator.scheme_id')
    .select(['indicator.id', 'indicator.baseline_value', 'indicator.target_value', 'indicator.unit', 'indicator.illustrative'])
    .select(['scheme.code as scheme_code', 'scheme.departments', 'scheme.period_start', 'scheme.period_end'])
    .where('indicator.shared_code', '=', sharedCode)
    .where(schemeVisibleSql(options.visibility ?? {}))
    .execute();
  if (indicators.length === 0) return [];
  const territories = [...new Set(indicators.flatMap((i) => i.departments.map((d) => `dep:${d}`)))];
  const measurements = await db
    .selectFrom('measurement')
    .distinctOn(['indicator_id', 'territory'])
    .select(['indicator_id', 'territory', 'value', 'illustrative'])
    .where('indicator_id', 'in', indicators.map((i) => i.id))
    .where('period', '=', period)
    .where('territory', 'in', territories)
    .orderBy('indicator_id')
    .orderBy('territory')
    .orderBy('revision', 'desc')
    .execute();
  const measured = new Map(measurements.map((m) => [`${m.indicator_id}|${m.territory}`, m]));
  const year = Number(period.slice(0, 4));
  const best = new Map<string, IndicatorComparison & { rank: [number, number, number] }>();
  for (const indicator of indicators) {
    for (const department of indicator.departments) {
      const m = measured.get(`${indicator.id}|dep:${department}`);
      const value = m?.value ?? null;
      const rank: [number, number, number] = [value !== null ? 1 : 0, indicator.period_start <= year && year <= indicator.period_end ? 1 : 0, indicator.period_start];
      const candidate = {
        department,
        schemeCode: indicator.scheme_code,
        indicatorId: indicator.id,
        value,
        baseline: indicator.baseline_value,
        target: indicator.target_value,
        completionRate: completionRate({ baselineValue: indicator.baseline_value, targetValue: indicator.target_value }, value),
        population: getOfficialTerritory(`dep:${department}`)?.population ?? null,
        unit: indicator.unit,
        illustrative: indicator.illustrative || (m?.illustrative ?? false),
        rank,
      };
      const current = best.get(department);
      if (!current || compareRank(candidate.rank, current.rank) > 0) best.set(department, candidate);
    }
  }
  return [...best.values()]
    .sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0))
    .map(({ rank: _rank, ...row }) => row);
}

function compareRank(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
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
