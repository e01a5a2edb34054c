import { sql, type Kysely } from 'kysely';

/**
 * Commands (decision 0003): the audit log records refused attempts as well as writes (`outcome`,
 * `code`); a scheme's status changes are kept with their kind (a forward transition, an amendment, a
 * withdrawal), date and reason; a scheme declares the partners it names (`scheme_partner`), so that a
 * partner of a hidden draft is neither listed nor usable by another département.
 */
const UP = [
  `alter table audit_log add column outcome text not null default 'done'`,
  `alter table audit_log add column code text`,
  `create table scheme_status_change (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    from_status text not null,
    to_status text not null,
    kind text not null,
    date date not null,
    reason text,
    token_label text,
    at timestamptz not null default now()
  )`,
  `create index scheme_status_change_scheme_idx on scheme_status_change (scheme_id, at)`,
  `create table scheme_partner (
    scheme_id uuid not null references scheme (id) on delete cascade,
    partner_id uuid not null references partner (id) on delete cascade,
    primary key (scheme_id, partner_id)
  )`,
  `create index scheme_partner_partner_idx on scheme_partner (partner_id)`,
  // Existing data: a scheme declares the partners its rows name, and those of its départements.
  `insert into scheme_partner (scheme_id, partner_id)
    select a.scheme_id, ap.partner_id from action_partner ap join action a on a.id = ap.action_id
    union select i.scheme_id, i.owner_partner_id from indicator i where i.owner_partner_id is not null
    union select b.scheme_id, m.partner_id from body_member m join governing_body b on b.id = m.body_id
    union select s.id, p.id from scheme s join partner p on p.departments && s.departments
    on conflict do nothing`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists scheme_partner').execute(db);
  await sql.raw('drop table if exists scheme_status_change').execute(db);
  await sql.raw('alter table audit_log drop column if exists code').execute(db);
  await sql.raw('alter table audit_log drop column if exists outcome').execute(db);
}
