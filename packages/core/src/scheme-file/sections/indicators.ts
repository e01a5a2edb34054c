// The indicators section of a scheme file: the indicators of the scheme, its orientations and its actions,
// with their measurements.
// Its import and its export live side by side so that they stay each other's inverse.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Insertable } from '../../database/database.ts';
import { bulkInsert } from '../../database/bulk-insert.ts';
import { canonical, upsert } from '../../database/upsert.ts';
import { periodStart } from '../../measurement/measurement.ts';
import type { IndicatorDocument } from '../../indicator/indicator.ts';
import type { MeasurementDocument } from '../../measurement/measurement.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { walkIndicators } from '../validate.ts';
import { compact, group, idsByCode, json, nil, opt, type ImportProgress, type Progress, type Tally } from './rows.ts';
import type { WrittenTree } from './orientations.ts';

/** What the indicators section's import wrote: the indicators' ids by code, and the measurement revisions. */
export interface WrittenIndicators {
  indicatorIds: ReadonlyMap<string, string>;
  /** New measurement revisions written, out of the file's measurements. */
  measurements: { written: number; total: number };
}

/**
 * Import: create or update the indicators by code, attached to the scheme, an orientation or an action, then
 * write a new revision of every measurement that differs from its latest one.
 *
 * ### Examples
 * ```ts
 * const { indicatorIds, measurements } = await writeIndicatorsSection(trx, schemeId, file, tree, partners.id, tally, progress);
 * ```
 */
export async function writeIndicatorsSection(
  trx: Transaction<Database>,
  schemeId: string,
  file: SchemeFile,
  { orientationIds, actionIds }: WrittenTree,
  partnerId: (code: string) => string,
  tally: Tally,
  progress: Progress,
): Promise<WrittenIndicators> {
  const indicatorIds = await idsByCode(trx, 'indicator', [], schemeId);
  const indicators = [...walkIndicators(file)];
  for (const { indicator } of indicators) if (!indicatorIds.has(indicator.code)) indicatorIds.set(indicator.code, randomUUID());
  const indicatorRows = indicators.map(({ indicator: i, orientationCode, actionCode, position }) => ({
    id: indicatorIds.get(i.code)!,
    scheme_id: schemeId,
    orientation_id: orientationCode ? orientationIds.get(orientationCode)! : null,
    action_id: actionCode ? actionIds.get(actionCode)! : null,
    code: i.code,
    name: i.name,
    definition: nil(i.definition),
    type: i.type,
    unit: i.unit,
    direction: i.direction,
    baseline_value: nil(i.baseline?.value),
    baseline_date: nil(i.baseline?.date),
    target_value: nil(i.target?.value),
    target_date: nil(i.target?.date),
    intermediate_targets: json(i.intermediateTargets),
    periodicity: i.periodicity,
    source: nil(i.source),
    aggregation: i.aggregation,
    shared_code: nil(i.sharedCode),
    owner_partner_id: i.owner ? partnerId(i.owner) : null,
    position,
    illustrative: i.illustrative ?? false,
    secrecy_threshold: nil(i.secrecyThreshold),
    baseline_illustrative: nil(i.baseline?.illustrative),
    baseline_source: nil(i.baseline?.source),
    target_illustrative: nil(i.target?.illustrative),
    target_source: nil(i.target?.source),
  }));
  const { id: _d, scheme_id: _e, code: _f, ...indicatorColumns } = indicatorRows[0] ?? { id: '', scheme_id: '', code: '' };
  tally(await upsert(trx, 'indicator', indicatorRows, ['scheme_id', 'code'], Object.keys(indicatorColumns)), indicatorRows.length);
  progress({ stage: 'indicators', done: indicatorRows.length, total: indicatorRows.length });

  const measurements = await writeMeasurements(trx, indicators.map(({ indicator }) => ({ id: indicatorIds.get(indicator.code)!, measurements: indicator.measurements ?? [] })), progress);
  return { indicatorIds, measurements };
}

type MeasurementRow = Omit<Insertable<Database['measurement']>, 'recorded_at'> & { id: string; revision: number };

/**
 * The measurement columns an import writes. An optional column that holds only its default (null or false)
 * in a file is left out: PGlite spends most of a large write reading values, not storing them.
 */
const MEASUREMENT_COLUMNS = (
  [
    ['id', 'uuid', false],
    ['indicator_id', 'uuid', false],
    ['period', 'text', false],
    ['period_start', 'date', false],
    ['territory', 'text', false],
    ['revision', 'int', false],
    ['value', 'float8', true],
    ['numerator', 'float8', true],
    ['denominator', 'float8', true],
    ['missing_reason', 'text', true],
    ['provisional', 'bool', true],
    ['source', 'text', true],
    ['comment', 'text', true],
    ['illustrative', 'bool', true],
  ] as const
).map(([name, type, optional]) => ({ name, type, optional, value: (row: MeasurementRow) => row[name] ?? null }));

type MeasurementDoc = NonNullable<NonNullable<SchemeFile['indicators']>[number]['measurements']>[number];

async function writeMeasurements(
  trx: Transaction<Database>,
  indicators: { id: string; measurements: MeasurementDoc[] }[],
  progress: (p: ImportProgress) => void,
): Promise<{ written: number; total: number }> {
  const total = indicators.reduce((n, i) => n + i.measurements.length, 0);
  const ids = indicators.filter((i) => i.measurements.length).map((i) => i.id);
  if (total === 0) return { written: 0, total };
  const latest = new Map<string, { revision: number; key: string }>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await trx
      .selectFrom('measurement')
      .distinctOn(['indicator_id', 'period', 'territory'])
      .select(['indicator_id', 'period', 'territory', 'revision', 'value', 'numerator', 'denominator', 'missing_reason', 'provisional', 'source', 'comment', 'illustrative'])
      .where('indicator_id', 'in', ids.slice(i, i + 5000))
      .orderBy('indicator_id')
      .orderBy('period')
      .orderBy('territory')
      .orderBy('revision', 'desc')
      .execute();
    for (const r of rows) latest.set(`${r.indicator_id}|${r.period}|${r.territory}`, { revision: r.revision, key: measurementKey(r) });
  }
  const rows: MeasurementRow[] = [];
  for (const indicator of indicators) {
    for (const m of indicator.measurements) {
      const row = {
        indicator_id: indicator.id,
        period: m.period,
        period_start: periodStart(m.period),
        territory: m.territory,
        value: nil(m.value ?? undefined),
        numerator: nil(m.numerator),
        denominator: nil(m.denominator),
        missing_reason: nil(m.missingReason),
        provisional: m.provisional ?? false,
        source: nil(m.source),
        comment: nil(m.comment),
        illustrative: m.illustrative ?? false,
      };
      const previous = latest.get(`${indicator.id}|${m.period}|${m.territory}`);
      if (previous && previous.key === measurementKey(row)) continue;
      rows.push({ id: randomUUID(), revision: (previous?.revision ?? 0) + 1, ...row });
    }
  }
  const columns = MEASUREMENT_COLUMNS.filter((c) => !c.optional || rows.some((r) => c.value(r) !== null && c.value(r) !== false));
  await bulkInsert(trx, 'measurement', columns, rows, (done) => progress({ stage: 'measurements', done, total: rows.length }));
  return { written: rows.length, total };
}

function measurementKey(m: { value: number | null; numerator: number | null; denominator: number | null; missing_reason: string | null; provisional: boolean; source: string | null; comment: string | null; illustrative: boolean }): string {
  return canonical([m.value, m.numerator, m.denominator, m.missing_reason, m.provisional, m.source, m.comment, m.illustrative]);
}

/** The indicators section of a stored scheme: the partners it names, and the indicators of each parent. */
export interface IndicatorsSection {
  /** Codes of the partners that own an indicator. */
  partnerCodes: string[];
  /** The indicators of an action or orientation (by id), or of the scheme itself (`null`), in order. */
  of(parentId: string | null): IndicatorDocument[];
}

/**
 * Export: the indicators of a stored scheme, each with its measurements at their latest revision (earlier
 * revisions stay in the database).
 *
 * ### Examples
 * ```ts
 * const indicators = await readIndicatorsSection(db, schemeId);
 * const schemeLevel = indicators.of(null);
 * ```
 */
export async function readIndicatorsSection(db: Kysely<Database>, schemeId: string): Promise<IndicatorsSection> {
  const indicators = await db.selectFrom('indicator').leftJoin('partner', 'partner.id', 'indicator.owner_partner_id').selectAll('indicator').select('partner.code as owner_code').where('scheme_id', '=', schemeId).orderBy('position').execute();
  const measurements = indicators.length
    ? await db
        .selectFrom('measurement')
        .selectAll()
        .distinctOn(['indicator_id', 'period_start', 'period', 'territory'])
        .where('indicator_id', 'in', indicators.map((i) => i.id))
        .orderBy('indicator_id')
        .orderBy('period_start')
        .orderBy('period')
        .orderBy('territory')
        .orderBy('revision', 'desc')
        .execute()
    : [];
  const measurementsOf = group(measurements, (m) => m.indicator_id);
  const indicatorsOf = group(indicators, (i) => i.action_id ?? i.orientation_id ?? null);
  const toIndicator = (i: (typeof indicators)[number]): IndicatorDocument =>
    compact({
      code: i.code,
      name: i.name,
      definition: opt(i.definition),
      type: i.type as IndicatorDocument['type'],
      unit: i.unit,
      direction: i.direction as IndicatorDocument['direction'],
      baseline: i.baseline_value !== null && i.baseline_date
        ? compact({ value: i.baseline_value, date: i.baseline_date, illustrative: opt(i.baseline_illustrative), source: opt(i.baseline_source) })
        : undefined,
      target: i.target_value !== null && i.target_date
        ? compact({ value: i.target_value, date: i.target_date, illustrative: opt(i.target_illustrative), source: opt(i.target_source) })
        : undefined,
      intermediateTargets: i.intermediate_targets,
      periodicity: i.periodicity as IndicatorDocument['periodicity'],
      source: opt(i.source),
      aggregation: i.aggregation as IndicatorDocument['aggregation'],
      secrecyThreshold: opt(i.secrecy_threshold),
      sharedCode: opt(i.shared_code),
      owner: opt(i.owner_code),
      measurements: (measurementsOf.get(i.id) ?? []).map(
        (m): MeasurementDocument =>
          compact({
            period: m.period,
            territory: m.territory,
            value: opt(m.value),
            numerator: opt(m.numerator),
            denominator: opt(m.denominator),
            missingReason: opt(m.missing_reason) as MeasurementDocument['missingReason'],
            provisional: m.provisional || undefined,
            source: opt(m.source),
            comment: opt(m.comment),
            illustrative: m.illustrative || undefined,
          }),
      ),
      illustrative: i.illustrative || undefined,
    });
  return {
    partnerCodes: indicators.flatMap((i) => (i.owner_code ? [i.owner_code] : [])),
    of: (parentId) => (indicatorsOf.get(parentId) ?? []).map(toIndicator),
  };
}
