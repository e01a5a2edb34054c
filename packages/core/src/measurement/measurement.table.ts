// The stored rows of measurement: the tables as kysely sees them, columns typed by the domain unions.
import type { Generated } from 'kysely';
import type { Defaulted } from '../database/columns.ts';
import type { MissingReason } from './measurement.ts';

export interface MeasurementTable {
  id: string;
  indicator_id: string;
  period: string;
  period_start: string;
  territory: string;
  revision: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  missing_reason: MissingReason | null;
  provisional: Defaulted<boolean>;
  source: string | null;
  comment: string | null;
  illustrative: Defaulted<boolean>;
  recorded_at: Generated<Date>;
}

