// The floor of the gateway benchmark: one hand-written SQL statement per request that returns the whole
// GraphQL answer as JSON text, served by bare node:http. It re-implements, in SQL and for the benchmark's
// fixed tree (orientation › objective › actions, no weights), what the core's rules compute (effective
// progress, roll-up, health, completion rate), and reads current values where the one rule stored them
// (indicator_current): a reference of what the engine costs, never used by the product.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@sosms/core';

const round1 = (expr: RawBuilder<unknown>) => sql`round((${expr})::numeric, 1)::float8`;

/** The dashboard of `dashboardQuery(first)` as one statement returning `{"data": …}` text. */
export function floorDashboard(db: Kysely<Database>, first: number, today: string) {
  const effective = sql`case when a.status = 'abandoned' then null when a.progress is not null then a.progress when a.status = 'planned' then 0 when a.status = 'done' then 100 end`;
  const expected = sql`case when a.start_date is null or a.end_date is null then null when ${today}::date >= a.end_date then 100.0::float8
    when ${today}::date <= a.start_date then 0.0::float8 else (${today}::date - a.start_date)::float8 / (a.end_date - a.start_date) * 100 end`;
  return sql<{ body: string }>`
    with s as (
      select id, code, title, period_start from scheme where status <> 'draft' and published
      order by period_start desc, code limit ${first}
    ), a as (
      select a.id, a.orientation_id, a.code, a.position, a.status, ${effective} as p, ${expected} as expected
      from action a where a.scheme_id in (select id from s)
    ), leaf as (
      select orientation_id, avg(p) as p from a group by orientation_id
    ), o as (
      select o.id, o.scheme_id, o.parent_id, o.code, o.depth, o.position, coalesce(parent.position, o.position) as top_position,
        coalesce(leaf.p, (select avg(child_leaf.p) from orientation child join leaf child_leaf on child_leaf.orientation_id = child.id where child.parent_id = o.id)) as p
      from orientation o left join orientation parent on parent.id = o.parent_id left join leaf on leaf.orientation_id = o.id
      where o.scheme_id in (select id from s)
    )
    select json_build_object('data', json_build_object('schemes', json_build_object(
      'totalCount', (select count(*) from scheme where status <> 'draft' and published),
      'nodes', coalesce((select json_agg(json_build_object(
        'code', s.code, 'title', s.title,
        'progress', (select ${round1(sql`avg(o.p)`)} from o where o.scheme_id = s.id and o.depth = 0),
        'orientations', json_build_object('nodes', coalesce((select json_agg(json_build_object(
          'code', o.code, 'progress', ${round1(sql`o.p`)},
          'actions', json_build_object('nodes', coalesce((select json_agg(json_build_object(
            'code', a.code, 'status', upper(a.status),
            'health', case when a.status = 'done' then 'ON_TRACK' when a.status = 'abandoned' or a.expected is null then null
              when a.expected = 0 then 'ON_TRACK' when a.p is null then null
              when a.p * 100 / a.expected >= 95 - 1e-9 then 'ON_TRACK' when a.p * 100 / a.expected >= 85 - 1e-9 then 'BEHIND' else 'AT_RISK' end,
            'progress', ${round1(sql`a.p`)},
            'indicators', json_build_object('nodes', coalesce((select json_agg(json_build_object(
              'name', i.name,
              'latestMeasurement', (select case when c.latest_measurement is null then null
                  else json_build_object('period', c.latest_measurement -> 'period', 'value', c.latest_measurement -> 'value') end
                from indicator_current c where c.indicator_id = i.id)
            ) order by i.position) from indicator i where i.action_id = a.id), '[]'))
          ) order by a.position, a.code) from a where a.orientation_id = o.id), '[]'))
        ) order by o.top_position, o.depth, o.position) from o where o.scheme_id = s.id), '[]'))
      ) order by s.period_start desc, s.code) from s), '[]')
    )))::text as body`.execute(db);
}

/** compareIndicator of `COMPARE_QUERY` (one scheme per département in the benchmark; a page of 100) as one statement. */
export function floorCompare(db: Kysely<Database>, sharedCode: string, period: string, populations: Record<string, number>) {
  return sql<{ body: string }>`
    with rows as (
      select d.department, i.target_value as target, m.value,
        case when m.value is null or i.baseline_value is null or i.target_value is null or i.target_value = i.baseline_value then null
          else ${round1(sql`greatest(0, least(100, (m.value - i.baseline_value) / (i.target_value - i.baseline_value) * 100))`)} end as rate
      from indicator i join scheme s on s.id = i.scheme_id cross join lateral unnest(s.departments) as d (department)
      left join lateral (select value from measurement where indicator_id = i.id and period = ${period} and territory = 'dep:' || d.department
        order by revision desc limit 1) m on true
      where i.shared_code = ${sharedCode} and s.status <> 'draft' and s.published
    )
    select json_build_object('data', json_build_object('compareIndicator', json_build_object(
      'totalCount', (select count(*) from rows),
      'nodes', coalesce((select json_agg(json_build_object('department', department, 'value', value, 'target', target, 'completionRate', rate,
        'population', (${JSON.stringify(populations)}::jsonb ->> department)::int) order by department collate "C")
        from (select * from rows order by department collate "C" limit 100) as rows), '[]')
    )))::text as body`.execute(db);
}
