import { sql, type Kysely } from 'kysely';

/**
 * The one rule of an indicator's value needs two facts the schema did not hold: the small-count threshold of
 * statistical secrecy (per indicator, null: none), and the provenance of each reference value (whether the
 * baseline and the target are real or illustrative, and their sources), since the `illustrative` mark of the
 * indicator no longer speaks for every value it carries. Null marks fall back to the indicator's mark.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table indicator
    add column secrecy_threshold integer,
    add column baseline_illustrative boolean,
    add column baseline_source text,
    add column target_illustrative boolean,
    add column target_source text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table indicator
    drop column secrecy_threshold,
    drop column baseline_illustrative,
    drop column baseline_source,
    drop column target_illustrative,
    drop column target_source`.execute(db);
}
