import type { Kysely, Transaction } from 'kysely';
import { validationError } from '../shared/errors.ts';
import type { Lang } from '../validation/issues.ts';
import { periodStart, type MeasurementDocument } from './measurement.ts';
import { randomUUID } from 'node:crypto';
import type { Database } from '../database/database.ts';
import { isUuid } from '../shared/ids.ts';
import { checkTerritoryCodes } from '../territory/district.repository.ts';
import { measurementFromRow, type Measurement } from './measurement.service.ts';

/**
 * The measurements of several indicators, in one statement, sorted by indicator, period and territory:
 * the latest revision of each (period, territory), or every revision with `history: true`.
 *
 * ### Examples
 * ```ts
 * const series = await getMeasurementsByIndicatorIds(db, [indicator.id]);
 * const corrections = await getMeasurementsByIndicatorIds(db, [indicator.id], { history: true });
 * ```
 */
export async function getMeasurementsByIndicatorIds(
  db: Kysely<Database>,
  indicatorIds: readonly string[],
  options: { history?: boolean } = {},
): Promise<Measurement[]> {
  const valid = indicatorIds.filter(isUuid);
  if (valid.length === 0) return [];
  const base = db.selectFrom('measurement').selectAll().where('indicator_id', 'in', valid);
  const rows = options.history
    ? await base.orderBy('indicator_id').orderBy('period_start').orderBy('period').orderBy('territory').orderBy('revision').execute()
    : await base
        .distinctOn(['indicator_id', 'period_start', 'period', 'territory'])
        .orderBy('indicator_id')
        .orderBy('period_start')
        .orderBy('period')
        .orderBy('territory')
        .orderBy('revision', 'desc')
        .execute();
  return rows.map(measurementFromRow);
}

/** What {@link recordMeasurement} returns: the new revision, and the previous one when there was one. */
export interface MeasurementWrite {
  readonly measurement: Measurement;
  readonly before: Measurement | null;
}

/**
 * Record a value of an indicator for a period and a territory, in one transaction: the first value is
 * revision 1, a correction inserts revision n+1 (earlier revisions are kept). The territory must be an
 * official code or one of the scheme's districts. Throws `DomainError` VALIDATION or NOT_FOUND.
 *
 * ### Examples
 * ```ts
 * const { measurement } = await recordMeasurement(db, indicator.id, { period: '2025', territory: 'dep:48', value: 182 });
 * measurement.revision; // 2 when 2025 already had a value
 * ```
 */
export async function writeMeasurement(
  trx: Transaction<Database>,
  indicator: { readonly id: string; readonly schemeId: string },
  data: MeasurementDocument,
  lang: Lang,
): Promise<MeasurementWrite> {
  const indicatorId = indicator.id;
  {
    const issues = await checkTerritoryCodes(trx, indicator.schemeId, [{ code: data.territory, path: 'territory' }], lang);
    if (issues.length) throw validationError(issues, lang);
    const previous = await trx
      .selectFrom('measurement')
      .selectAll()
      .where('indicator_id', '=', indicatorId)
      .where('period', '=', data.period)
      .where('territory', '=', data.territory)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = await trx
      .insertInto('measurement')
      .values({
        id: randomUUID(),
        indicator_id: indicatorId,
        period: data.period,
        period_start: periodStart(data.period),
        territory: data.territory,
        revision: (previous?.revision ?? 0) + 1,
        value: data.value ?? null,
        numerator: data.numerator ?? null,
        denominator: data.denominator ?? null,
        missing_reason: data.missingReason ?? null,
        provisional: data.provisional ?? false,
        source: data.source ?? null,
        comment: data.comment ?? null,
        illustrative: data.illustrative ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { measurement: measurementFromRow(row), before: previous ? measurementFromRow(previous) : null };
  }
}
