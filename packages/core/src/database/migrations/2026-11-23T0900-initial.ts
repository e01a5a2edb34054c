import { sql, type Kysely } from 'kysely';

/**
 * The initial schema. Dates are `date` columns read back as `YYYY-MM-DD` strings; numbers that users
 * type are `double precision`; lists of codes are `text[]`; nested value lists (milestones, budget)
 * are `jsonb`. Every text a citizen may search has a French `tsvector` column kept by PostgreSQL.
 */
const UP = [
  `create table partner (
    id uuid primary key,
    code text not null unique,
    name text not null,
    kind text not null,
    siren text,
    departments text[] not null default '{}'
  )`,
  `create table scheme (
    id uuid primary key,
    code text not null unique,
    title text not null,
    departments text[] not null,
    period_start integer not null,
    period_end integer not null,
    status text not null,
    adoption_date date,
    adoption_reference text,
    predecessor_code text,
    levels text[] not null default '{}',
    summary text,
    easy_read text,
    principles jsonb not null default '[]',
    legal_basis text,
    key_figures jsonb not null default '[]',
    source_url text,
    published boolean not null default true,
    illustrative boolean not null default false,
    updated_at timestamptz not null default now(),
    search tsvector generated always as (to_tsvector('french', coalesce(title, '') || ' ' || coalesce(summary, ''))) stored
  )`,
  `create index scheme_departments_idx on scheme using gin (departments)`,
  `create index scheme_search_idx on scheme using gin (search)`,
  `create table district (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    code text not null,
    name text not null,
    kind text not null,
    communes text[] not null,
    unique (scheme_id, code)
  )`,
  `create table orientation (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    parent_id uuid references orientation (id) on delete cascade,
    code text not null,
    title text not null,
    description text,
    easy_read text,
    objectives jsonb not null default '[]',
    weight double precision,
    position integer not null,
    depth integer not null,
    search tsvector generated always as (to_tsvector('french', coalesce(title, '') || ' ' || coalesce(description, ''))) stored,
    unique (scheme_id, code)
  )`,
  `create index orientation_parent_idx on orientation (parent_id)`,
  `create index orientation_search_idx on orientation using gin (search)`,
  `create table action (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    orientation_id uuid not null references orientation (id) on delete cascade,
    code text not null,
    title text not null,
    description text,
    easy_read text,
    objectives jsonb not null default '[]',
    expected_results jsonb not null default '[]',
    publics text[] not null default '{}',
    themes text[] not null default '{}',
    territories text[] not null default '{}',
    start_date date,
    end_date date,
    milestones jsonb not null default '[]',
    budget jsonb not null default '[]',
    priority text,
    status text not null,
    progress double precision,
    weight double precision,
    position integer not null,
    illustrative boolean not null default false,
    updated_at timestamptz not null default now(),
    search tsvector generated always as (to_tsvector('french', coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(easy_read, ''))) stored,
    unique (scheme_id, code)
  )`,
  `create index action_orientation_idx on action (orientation_id)`,
  `create index action_search_idx on action using gin (search)`,
  `create index action_themes_idx on action using gin (themes)`,
  `create index action_publics_idx on action using gin (publics)`,
  `create table action_partner (
    action_id uuid not null references action (id) on delete cascade,
    partner_id uuid not null references partner (id),
    role text not null,
    primary key (action_id, partner_id, role)
  )`,
  `create index action_partner_partner_idx on action_partner (partner_id)`,
  `create table action_update (
    id uuid primary key,
    action_id uuid not null references action (id) on delete cascade,
    date date not null,
    kind text not null,
    text text not null,
    illustrative boolean not null default false
  )`,
  `create index action_update_action_idx on action_update (action_id)`,
  `create table indicator (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    orientation_id uuid references orientation (id) on delete cascade,
    action_id uuid references action (id) on delete cascade,
    code text not null,
    name text not null,
    definition text,
    type text not null,
    unit text not null,
    direction text not null,
    baseline_value double precision,
    baseline_date date,
    target_value double precision,
    target_date date,
    intermediate_targets jsonb not null default '[]',
    periodicity text not null,
    source text,
    aggregation text not null,
    shared_code text,
    owner_partner_id uuid references partner (id),
    position integer not null,
    illustrative boolean not null default false,
    unique (scheme_id, code)
  )`,
  `create index indicator_action_idx on indicator (action_id)`,
  `create index indicator_orientation_idx on indicator (orientation_id)`,
  `create index indicator_shared_code_idx on indicator (shared_code)`,
  `create table measurement (
    id uuid primary key,
    indicator_id uuid not null,
    period text not null,
    period_start date not null,
    territory text not null,
    revision integer not null,
    value double precision,
    numerator double precision,
    denominator double precision,
    missing_reason text,
    provisional boolean not null default false,
    source text,
    comment text,
    illustrative boolean not null default false,
    recorded_at timestamptz not null default now(),
    unique (indicator_id, period, territory, revision)
  )`,
  // Measurements are the bulk of the data (72,000 rows for a 1,000-action scheme). A foreign key to
  // indicator costs a lookup per inserted row, more than the insert itself on PGlite; integrity is kept
  // instead by the writers (they resolve indicators first, in the same transaction) and by this
  // statement-level trigger, which removes the measurements of deleted indicators in one pass.
  // See docs/decisions/0002-measurement-storage.md.
  `create function delete_indicator_measurements() returns trigger language plpgsql as $$
    begin
      delete from measurement where indicator_id in (select id from deleted_indicators);
      return null;
    end
  $$`,
  `create trigger indicator_deleted after delete on indicator referencing old table as deleted_indicators
    for each statement execute function delete_indicator_measurements()`,
  `create table governing_body (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    code text not null,
    kind text not null,
    name text not null,
    description text,
    position integer not null,
    unique (scheme_id, code)
  )`,
  `create table body_member (
    body_id uuid not null references governing_body (id) on delete cascade,
    partner_id uuid not null references partner (id),
    role text,
    position integer not null,
    primary key (body_id, partner_id)
  )`,
  `create table meeting (
    id uuid primary key,
    body_id uuid not null references governing_body (id) on delete cascade,
    date date not null,
    title text not null,
    summary text,
    decisions jsonb not null default '[]'
  )`,
  `create index meeting_body_idx on meeting (body_id)`,
  `create table phase (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    code text not null,
    kind text not null,
    title text not null,
    start_date date,
    end_date date,
    description text,
    position integer not null,
    unique (scheme_id, code)
  )`,
  `create table consultation_event (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    code text not null,
    kind text not null,
    title text not null,
    date date not null,
    end_date date,
    participants integer,
    proposals_count integer,
    partners text[] not null default '{}',
    description text,
    position integer not null,
    unique (scheme_id, code)
  )`,
  `create table proposal (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    code text not null,
    text text not null,
    event_code text,
    outcome text not null,
    actions text[] not null default '{}',
    illustrative boolean not null default false,
    position integer not null,
    unique (scheme_id, code)
  )`,
];

const DOWN = [
  'proposal', 'consultation_event', 'phase', 'meeting', 'body_member', 'governing_body', 'measurement',
  'indicator', 'action_update', 'action_partner', 'action', 'orientation', 'district', 'scheme', 'partner',
].map((table) => `drop table if exists ${table} cascade`).concat('drop function if exists delete_indicator_measurements()');

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
