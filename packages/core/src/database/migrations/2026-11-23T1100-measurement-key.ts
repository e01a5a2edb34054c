import { sql, type Kysely } from 'kysely';

/**
 * A measurement is identified by what it measures: (indicator, period, territory, revision) becomes the
 * primary key, and the random `id` keeps no index of its own. Measurements are the bulk of the data; one
 * B-tree instead of two over random UUIDs takes about a third off a 72,000-value import on PGlite, and
 * every read of measurements goes through the indicator anyway. See docs/decisions/0002-measurement-storage.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table measurement drop constraint measurement_pkey`.execute(db);
  await sql`alter table measurement drop constraint measurement_indicator_id_period_territory_revision_key`.execute(db);
  await sql`alter table measurement add constraint measurement_pkey primary key (indicator_id, period, territory, revision)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table measurement drop constraint measurement_pkey`.execute(db);
  await sql`alter table measurement add constraint measurement_indicator_id_period_territory_revision_key unique (indicator_id, period, territory, revision)`.execute(db);
  await sql`alter table measurement add constraint measurement_pkey primary key (id)`.execute(db);
}
