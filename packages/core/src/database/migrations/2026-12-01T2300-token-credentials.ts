import { sql, type Kysely } from 'kysely';

/**
 * Tokens as credentials (issue 13, item 7): every token expires (`expires_at`, one year after its creation
 * by default; existing tokens get one year from their creation, and at least 90 days from this
 * migration); `last_used_at` is written at most once a minute per token; a rotated token names the one it
 * replaced (`rotated_from`).
 */
const UP = [
  `alter table api_token add column expires_at timestamptz`,
  `alter table api_token add column last_used_at timestamptz`,
  `alter table api_token add column rotated_from uuid references api_token (id)`,
  `update api_token set expires_at = greatest(created_at + interval '1 year', now() + interval '90 days')`,
  `alter table api_token alter column expires_at set not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table api_token drop column rotated_from').execute(db);
  await sql.raw('alter table api_token drop column last_used_at').execute(db);
  await sql.raw('alter table api_token drop column expires_at').execute(db);
}
