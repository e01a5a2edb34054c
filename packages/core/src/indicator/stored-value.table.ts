// The stored values of indicators (migration 2026-12-02T0630-stored-values): written only by
// refreshStoredIndicatorValues (stored-value.repository.ts) with the one rule of values; read-only for all other code.
import type { Defaulted, Json } from '../database/columns.ts';
import type { ValueOrigin, ValueStatus } from '../rules/indicator-value.ts';
import type { PublishedMeasurement } from './indicator-value.service.ts';

/** The columns of a published value (`IndicatorValue` without its period and territory). */
interface StoredValueColumns {
  status: ValueStatus;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  provisional: boolean;
  illustrative: boolean;
  sources: Json<string[]>;
  origin: ValueOrigin;
}

/** One row per indicator: its current value for the scheme as a whole, completion rate, the measurement it is. */
export interface IndicatorCurrentTable extends StoredValueColumns {
  indicator_id: string;
  period: string | null;
  territory: string | null;
  completion_rate: number | null;
  latest_measurement: Json<PublishedMeasurement> | null;
}

/** The published value of an indicator for one period and one territory (a pair absent is not known). */
export interface IndicatorPeriodValueTable extends StoredValueColumns {
  indicator_id: string;
  period: string;
  territory: string;
  /** The revision that counts (`countingRevision`) when a measurement of this period and territory is stored. */
  revision: number | null;
  /** The place of the period in the rule's order (`periods()`), most recent first: 0 for the latest. */
  period_rank: Defaulted<number>;
  /** Whether this period is the territory's current value by the rule (`current(territory)`); one row at most per territory. */
  is_current: Defaulted<boolean>;
}

/** Indicators whose stored values a write of the open transaction made stale (marked by triggers). */
export interface IndicatorValuePendingTable {
  indicator_id: string;
}
