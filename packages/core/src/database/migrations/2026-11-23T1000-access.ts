import { sql, type Kysely } from 'kysely';

/**
 * API tokens and the audit log. A token's secret is never stored: only its SHA-256 hash. Every write made
 * through the GraphQL gateway adds one `audit_log` row, in the same transaction as the change.
 */
const UP = [
  `create table api_token (
    id uuid primary key,
    label text not null,
    hash text not null unique,
    role text not null,
    departments text[] not null,
    indicators text[] not null default '{}',
    created_at timestamptz not null default now(),
    revoked_at timestamptz
  )`,
  `create table audit_log (
    id uuid primary key,
    token_id uuid references api_token (id),
    token_label text,
    at timestamptz not null default now(),
    operation text not null,
    entity_type text not null,
    entity_id text,
    before jsonb,
    after jsonb
  )`,
  `create index audit_log_entity_idx on audit_log (entity_type, entity_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists audit_log').execute(db);
  await sql.raw('drop table if exists api_token').execute(db);
}
