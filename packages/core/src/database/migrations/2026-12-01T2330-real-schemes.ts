import { sql, type Kysely } from 'kysely';

/**
 * What real schemes contain (issue 9 item 4):
 * - a governing body's member is an organisation (a partner) or a person by role (« vice-président chargé
 *   des solidarités »), with an optional name and the organisation the person speaks for; no other personal
 *   data. A member gets its own id (a person has no partner to key it by); one organisation still sits once
 *   per body as an organisation.
 * - phases and consultation events are dated by a day, a month, a year or a span, or undated: `date_text`
 *   is the stored truth (`2018-01-30`, `2023-03`, `2015`, `2018-05/2018-07`, `2019/..`, null = undated, see
 *   `shared/fuzzy-date.ts`); the `date` columns beside it become its bounds (first and last day covered), kept
 *   by the writers for sorting and filtering.
 * - a scheme may continue several (a « schéma unique » replacing four sectoral ones): `scheme_predecessor`
 *   replaces `scheme.predecessor_code`. Predecessors are named by code, as the action lineage names them: a
 *   scheme re-imported under a new id keeps its successors, and a code is never renamed (`code_immutable`).
 * - the publics and themes a scheme covers, in the shared nomenclature (as an action's).
 * Key figures' qualifier (« plus de 80 ») lives in the `key_figures` jsonb: no column to change.
 */
const UP = [
  // Members: persons by role.
  `alter table body_member add column id uuid not null default gen_random_uuid()`,
  `alter table body_member drop constraint body_member_pkey`,
  `alter table body_member add primary key (id)`,
  `alter table body_member alter column partner_id drop not null`,
  `alter table body_member add column person_role text`,
  `alter table body_member add column person_name text`,
  `alter table body_member add constraint body_member_who check (partner_id is not null or person_role is not null)`,
  `alter table body_member add constraint body_member_name_needs_role check (person_name is null or person_role is not null)`,
  `create unique index body_member_organisation_idx on body_member (body_id, partner_id) where person_role is null`,
  `create index body_member_body_idx on body_member (body_id, position)`,
  // Fuzzy dates: phases (start and end were both optional days).
  `alter table phase add column date_text text`,
  `update phase set date_text = case
      when start_date is null and end_date is null then null
      when end_date is null then to_char(start_date, 'YYYY-MM-DD') || '/..'
      when start_date is null then '../' || to_char(end_date, 'YYYY-MM-DD')
      when start_date = end_date then to_char(start_date, 'YYYY-MM-DD')
      else to_char(start_date, 'YYYY-MM-DD') || '/' || to_char(end_date, 'YYYY-MM-DD') end`,
  // Events (a day, with an optional last day): `date` and `end_date` become the first and last day covered.
  `alter table consultation_event add column date_text text`,
  `alter table consultation_event alter column date drop not null`,
  `update consultation_event set
      date_text = case when end_date is null or end_date = date then to_char(date, 'YYYY-MM-DD')
        else to_char(date, 'YYYY-MM-DD') || '/' || to_char(end_date, 'YYYY-MM-DD') end,
      end_date = coalesce(end_date, date)`,
  // Several predecessors.
  `create table scheme_predecessor (
    scheme_id uuid not null references scheme (id) on delete cascade,
    predecessor_code text not null,
    position integer not null,
    primary key (scheme_id, predecessor_code)
  )`,
  `create index scheme_predecessor_code_idx on scheme_predecessor (predecessor_code)`,
  `insert into scheme_predecessor (scheme_id, predecessor_code, position)
    select id, predecessor_code, 0 from scheme where predecessor_code is not null`,
  `alter table scheme drop column predecessor_code`,
  // Publics and themes a scheme covers.
  `alter table scheme add column publics text[] not null default '{}'`,
  `alter table scheme add column themes text[] not null default '{}'`,
];

const DOWN = [
  `alter table scheme drop column if exists themes`,
  `alter table scheme drop column if exists publics`,
  `alter table scheme add column if not exists predecessor_code text`,
  `update scheme s set predecessor_code = p.predecessor_code from scheme_predecessor p where p.scheme_id = s.id and p.position = 0`,
  `drop table if exists scheme_predecessor`,
  `update consultation_event set end_date = null where end_date = date`,
  `delete from consultation_event where date is null`,
  `alter table consultation_event alter column date set not null`,
  `alter table consultation_event drop column if exists date_text`,
  `alter table phase drop column if exists date_text`,
  `delete from body_member where person_role is not null`,
  `drop index if exists body_member_body_idx`,
  `drop index if exists body_member_organisation_idx`,
  `alter table body_member drop constraint if exists body_member_name_needs_role`,
  `alter table body_member drop constraint if exists body_member_who`,
  `alter table body_member drop column if exists person_name`,
  `alter table body_member drop column if exists person_role`,
  `alter table body_member alter column partner_id set not null`,
  `alter table body_member drop constraint body_member_pkey`,
  `alter table body_member drop column id`,
  `alter table body_member add primary key (body_id, partner_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
