import { sql, type Kysely } from 'kysely';

/**
 * Whether a store's first setup is done: the five real schemes loaded, or the choice of none (`--no-demo`,
 * `SOSMS_DEMO=0`, a store the CLI opened first). One row once it is, written in the transaction of the demo
 * load (`markStoreSetUp`, database/store-setup.ts). Before, a store counted as new only during the open that created it: a first
 * `npm start` stopped (Ctrl-C) while it loaded the schemes left a migrated, empty store that later starts took
 * as set up, so the real schemes never came.
 *
 * A store that already holds anything (a scheme, a partner, a token, an audit row) is set up. One that holds
 * nothing is taken as new: its next start loads the real schemes unless told not to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table sosms_store_setup (id integer primary key check (id = 1), done_at timestamptz not null default now())`.execute(db);
  await sql`
    insert into sosms_store_setup (id)
    select 1 where exists (select 1 from scheme) or exists (select 1 from partner) or exists (select 1 from api_token) or exists (select 1 from audit_log)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table sosms_store_setup`.execute(db);
}
