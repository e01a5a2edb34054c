import { sql, type Kysely } from 'kysely';

/**
 * Evaluation, legal trail and lineage (issue 14): evaluations with their questions and recommendations,
 * the acts of a scheme's legal trail, target revisions of indicators (original and revised target kept),
 * and what became of each action of the previous scheme. References to orientations, actions and
 * indicators inside a scheme are by code, as proposals' are.
 */
const UP = [
  `create table evaluation (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    code text not null,
    kind text not null,
    title text not null,
    start_date date,
    date date not null,
    authors jsonb not null default '[]',
    summary text,
    easy_read text,
    illustrative boolean not null default false,
    position integer not null,
    unique (scheme_id, code)
  )`,
  `create table evaluation_question (
    id uuid primary key,
    evaluation_id uuid not null references evaluation (id) on delete cascade,
    code text not null,
    text text not null,
    orientation_code text,
    action_code text,
    criteria text[] not null,
    indicators text[] not null default '{}',
    sources text[] not null default '{}',
    findings jsonb not null default '[]',
    illustrative boolean not null default false,
    position integer not null,
    unique (evaluation_id, code)
  )`,
  `create table recommendation (
    id uuid primary key,
    evaluation_id uuid not null references evaluation (id) on delete cascade,
    code text not null,
    text text not null,
    question_code text,
    status text,
    follow_up_date date,
    follow_up_note text,
    actions text[] not null default '{}',
    illustrative boolean not null default false,
    position integer not null,
    unique (evaluation_id, code)
  )`,
  `create table legal_act (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    code text not null,
    kind text not null,
    date date not null,
    title text not null,
    number text,
    assembly text,
    body text,
    opinion text,
    summary text,
    changes jsonb not null default '[]',
    illustrative boolean not null default false,
    position integer not null,
    unique (scheme_id, code)
  )`,
  `create table target_revision (
    id uuid primary key,
    indicator_id uuid not null references indicator (id) on delete cascade,
    date date not null,
    original_value double precision not null,
    original_date date,
    revised_value double precision not null,
    revised_date date,
    justification text not null,
    act_code text,
    illustrative boolean not null default false,
    unique (indicator_id, date)
  )`,
  `create table action_lineage (
    id uuid primary key,
    scheme_id uuid not null references scheme (id) on delete cascade,
    predecessor_code text not null,
    predecessor_action text not null,
    fate text not null,
    "into" text[] not null default '{}',
    note text,
    illustrative boolean not null default false,
    position integer not null,
    unique (scheme_id, predecessor_code, predecessor_action)
  )`,
  `create index action_lineage_predecessor_idx on action_lineage (predecessor_code)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['action_lineage', 'target_revision', 'legal_act', 'recommendation', 'evaluation_question', 'evaluation']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
