import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import type { Measurement } from '../measurement/measurement.service.ts';
import { measurementFromRow } from '../measurement/measurement.service.ts';
import { countingRevision, indicatorValues, revisionStatus, valueCompletionRate, type IndicatorValue, type IndicatorValues, type ValueScope } from '../rules/indicator-value.ts';
import { isUuid } from '../shared/ids.ts';
import { compareSeries } from '../rules/period.ts';
import { getIndicatorsByIds } from './indicator.repository.ts';
import type { Indicator } from './indicator.service.ts';

/**
 * A stored measurement as every output shows it: the revision that counts for its period and territory,
 * with `value`, `numerator` and `denominator` null and `missingReason` `statistical_secrecy` when the rule
 * masks it, and the value's `status`.
 */
export interface PublishedMeasurement extends Measurement {
  readonly status: IndicatorValue['status'];
}

/**
 * The values of one indicator, as the one rule (`indicatorValues`) gives them: its current value for the
 * scheme as a whole, its completion rate, the published series, and the rule itself to ask for other
 * periods and territories.
 *
 * ### Examples
 * ```ts
 * const [report] = await getIndicatorValuesByIndicatorIds(db, [indicator.id]);
 * report.current; // { status: 'known', value: 49.39, period: '2023', territory: null, origin: 'aggregated', … }
 * report.values.valueFor('2023', 'dep:92').value; // 50.1
 * ```
 */
export interface IndicatorValueReport {
  readonly indicatorId: string;
  readonly indicator: Indicator;
  readonly scope: ValueScope;
  readonly current: IndicatorValue;
  /** Completion rate of the current value (0–100, one decimal), null unless the current value is known. */
  readonly completionRate: number | null;
  readonly values: IndicatorValues;
  /** Counting revision of each stored (period, territory), masked by the rule, by period then territory. */
  readonly measurements: readonly PublishedMeasurement[];
  /** Every stored revision, masked like the revision that counts for its period and territory. */
  readonly history: readonly PublishedMeasurement[];
}

/** The département of a commune code: `com:92012` → `92`, `com:2A004` → `2A`, `com:97411` → `974`. */
export function departmentOfCommune(commune: string): string {
  const code = commune.replace(/^com:/, '');
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/**
 * The values of several indicators through the one rule, in four statements (indicators, schemes, districts,
 * every revision of their measurements). One report per known indicator, in no particular order.
 *
 * ### Examples
 * ```ts
 * const reports = await getIndicatorValuesByIndicatorIds(db, indicators.map((i) => i.id));
 * ```
 */
export async function getIndicatorValuesByIndicatorIds(db: Kysely<Database>, indicatorIds: readonly string[]): Promise<IndicatorValueReport[]> {
  const ids = [...new Set(indicatorIds.filter(isUuid))];
  if (ids.length === 0) return [];
  const indicators = await getIndicatorsByIds(db, ids);
  if (indicators.length === 0) return [];
  const schemeIds = [...new Set(indicators.map((i) => i.schemeId))];
  const [schemes, districts, rows] = await Promise.all([
    db.selectFrom('scheme').select(['id', 'departments']).where('id', 'in', schemeIds).execute(),
    db.selectFrom('district').select(['scheme_id', 'code', 'communes']).where('scheme_id', 'in', schemeIds).execute(),
    db.selectFrom('measurement').selectAll().where('indicator_id', 'in', indicators.map((i) => i.id)).orderBy('indicator_id').orderBy('period_start').orderBy('period').orderBy('territory').orderBy('revision').execute(),
  ]);
  const departmentsOf = new Map(schemes.map((s) => [s.id, s.departments]));
  const districtsOf = new Map<string, { code: string; department: string }[]>();
  for (const d of districts) {
    const department = d.communes[0] ? departmentOfCommune(d.communes[0]) : '';
    districtsOf.set(d.scheme_id, [...(districtsOf.get(d.scheme_id) ?? []), { code: d.code, department }]);
  }
  const revisionsOf = new Map<string, Measurement[]>();
  for (const row of rows) {
    const m = measurementFromRow(row);
    const list = revisionsOf.get(m.indicatorId);
    if (list) list.push(m);
    else revisionsOf.set(m.indicatorId, [m]);
  }
  return indicators.map((indicator) => indicatorValueReport(indicator, { departments: departmentsOf.get(indicator.schemeId) ?? [], districts: districtsOf.get(indicator.schemeId) ?? [] }, revisionsOf.get(indicator.id) ?? []));
}

/**
 * The report of one indicator from its scope and its stored revisions (see {@link getIndicatorValuesByIndicatorIds}).
 *
 * ### Examples
 * ```ts
 * indicatorValueReport(indicator, { departments: ['48'] }, revisions).current.status; // 'known'
 * ```
 */
export function indicatorValueReport(indicator: Indicator, scope: ValueScope, revisions: readonly Measurement[]): IndicatorValueReport {
  const values = indicatorValues(
    {
      aggregation: indicator.aggregation,
      periodicity: indicator.periodicity,
      secrecyThreshold: indicator.secrecyThreshold,
      unit: indicator.unit,
    },
    scope,
    // A value of an illustrative indicator is illustrative whatever its own mark (the indicator is invented).
    indicator.illustrative ? revisions.map((m) => ({ ...m, illustrative: true })) : revisions,
  );
  const current = values.current();
  const published = new Map(values.series().map((v) => [`${v.period}|${v.territory}`, v]));
  // A revision is masked when the rule masks its (period, territory), or when its own count is small.
  const publish = (m: Measurement): PublishedMeasurement => {
    const cell = published.get(`${m.period}|${m.territory}`);
    const status = cell?.status === 'masked' ? 'masked' : revisionStatus(indicator.secrecyThreshold, m);
    return publishedMeasurement(m, status, m.illustrative || indicator.illustrative);
  };
  const byCell = new Map<string, Measurement[]>();
  for (const m of revisions) {
    const key = `${m.period}|${m.territory}`;
    byCell.set(key, [...(byCell.get(key) ?? []), m]);
  }
  const counting = [...byCell.values()].map((list) => countingRevision(list)!);
  const measurements = counting
    .sort(compareSeries)
    .map(publish);
  return {
    indicatorId: indicator.id,
    indicator,
    scope,
    current,
    completionRate: valueCompletionRate({ baselineValue: indicator.baseline?.value, targetValue: indicator.target?.value }, current),
    values,
    measurements,
    history: revisions.map(publish),
  };
}

/**
 * A stored revision as every output shows it, with the status the rule gave it: a masked one loses its
 * figures and says `statistical_secrecy`.
 *
 * ### Examples
 * ```ts
 * publishedMeasurement(m, 'masked', false).value; // null
 * ```
 */
export function publishedMeasurement(m: Measurement, status: IndicatorValue['status'], illustrative: boolean): PublishedMeasurement {
  if (status !== 'masked') return { ...m, illustrative, status };
  return { ...m, value: null, numerator: null, denominator: null, missingReason: 'statistical_secrecy', illustrative, status };
}

/**
 * The stored measurement the current value is, when it is one stored measurement (not an aggregation or a
 * roll-up), as published (masked by the rule); null otherwise. For the deprecated `latestMeasurement` field.
 *
 * ### Examples
 * ```ts
 * currentMeasurement(report)?.period; // '2025' for a one-département scheme measured in 2025
 * ```
 */
export function currentMeasurement(report: IndicatorValueReport): PublishedMeasurement | null {
  const { current, scope } = report;
  if (current.origin !== 'measured' || current.period === null) return null;
  const territory = current.territory ?? (scope.departments.length === 1 ? `dep:${scope.departments[0]}` : null);
  return report.measurements.find((m) => m.period === current.period && m.territory === territory) ?? null;
}
