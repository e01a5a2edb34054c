import { sql, type Kysely } from 'kysely';

/**
 * Stored indicator values (issue 11 point 2): what the one rule of values (`indicatorValueReport`) gives
 * each indicator, kept at write time so that a read never scans measurement histories.
 * - `indicator_current`: one row per indicator, its current value for the scheme as a whole, its
 *   completion rate and the published measurement that value is (the deprecated `latestMeasurement`).
 * - `indicator_period_value`: its published values per (period, territory) for the scheme's départements
 *   and every stored territory, secrecy applied; a pair absent is « not known » (`notKnownValue`).
 * - `indicator_value_pending`: indicators whose stored values a write made stale. Statement-level
 *   triggers on `measurement`, `indicator`, `district` and `scheme` (départements) mark them, so no writer
 *   can forget; the transaction that wrote recomputes them before it commits (`inTransaction` calls
 *   `refreshStoredIndicatorValues`), with the same rule every read used to run.
 * This migration only creates and marks: every indicator is pending, and the start that follows (the
 * migrator) fills the tables in batches with progress. See docs/decisions/0007-stored-values.md.
 */
const VALUE_COLUMNS = `status text not null,
    value float8,
    numerator float8,
    denominator float8,
    provisional boolean not null,
    illustrative boolean not null,
    sources jsonb not null,
    origin text not null`;

const UP = [
  `create table indicator_value_pending (indicator_id uuid primary key)`,
  `create table indicator_current (
    indicator_id uuid primary key references indicator (id) on delete cascade,
    period text,
    territory text,
    ${VALUE_COLUMNS},
    completion_rate float8,
    latest_measurement jsonb
  )`,
  `create table indicator_period_value (
    indicator_id uuid not null references indicator (id) on delete cascade,
    period text not null,
    territory text not null,
    ${VALUE_COLUMNS},
    primary key (indicator_id, period, territory)
  )`,
  `create function indicator_values_mark(ids uuid[]) returns void language sql as $$
    insert into indicator_value_pending (indicator_id)
      select distinct id from unnest(ids) as id where id is not null order by id
      on conflict do nothing;
  $$`,
  `create function indicator_values_measurement_changed() returns trigger language plpgsql as $$
    begin
      perform indicator_values_mark(array(select indicator_id from changed_rows));
      return null;
    end
  $$`,
  `create function indicator_values_measurement_updated() returns trigger language plpgsql as $$
    begin
      perform indicator_values_mark(array(select indicator_id from old_rows union select indicator_id from new_rows));
      return null;
    end
  $$`,
  `create function indicator_values_indicator_changed() returns trigger language plpgsql as $$
    begin
      perform indicator_values_mark(array(select id from changed_rows));
      return null;
    end
  $$`,
  `create function indicator_values_district_changed() returns trigger language plpgsql as $$
    begin
      perform indicator_values_mark(array(select i.id from indicator i where i.scheme_id in (select scheme_id from changed_rows)));
      return null;
    end
  $$`,
  `create function indicator_values_district_updated() returns trigger language plpgsql as $$
    begin
      perform indicator_values_mark(array(select i.id from indicator i where i.scheme_id in (select scheme_id from old_rows union select scheme_id from new_rows)));
      return null;
    end
  $$`,
  `create function indicator_values_scheme_updated() returns trigger language plpgsql as $$
    begin
      perform indicator_values_mark(array(
        select i.id from indicator i
        join new_rows n on n.id = i.scheme_id join old_rows o on o.id = n.id
        where n.departments is distinct from o.departments));
      return null;
    end
  $$`,
  `create trigger indicator_values_insert after insert on measurement referencing new table as changed_rows
    for each statement execute function indicator_values_measurement_changed()`,
  `create trigger indicator_values_delete after delete on measurement referencing old table as changed_rows
    for each statement execute function indicator_values_measurement_changed()`,
  `create trigger indicator_values_update after update on measurement referencing old table as old_rows new table as new_rows
    for each statement execute function indicator_values_measurement_updated()`,
  // An indicator's own columns (aggregation, periodicity, secrecy threshold, unit, baseline, target,
  // illustrative) are inputs of the rule: any insert or update recomputes it. A deleted one cascades.
  `create trigger indicator_values_insert after insert on indicator referencing new table as changed_rows
    for each statement execute function indicator_values_indicator_changed()`,
  `create trigger indicator_values_update after update on indicator referencing new table as changed_rows
    for each statement execute function indicator_values_indicator_changed()`,
  `create trigger indicator_values_insert after insert on district referencing new table as changed_rows
    for each statement execute function indicator_values_district_changed()`,
  `create trigger indicator_values_delete after delete on district referencing old table as changed_rows
    for each statement execute function indicator_values_district_changed()`,
  `create trigger indicator_values_update after update on district referencing old table as old_rows new table as new_rows
    for each statement execute function indicator_values_district_updated()`,
  `create trigger indicator_values_update after update on scheme referencing old table as old_rows new table as new_rows
    for each statement execute function indicator_values_scheme_updated()`,
  `insert into indicator_value_pending (indicator_id) select id from indicator`,
];

const DOWN = [
  'drop trigger if exists indicator_values_insert on measurement',
  'drop trigger if exists indicator_values_delete on measurement',
  'drop trigger if exists indicator_values_update on measurement',
  'drop trigger if exists indicator_values_insert on indicator',
  'drop trigger if exists indicator_values_update on indicator',
  'drop trigger if exists indicator_values_insert on district',
  'drop trigger if exists indicator_values_delete on district',
  'drop trigger if exists indicator_values_update on district',
  'drop trigger if exists indicator_values_update on scheme',
  'drop function if exists indicator_values_measurement_changed()',
  'drop function if exists indicator_values_measurement_updated()',
  'drop function if exists indicator_values_indicator_changed()',
  'drop function if exists indicator_values_district_changed()',
  'drop function if exists indicator_values_district_updated()',
  'drop function if exists indicator_values_scheme_updated()',
  'drop function if exists indicator_values_mark(uuid[])',
  'drop table if exists indicator_period_value',
  'drop table if exists indicator_current',
  'drop table if exists indicator_value_pending',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
