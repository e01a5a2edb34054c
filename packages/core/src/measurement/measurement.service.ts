import type { MeasurementRow } from '../database/database.ts';
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
