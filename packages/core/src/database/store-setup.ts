import { sql, type Kysely } from 'kysely';

// A store's first setup (the five real schemes loaded, or the choice of none), recorded in the one-row table
// `sosms_store_setup` (migration 2026-12-02T1400-store-setup): read when a store opens, written by the demo
// load's transaction or by a caller that leaves the store empty.

/** Whether the store's first setup is recorded (false on a new store, or one whose first setup was interrupted). */
export async function isStoreSetUp(db: Kysely<any>): Promise<boolean> {
  const found = await sql<{ ok: boolean }>`select exists (select 1 from sosms_store_setup) as ok`.execute(db);
  return found.rows[0]?.ok === true;
}

/** Record that the store's first setup is done (idempotent); in the caller's transaction when given one. */
export async function markStoreSetUp(db: Kysely<any>): Promise<void> {
  await sql`insert into sosms_store_setup (id) values (1) on conflict (id) do nothing`.execute(db);
}
