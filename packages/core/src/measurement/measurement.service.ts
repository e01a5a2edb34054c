import type { Kysely } from 'kysely';
import { assertCanRecordMeasurement } from '../access/access.ts';
import { runCommand, type Caller } from '../access/command.ts';
import type { Database, MeasurementRow } from '../database/database.ts';
import { schemeForWrite } from '../scheme/scheme.service.ts';
import { notFoundError, validated, validationError } from '../shared/errors.ts';
import type { Periodicity } from '../indicator/indicator.ts';
import { periodicityIssue } from '../rules/indicator-value.ts';
import { isUuid } from '../shared/ids.ts';
import { DomainError } from '../validation/issues.ts';
import { writeMeasurement } from './measurement.repository.ts';
import { measurementSchema } from './measurement.ts';
import { toIsoTimestamp } from '../shared/values.ts';
import type { MissingReason } from './measurement.ts';

/**
 * One stored value of an indicator for a period and a territory. Corrections are new revisions.
 *
 * ### Examples
 * ```ts
 * const [latest] = await getLatestMeasurementsByIndicatorIds(db, [indicator.id]);
 * latest.value; // 180
 * ```
 */
export interface Measurement {
  readonly id: string;
  readonly indicatorId: string;
  readonly period: string;
  /** First day of the period (`2024-Q2` → `2024-04-01`). */
  readonly periodStart: string;
  readonly territory: string;
  readonly revision: number;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly missingReason: MissingReason | null;
  readonly provisional: boolean;
  readonly source: string | null;
  readonly comment: string | null;
  readonly illustrative: boolean;
  /** ISO 8601 timestamp of when this revision was written. */
  readonly recordedAt: string;
}

/**
 * Map a `measurement` row to a {@link Measurement}.
 *
 * ### Examples
 * ```ts
 * measurementFromRow(row).revision; // 2 after one correction
 * ```
 */
export function measurementFromRow(row: MeasurementRow): Measurement {
  return {
    id: row.id,
    indicatorId: row.indicator_id,
    period: row.period,
    periodStart: row.period_start,
    territory: row.territory,
    revision: row.revision,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    missingReason: row.missing_reason as MissingReason | null,
    provisional: row.provisional,
    source: row.source,
    comment: row.comment,
    illustrative: row.illustrative,
    recordedAt: toIsoTimestamp(row.recorded_at),
  };
}

/**
 * Record a value of an indicator for a period and a territory: an editor of every département of the
 * indicator's scheme, or a contributor whose token names the indicator. The first value is revision 1; a
 * correction inserts revision n+1 (earlier revisions are kept). The territory must be an official code
 * or one of the scheme's districts.
 *
 * ### Examples
 * ```ts
 * const measurement = await recordMeasurement(db, { principal }, indicator.id, { period: '2025', territory: 'dep:48', value: 182 });
 * measurement.revision; // 2 when 2025 already had a value
 * ```
 */
export function recordMeasurement(db: Kysely<Database>, caller: Caller, indicatorId: string, input: unknown): Promise<Measurement> {
  return runCommand(db, caller, 'measurement:record', async (ctx) => {
    const data = validated(measurementSchema, input, ctx.lang);
    const owner = isUuid(indicatorId) ? await ctx.trx.selectFrom('indicator').select('scheme_id').where('id', '=', indicatorId).executeTakeFirst() : undefined;
    if (!owner) throw notFoundError('unknown_indicator', 'indicatorId', indicatorId, ctx.lang);
    // The scheme row for share, as every write into a scheme does; then the indicator row for update,
    // which serialises concurrent corrections of one indicator.
    const scheme = await schemeForWrite(ctx, { id: owner.scheme_id }, 'share').catch((error: unknown) => {
      throw error instanceof DomainError && error.code === 'NOT_FOUND' ? notFoundError('unknown_indicator', 'indicatorId', indicatorId, ctx.lang) : error;
    });
    assertCanRecordMeasurement(ctx.principal, { id: indicatorId, departments: scheme.departments }, ctx.lang);
    const locked = await ctx.trx.selectFrom('indicator').select('periodicity').where('id', '=', indicatorId).forUpdate().executeTakeFirstOrThrow();
    // A period finer than the indicator's periodicity (`2024-03` for a yearly indicator) is refused.
    const refused = periodicityIssue(locked.periodicity as Periodicity, data.period, 'period', ctx.lang);
    if (refused) throw validationError([refused], ctx.lang);
    const { measurement, before } = await writeMeasurement(ctx.trx, { id: indicatorId, schemeId: scheme.id }, data, ctx.lang);
    return { value: measurement, entityId: measurement.id, before, after: measurement };
  });
}
