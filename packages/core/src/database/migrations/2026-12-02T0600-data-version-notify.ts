import { sql, type Kysely } from 'kysely';

/**
 * The data-version bump also notifies the new version on the channel `sosms_data_version` (`pg_notify`),
 * so that a gateway keeps the version in memory instead of reading it per request (data-version.ts,
 * {@link watchDataVersion}). PostgreSQL delivers a notification when its transaction commits, never
 * for one that rolls back; PGlite delivers it with the commit's own result.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function sosms_bump_data_version() returns trigger language plpgsql as $$
    declare
      bumped bigint;
    begin
      -- Once per transaction: later statements of the same transaction already hold the new version.
      if current_setting('sosms.data_version_txid', true) is distinct from txid_current()::text then
        update sosms_data_version set version = version + 1 where id = 1 returning version into bumped;
        perform set_config('sosms.data_version_txid', txid_current()::text, true);
        perform pg_notify('sosms_data_version', bumped::text);
      end if;
      return null;
    end
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function sosms_bump_data_version() returns trigger language plpgsql as $$
    begin
      if current_setting('sosms.data_version_txid', true) is distinct from txid_current()::text then
        update sosms_data_version set version = version + 1 where id = 1;
        perform set_config('sosms.data_version_txid', txid_current()::text, true);
      end if;
      return null;
    end
    $$`.execute(db);
}
