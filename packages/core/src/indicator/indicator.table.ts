// The stored rows of indicator: the tables as kysely sees them, columns typed by the domain unions.
import type { Defaulted, Json } from '../database/columns.ts';
import type { Aggregation, Direction, IndicatorType, Periodicity } from './indicator.ts';

export interface IndicatorTable {
  id: string;
  scheme_id: string;
  orientation_id: string | null;
  action_id: string | null;
  code: string;
  name: string;
  definition: string | null;
  type: IndicatorType;
  unit: string;
  direction: Direction;
  baseline_value: number | null;
  baseline_date: string | null;
  target_value: number | null;
  target_date: string | null;
  intermediate_targets: Json<{ value: number; date: string; illustrative?: boolean; source?: string }[]>;
  periodicity: Periodicity;
  source: string | null;
  aggregation: Aggregation;
  shared_code: string | null;
  owner_partner_id: string | null;
  position: number;
  illustrative: Defaulted<boolean>;
  /** Statistical secrecy: counts above zero and below it are masked on output (null: no threshold). */
  secrecy_threshold: Defaulted<number | null>;
  /** Provenance of the reference values; null takes the indicator's `illustrative`. */
  baseline_illustrative: Defaulted<boolean | null>;
  baseline_source: Defaulted<string | null>;
  target_illustrative: Defaulted<boolean | null>;
  target_source: Defaulted<string | null>;
}
