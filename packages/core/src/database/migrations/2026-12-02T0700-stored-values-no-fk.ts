import { sql, type Kysely } from 'kysely';

/**
 * `indicator_period_value` without its foreign key to `indicator`: checking it cost three quarters of the
 * time of writing a national store's 618,000 stored values (one lookup per row). A deleted indicator's
 * rows are removed by the refresh instead: a trigger marks deleted indicators as it marks changed ones,
 * and `refreshStoredIndicatorValues` deletes the stored rows of every indicator it takes. `indicator_current`
 * (one row per indicator) keeps its cascade.
 */
const UP = [
  'alter table indicator_period_value drop constraint if exists indicator_period_value_indicator_id_fkey',
  `create trigger indicator_values_delete after delete on indicator referencing old table as changed_rows
    for each statement execute function indicator_values_indicator_changed()`,
  // Rows an indicator deleted before this migration left behind are none (the cascade removed them).
];

const DOWN = [
  'drop trigger if exists indicator_values_delete on indicator',
  'delete from indicator_period_value where indicator_id not in (select id from indicator)',
  'alter table indicator_period_value add constraint indicator_period_value_indicator_id_fkey foreign key (indicator_id) references indicator (id) on delete cascade',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
