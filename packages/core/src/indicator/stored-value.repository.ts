import { PGliteAdapter, sql, type Kysely } from 'kysely';
import { bulkInsert, type BulkColumn } from '../database/bulk-insert.ts';
import type { Database, IndicatorPeriodValueTable, MeasurementRow, Selectable } from '../database/database.ts';
import { notKnownValue, type IndicatorValue, type ValueStatus } from '../rules/indicator-value.ts';
import { isUuid } from '../shared/ids.ts';
import { currentMeasurement, getIndicatorValuesByIndicatorIds, publishedMeasurement, type IndicatorValueReport, type PublishedMeasurement } from './indicator-value.service.ts';
import { measurementFromRow } from '../measurement/measurement.service.ts';

/*
 * Stored indicator values (migration 2026-12-02T0630-stored-values, docs/decisions/0007-stored-values.md).
 * What the one rule of values gives each indicator (`indicatorValueReport`) is written here at write time, in
 * the writing transaction, so that reads of current values, completion rates and published series look
 * rows up instead of reading every revision and running the rule per request. Triggers mark the indicators
 * a write made stale (`indicator_value_pending`); `refreshStoredIndicatorValues` recomputes them with the
 * rule itself and is called by `inTransaction` before every commit: there is no second implementation.
 */

/**
 * What is stored of one indicator: its current value for the scheme as a whole, its completion rate, and
 * the published measurement that value is (null when it is aggregated, rolled up, or nothing was measured).
 */
export interface StoredIndicatorValue {
  readonly indicatorId: string;
  readonly current: IndicatorValue;
  readonly completionRate: number | null;
  readonly latestMeasurement: PublishedMeasurement | null;
}

type ValueRow = { indicatorId: string; value: IndicatorValue };
type CurrentRow = ValueRow & { completionRate: number | null; latest: PublishedMeasurement | null };

const valueColumns = <R extends ValueRow>(): BulkColumn<R>[] => [
  { name: 'indicator_id', type: 'uuid', value: (r) => r.indicatorId },
  { name: 'period', type: 'text', value: (r) => r.value.period },
  { name: 'territory', type: 'text', value: (r) => r.value.territory },
  { name: 'status', type: 'text', value: (r) => r.value.status },
  { name: 'value', type: 'float8', value: (r) => r.value.value },
  { name: 'numerator', type: 'float8', value: (r) => r.value.numerator },
  { name: 'denominator', type: 'float8', value: (r) => r.value.denominator },
  { name: 'provisional', type: 'bool', value: (r) => r.value.provisional },
  { name: 'illustrative', type: 'bool', value: (r) => r.value.illustrative },
  { name: 'sources', type: 'jsonb', value: (r) => JSON.stringify(r.value.sources) },
  { name: 'origin', type: 'text', value: (r) => r.value.origin },
];

const CURRENT_COLUMNS: BulkColumn<CurrentRow>[] = [
  ...valueColumns<CurrentRow>(),
  { name: 'completion_rate', type: 'float8', value: (r) => r.completionRate },
  { name: 'latest_measurement', type: 'jsonb', value: (r) => (r.latest ? JSON.stringify(r.latest) : null) },
];
type PeriodRow = ValueRow & { revision: number | null; rank: number; current: boolean };
const PERIOD_COLUMNS: BulkColumn<PeriodRow>[] = [
  ...valueColumns<PeriodRow>(),
  { name: 'revision', type: 'int', value: (r) => r.revision },
  { name: 'period_rank', type: 'int', value: (r) => r.rank },
  { name: 'is_current', type: 'bool', value: (r) => r.current },
];

/** Whether a published value says nothing more than {@link notKnownValue} (a stored series leaves it out). */
function isDefault(v: IndicatorValue): boolean {
  return v.status === 'not_known' && !v.provisional && !v.illustrative && v.sources.length === 0 && v.origin === 'measured';
}

/**
 * The published values of a report that a read may ask for by period and territory: every period the rule
 * knows (stored, or rolled up to) for each of the scheme's départements and each stored territory, the
 * pairs that are merely not known left out unless a measurement of theirs is stored or the pair is the
 * territory's current value. Each says which revision counts when one is stored, the place of its period in
 * the rule's order (most recent first), and whether it is the territory's current value by the rule
 * (`current(territory)`; none when that value has no period). Any other territory has no value of any period.
 */
function periodValues(report: IndicatorValueReport): PeriodRow[] {
  const territories = new Set(report.scope.departments.map((d) => `dep:${d}`));
  for (const m of report.measurements) territories.add(m.territory);
  const counting = new Map(report.measurements.map((m) => [`${m.period}|${m.territory}`, m.revision]));
  const currentPeriod = new Map([...territories].map((t) => [t, report.values.current(t).period]));
  const rows: PeriodRow[] = [];
  report.values.periods().forEach((period, rank) => {
    for (const territory of territories) {
      const value = report.values.valueFor(period, territory);
      const revision = counting.get(`${period}|${territory}`) ?? null;
      const current = currentPeriod.get(territory) === period;
      if (revision !== null || current || !isDefault(value)) rows.push({ indicatorId: report.indicatorId, value, revision, rank, current });
    }
  });
  return rows;
}

/**
 * Recompute, with the one rule of values, the stored values of the indicators a write marked stale, in the
 * caller's transaction (statements: one to take the marks, then four reads and four writes when any).
 * `inTransaction` calls it before every commit; `limit` takes at most that many indicators (the migrator
 * fills a store in batches). Returns how many indicators were taken.
 *
 * ### Examples
 * ```ts
 * await inTransaction(db, async (trx) => {
 *   await sql`update indicator set secrecy_threshold = 11`.execute(trx);
 *   // inTransaction calls refreshStoredIndicatorValues(trx) before the commit
 * });
 * ```
 */
export async function refreshStoredIndicatorValues(db: Kysely<Database>, options: { limit?: number } = {}): Promise<number> {
  const taken = options.limit
    ? // Marks another filler holds are skipped, not waited for (the fill runs two batches at once on PostgreSQL).
      await sql<{ indicator_id: string }>`delete from indicator_value_pending where indicator_id in
        (select indicator_id from indicator_value_pending order by indicator_id limit ${options.limit} for update skip locked) returning indicator_id`.execute(db)
    : await sql<{ indicator_id: string }>`delete from indicator_value_pending returning indicator_id`.execute(db);
  const ids = taken.rows.map((r) => r.indicator_id);
  if (ids.length === 0) return 0;
  const reports = await getIndicatorValuesByIndicatorIds(db, ids);
  await sql`delete from indicator_current where indicator_id = any(${ids}::uuid[])`.execute(db);
  await sql`delete from indicator_period_value where indicator_id = any(${ids}::uuid[])`.execute(db);
  const current: CurrentRow[] = reports.map((r) => ({ indicatorId: r.indicatorId, value: r.current, completionRate: r.completionRate, latest: currentMeasurement(r) }));
  await bulkInsert(db, 'indicator_current', CURRENT_COLUMNS, current);
  await bulkInsert(db, 'indicator_period_value', PERIOD_COLUMNS, reports.flatMap(periodValues));
  return ids.length;
}

/**
 * Fill the stored values of every indicator still marked, in batches of `batch` indicators each in its own
 * transaction (an interrupted fill resumes at the next start), reporting `(done, total)` after each batch.
 * On PostgreSQL two batches run at once (one computes in Node while the other writes). The migrator runs
 * it after the migrations; a store with nothing marked costs one statement.
 *
 * ### Examples
 * ```ts
 * await fillStoredIndicatorValues(db, (done, total) => console.error(`${done}/${total}`));
 * ```
 */
export async function fillStoredIndicatorValues(db: Kysely<Database>, onProgress: (done: number, total: number) => void = () => {}, batch = 2000): Promise<number> {
  const counted = await sql<{ n: number }>`select count(*)::int as n from indicator_value_pending`.execute(db);
  const total = Number(counted.rows[0]?.n ?? 0);
  if (total === 0) return 0;
  let done = 0;
  const worker = async () => {
    while (done < total) {
      const n = await db.transaction().execute((trx) => refreshStoredIndicatorValues(trx, { limit: batch }));
      if (n === 0) return;
      done += n;
      onProgress(Math.min(done, total), total);
    }
  };
  const workers = db.getExecutor().adapter instanceof PGliteAdapter || db.isTransaction ? 1 : 2;
  await Promise.all(Array.from({ length: workers }, worker));
  return done;
}

/**
 * The stored values of several indicators, in one statement (no history read, no rule run). One entry
 * per indicator that has stored values (every existing indicator once its transaction committed), in no
 * particular order.
 *
 * ### Examples
 * ```ts
 * const [stored] = await getStoredIndicatorValuesByIndicatorIds(db, [indicator.id]);
 * stored.current.status; // 'known'
 * ```
 */
export async function getStoredIndicatorValuesByIndicatorIds(db: Kysely<Database>, indicatorIds: readonly string[]): Promise<StoredIndicatorValue[]> {
  const ids = [...new Set(indicatorIds.filter(isUuid))];
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('indicator_current').selectAll().where('indicator_id', 'in', ids).execute();
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    current: storedValue(r),
    completionRate: r.completion_rate,
    latestMeasurement: r.latest_measurement ?? null,
  }));
}

/** A stored value row as the rule gave it. */
function storedValue(r: Omit<Selectable<IndicatorPeriodValueTable>, 'indicator_id' | 'period' | 'territory' | 'revision' | 'period_rank' | 'is_current'> & { period: string | null; territory: string | null }): IndicatorValue {
  return {
    status: r.status,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    period: r.period,
    territory: r.territory,
    provisional: r.provisional,
    illustrative: r.illustrative,
    sources: r.sources,
    origin: r.origin,
  };
}

/**
 * The stored published values of several indicators for one period, in one statement, as a lookup by
 * indicator and territory (`dep:92`, a district code) that gives what the rule's `valueFor(period,
 * territory)` gives: a pair with nothing stored is not known ({@link notKnownValue}). Only the scheme's
 * départements and stored territories are stored; ask the report for other territories.
 *
 * ### Examples
 * ```ts
 * const valueFor = await getStoredPeriodValues(db, ids, '2025');
 * valueFor(ids[0], 'dep:48').status; // 'known'
 * ```
 */
export async function getStoredPeriodValues(db: Kysely<Database>, indicatorIds: readonly string[], period: string): Promise<(indicatorId: string, territory: string) => IndicatorValue> {
  const ids = [...new Set(indicatorIds.filter(isUuid))];
  const rows = ids.length ? await db.selectFrom('indicator_period_value').selectAll().where('indicator_id', 'in', ids).where('period', '=', period).execute() : [];
  const byKey = new Map(rows.map((r) => [`${r.indicator_id}|${r.territory}`, r]));
  return (indicatorId, territory) => storedPeriodValue(byKey.get(`${indicatorId}|${territory}`), period, territory);
}

/**
 * The current value of several indicators for one territory (`dep:92`, a district code), as the rule's
 * `current(territory)` gives it, in one statement from the values stored at write time (no history read):
 * the latest period with a known value, else the latest period's status, else not known with no period.
 * Indicators whose values are not stored yet (written outside `inTransaction`, before its commit) are absent:
 * ask the rule ({@link getIndicatorValuesByIndicatorIds}) for those.
 *
 * ### Examples
 * ```ts
 * const current = await getStoredCurrentValues(db, ids, 'dep:92');
 * current.get(ids[0])?.period; // '2025'
 * ```
 */
export async function getStoredCurrentValues(db: Kysely<Database>, indicatorIds: readonly string[], territory: string): Promise<Map<string, IndicatorValue>> {
  const ids = [...new Set(indicatorIds.filter(isUuid))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('indicator_current as c')
    .leftJoin('indicator_period_value as v', (join) => join.onRef('v.indicator_id', '=', 'c.indicator_id').on('v.territory', '=', territory).on('v.is_current', '=', true))
    .select(['c.indicator_id', 'v.period', 'v.status', 'v.value', 'v.numerator', 'v.denominator', 'v.provisional', 'v.illustrative', 'v.sources', 'v.origin'])
    .where('c.indicator_id', 'in', ids)
    .execute();
  // A row of v is whole when its period is there (the left join makes every column nullable).
  return new Map(rows.map((r) => [r.indicator_id, r.period === null ? notKnownValue(null, territory) : storedValue({ ...(r as unknown as StoredPeriodRow), territory })]));
}

/** One stored value of a period (a row of `indicator_period_value`, read as a row or as JSON). */
export type StoredPeriodRow = Omit<Selectable<IndicatorPeriodValueTable>, 'indicator_id' | 'revision' | 'period_rank' | 'is_current'>;

/**
 * The published value of (period, territory) from its stored row, as the rule's `valueFor(period, territory)`
 * gives it: a pair with nothing stored (`undefined`) is not known ({@link notKnownValue}).
 *
 * ### Examples
 * ```ts
 * storedPeriodValue(undefined, '2025', 'dep:48').status; // 'not_known'
 * ```
 */
export function storedPeriodValue(row: StoredPeriodRow | undefined, period: string, territory: string): IndicatorValue {
  return row ? storedValue(row) : notKnownValue(period, territory);
}

/**
 * The current measurement of each of several indicators, in one statement, as the one rule of values counts
 * and publishes it: among the (period, territory) pairs with a stored measurement, the most recent period
 * in the rule's order and, within it, a département (`dep:`) before other territories (then by territory
 * code); of that pair, the revision that counts (the latest final one, else the latest provisional one),
 * masked when the rule masks it (`value` null, `missingReason` `statistical_secrecy`) and with its `status`.
 * With `territory`, only that territory counts. Indicators without any measurement are absent from the
 * result; the others come once each, in no particular order.
 *
 * It reads the stored values the rule wrote at write time (`indicator_period_value`: which revision counts,
 * the place of each period, its status; see docs/decisions/0007-stored-values.md), never the history. An
 * indicator's current value (aggregated over départements, rolled up) is `getStoredIndicatorValuesByIndicatorIds`.
 *
 * ### Examples
 * ```ts
 * const latest = await getLatestMeasurementsByIndicatorIds(db, indicators.map((i) => i.id), { territory: 'dep:92' });
 * // select … from unnest($1::uuid[]) as wanted (indicator_id) cross join lateral (
 * //   select … from indicator_period_value v where v.indicator_id = wanted.indicator_id and v.revision is not null
 * //   and v.territory = $2 order by v.period_rank, (v.territory like 'dep:%') desc, v.territory limit 1) as latest
 * // join measurement m on (m.indicator_id, m.period, m.territory, m.revision) = (wanted.indicator_id, latest.…)
 * ```
 */
export async function getLatestMeasurementsByIndicatorIds(
  db: Kysely<Database>,
  indicatorIds: readonly string[],
  options: { territory?: string } = {},
): Promise<PublishedMeasurement[]> {
  const ids = [...new Set(indicatorIds.filter(isUuid))];
  if (ids.length === 0) return [];
  const territory = options.territory ? sql`and v.territory = ${options.territory}` : sql``;
  const { rows } = await sql<MeasurementRow & { published_status: ValueStatus; published_illustrative: boolean }>`
    select m.*, latest.status as published_status, latest.illustrative as published_illustrative
    from unnest(${ids}::uuid[]) as wanted (indicator_id)
    cross join lateral (
      select v.period, v.territory, v.revision, v.status, v.illustrative from indicator_period_value v
      where v.indicator_id = wanted.indicator_id and v.revision is not null ${territory}
      order by v.period_rank, (v.territory like 'dep:%') desc, v.territory
      limit 1
    ) as latest
    -- One primary-key lookup per indicator, after the choice (inside the lateral, one per stored period).
    join measurement m on m.indicator_id = wanted.indicator_id and m.period = latest.period and m.territory = latest.territory and m.revision = latest.revision`.execute(db);
  return rows.map((row) => publishedMeasurement(measurementFromRow(row), row.published_status, row.published_illustrative));
}
