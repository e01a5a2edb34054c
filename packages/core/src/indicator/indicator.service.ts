import type { IndicatorRow } from '../database/database.ts';
import type { Aggregation, Direction, IndicatorType, Periodicity } from './indicator.ts';

/**
 * An indicator as stored. It belongs to a scheme and is attached to the scheme itself (both
 * `orientationId` and `actionId` null), to an orientation, or to an action.
 *
 * ### Examples
 * ```ts
 * const [indicator] = await getIndicatorsByIds(db, [id]);
 * completionRate({ baselineValue: indicator.baseline?.value, targetValue: indicator.target?.value }, 50);
 * ```
 */
export interface Indicator {
  readonly id: string;
  readonly schemeId: string;
  readonly orientationId: string | null;
  readonly actionId: string | null;
  readonly code: string;
  readonly name: string;
  readonly definition: string | null;
  readonly type: IndicatorType;
  readonly unit: string;
  readonly direction: Direction;
  readonly baseline: { value: number; date: string } | null;
  readonly target: { value: number; date: string } | null;
  readonly intermediateTargets: { value: number; date: string }[];
  readonly periodicity: Periodicity;
  readonly source: string | null;
  readonly aggregation: Aggregation;
  readonly sharedCode: string | null;
  readonly ownerPartnerId: string | null;
  readonly position: number;
  readonly illustrative: boolean;
}

const dated = (value: number | null, date: string | null) => (value !== null && date !== null ? { value, date } : null);

/**
 * Map an `indicator` row to an {@link Indicator}.
 *
 * ### Examples
 * ```ts
 * indicatorFromRow(row).target; // { value: 60, date: '2023-12-31' }
 * ```
 */
export function indicatorFromRow(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    orientationId: row.orientation_id,
    actionId: row.action_id,
    code: row.code,
    name: row.name,
    definition: row.definition,
    type: row.type as IndicatorType,
    unit: row.unit,
    direction: row.direction as Direction,
    baseline: dated(row.baseline_value, row.baseline_date),
    target: dated(row.target_value, row.target_date),
    intermediateTargets: row.intermediate_targets,
    periodicity: row.periodicity as Periodicity,
    source: row.source,
    aggregation: row.aggregation as Aggregation,
    sharedCode: row.shared_code,
    ownerPartnerId: row.owner_partner_id,
    position: row.position,
    illustrative: row.illustrative,
  };
}
