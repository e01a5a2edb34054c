import { sql, type Kysely } from 'kysely';

/**
 * A territory's current value stored at write time (decision 0007 §5): `indicator_period_value.is_current`
 * marks, for each indicator and each stored territory (the scheme's départements and every territory with
 * a measurement), the row of the period that the one rule's `current(territory)` gives (the latest period
 * with a known value, else the latest period's status). `currentValue(territory:)` reads that row instead of
 * every revision of the indicator; no row marked is the rule's « not known, no period ». Every indicator is
 * marked stale: the start that follows (the migrator) refills the stored values with the flag.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table indicator_period_value add column is_current boolean not null default false`.execute(db);
  await sql`create index indicator_period_value_current on indicator_period_value (indicator_id, territory) where is_current`.execute(db);
  await sql`insert into indicator_value_pending (indicator_id) select id from indicator on conflict do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists indicator_period_value_current`.execute(db);
  await sql`alter table indicator_period_value drop column if exists is_current`.execute(db);
}
