import { sql, type Kysely } from 'kysely';

/**
 * A data version every write advances, for HTTP caching (ETag): one counter row, bumped once per writing
 * transaction by a statement-level trigger on every data table, so that imports from the command line,
 * GraphQL mutations and hand-written SQL all count. The bump is transactional: a reader sees the new
 * version exactly when it sees the new data. Tables created later get the same trigger from
 * {@link trackDataVersion}, which the migrator runs after every migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table sosms_data_version (id integer primary key check (id = 1), version bigint not null)`.execute(db);
  await sql`insert into sosms_data_version (id, version) values (1, 1)`.execute(db);
  await sql`
    create function sosms_bump_data_version() returns trigger language plpgsql as $$
    begin
      -- Once per transaction: later statements of the same transaction already hold the new version.
      if current_setting('sosms.data_version_txid', true) is distinct from txid_current()::text then
        update sosms_data_version set version = version + 1 where id = 1;
        perform set_config('sosms.data_version_txid', txid_current()::text, true);
      end if;
      return null;
    end
    $$`.execute(db);
  await trackDataVersion(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = await sql<{ table: string }>`
    select event_object_table as table from information_schema.triggers
    where trigger_name = 'sosms_data_version' and event_object_schema = current_schema()
    group by event_object_table`.execute(db);
  for (const { table } of tables.rows) await sql`drop trigger sosms_data_version on ${sql.table(table)}`.execute(db);
  await sql`drop function sosms_bump_data_version()`.execute(db);
  await sql`drop table sosms_data_version`.execute(db);
}

/**
 * Tables whose writes do not change what a reader is shown. `indicator_value_pending` is emptied at the end
 * of every writing transaction (stored values, 2026-12-02T0630), even when nothing was marked.
 */
const UNTRACKED = ['sosms_data_version', 'api_token', 'audit_log', 'kysely_migration', 'kysely_migration_lock', 'indicator_value_pending'];

/**
 * Put the data-version trigger on every table of the schema that lacks it (idempotent; nothing to do
 * before the data-version migration has run).
 *
 * ### Examples
 * ```ts
 * await trackDataVersion(db); // after a migration that created a table
 * ```
 */
export async function trackDataVersion(db: Kysely<any>): Promise<void> {
  const present = await sql<{ ok: boolean }>`select to_regclass('sosms_data_version') is not null as ok`.execute(db);
  if (!present.rows[0]?.ok) return;
  const missing = await sql<{ table: string }>`
    select c.relname as table from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
      and c.relname <> all(${sql.val(UNTRACKED)}::text[])
      and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'sosms_data_version')
    order by c.relname`.execute(db);
  for (const { table } of missing.rows) {
    await sql`create or replace trigger sosms_data_version after insert or update or delete or truncate on ${sql.table(table)} for each statement execute function sosms_bump_data_version()`.execute(db);
  }
}
