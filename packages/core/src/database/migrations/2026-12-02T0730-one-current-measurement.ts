import { sql, type Kysely } from 'kysely';
import * as readModels from './2026-12-01T2130-read-models.ts';

/**
 * One home for "the current measurement" (decision 0007): `measurement_latest` (migration
 * 2026-12-01T2130-read-models) kept "the latest revision of the latest period" by triggers of its own, which
 * is not what the one rule of values counts (a final revision wins over a later provisional one, secrecy
 * masks), and no output read it any more. Its table, triggers and functions go; the stored values of the
 * rule say instead, for each (period, territory) with a stored measurement, which revision counts
 * (`indicator_period_value.revision`), and the place of each period in the rule's order, most recent first
 * (`period_rank`, 0 for the latest): `getLatestMeasurementsByIndicatorIds` reads those.
 * Every indicator is marked again: the start that follows (the migrator) refills the stored values.
 */
const UP = [
  'drop trigger if exists measurement_latest_insert on measurement',
  'drop trigger if exists measurement_latest_delete on measurement',
  'drop trigger if exists measurement_latest_update on measurement',
  'drop trigger if exists measurement_latest_truncate on measurement',
  'drop function if exists measurement_rows_changed()',
  'drop function if exists measurement_rows_updated()',
  'drop function if exists measurement_truncated()',
  'drop function if exists refresh_measurement_latest(uuid[])',
  'drop table if exists measurement_latest',
  'alter table indicator_period_value add column revision integer, add column period_rank integer not null default 0',
  'insert into indicator_value_pending (indicator_id) select id from indicator on conflict do nothing',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table indicator_period_value drop column if exists revision, drop column if exists period_rank`.execute(db);
  await readModels.up(db);
}
