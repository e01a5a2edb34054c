import { sql, type Kysely } from 'kysely';

/**
 * Read models kept at write time (issue 11): `measurement_latest` holds, for each (indicator, territory),
 * the key of its current measurement: the latest revision of the latest period. Reads of current values
 * (dashboards, latest measurement, completion rates) look one row up per territory instead of sorting the
 * whole history of every indicator asked for, which was 80 % of a dashboard's time in PostgreSQL.
 *
 * The one definition of "current" is `refresh_measurement_latest(ids)`; statement-level triggers call it
 * for the indicators a statement touched (insert, COPY, update, delete, truncate), so that every writer
 * (granular writes, imports, spreadsheets, deletions of indicators) keeps it exact without knowing it.
 * Only the key is stored: the values stay in `measurement` (one primary-key lookup away), so columns added
 * to measurements later need no change here. See docs/decisions/0004-read-models.md.
 */
const UP = [
  `create table measurement_latest (
    indicator_id uuid not null,
    territory text not null,
    period_start date not null,
    period text not null,
    revision integer not null,
    primary key (indicator_id, territory)
  )`,
  // Among the rows of a territory: the latest period (by its first day), its latest revision; two periods
  // starting the same day (2024 and 2024-01) are told apart by the revision, then by the period code.
  `create function refresh_measurement_latest(ids uuid[]) returns void language sql as $$
    delete from measurement_latest where indicator_id = any(ids);
    insert into measurement_latest (indicator_id, territory, period_start, period, revision)
      select distinct on (indicator_id, territory) indicator_id, territory, period_start, period, revision
      from measurement where indicator_id = any(ids)
      order by indicator_id, territory, period_start desc, revision desc, period desc;
  $$`,
  `create function measurement_rows_changed() returns trigger language plpgsql as $$
    begin
      perform refresh_measurement_latest(array(select distinct indicator_id from changed_measurements));
      return null;
    end
  $$`,
  `create function measurement_rows_updated() returns trigger language plpgsql as $$
    begin
      perform refresh_measurement_latest(array(select indicator_id from old_measurements union select indicator_id from new_measurements));
      return null;
    end
  $$`,
  `create function measurement_truncated() returns trigger language plpgsql as $$
    begin
      delete from measurement_latest;
      return null;
    end
  $$`,
  `create trigger measurement_latest_insert after insert on measurement referencing new table as changed_measurements
    for each statement execute function measurement_rows_changed()`,
  `create trigger measurement_latest_delete after delete on measurement referencing old table as changed_measurements
    for each statement execute function measurement_rows_changed()`,
  `create trigger measurement_latest_update after update on measurement referencing old table as old_measurements new table as new_measurements
    for each statement execute function measurement_rows_updated()`,
  `create trigger measurement_latest_truncate after truncate on measurement for each statement execute function measurement_truncated()`,
  `select refresh_measurement_latest(array(select distinct indicator_id from measurement))`,
];

const DOWN = [
  'drop trigger if exists measurement_latest_insert on measurement',
  'drop trigger if exists measurement_latest_delete on measurement',
  'drop trigger if exists measurement_latest_update on measurement',
  'drop trigger if exists measurement_latest_truncate on measurement',
  'drop function if exists measurement_rows_changed()',
  'drop function if exists measurement_rows_updated()',
  'drop function if exists measurement_truncated()',
  'drop function if exists refresh_measurement_latest(uuid[])',
  'drop table if exists measurement_latest',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
