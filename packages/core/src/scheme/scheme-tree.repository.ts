import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { checkSearchText, frenchQuery, searchRanking } from '../search/search-text.ts';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { ActionTable, Database, IndicatorCurrentTable, IndicatorTable, MeasurementTable, OrientationTable, SchemeTable } from '../database/database.ts';
import type { SchemeStatus } from './scheme.ts';
import { schemeVisibleSql } from '../shared/visibility.ts';
import type { Visibility } from '../shared/visibility.ts';
import type { Lang } from '../validation/issues.ts';

/** A column of a table a tree read may ask for (the generated `search` vectors never travel). */
export type SchemeColumn = Exclude<keyof SchemeTable, 'search'>;
export type OrientationColumn = Exclude<keyof OrientationTable, 'search'>;
export type ActionColumn = Exclude<keyof ActionTable, 'search'>;
export type IndicatorColumn = keyof IndicatorTable;
export type MeasurementColumn = keyof MeasurementTable;
export type IndicatorCurrentColumn = Exclude<keyof IndicatorCurrentTable, 'latest_measurement'>;

/**
 * What a tree read returns of each indicator: columns, and its stored values (`current`: the row of
 * `indicator_current`, the one rule's current value and completion rate, with `latest_measurement`, the
 * published measurement that value is, in measurement columns). `current` is null only for an indicator
 * whose stored values are not written yet (see refreshStoredIndicatorValues).
 */
export interface IndicatorShape {
  readonly columns: readonly IndicatorColumn[];
  readonly current?: { readonly columns: readonly IndicatorCurrentColumn[]; readonly latestMeasurement?: { readonly columns: readonly MeasurementColumn[] } };
  /**
   * Territories (`dep:92`, a district code) whose current value to read as the rule stored it (the row of
   * `indicator_period_value` flagged `is_current`): `territory_current`, an object by territory of
   * `IndicatorValue`s, null for a territory without one (the rule's « not known, no period »).
   */
  readonly territoryCurrent?: readonly string[];
}

/** The key of a measurement column in a stored published measurement (`PublishedMeasurement`, camel case). */
const PUBLISHED_KEYS: Record<MeasurementColumn, string> = {
  id: 'id',
  indicator_id: 'indicatorId',
  period: 'period',
  period_start: 'periodStart',
  territory: 'territory',
  revision: 'revision',
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  missing_reason: 'missingReason',
  provisional: 'provisional',
  source: 'source',
  comment: 'comment',
  illustrative: 'illustrative',
  recorded_at: 'recordedAt',
};

/** What a tree read returns of each action: columns, the date of its latest update (`last_update_date`), its indicators. */
export interface ActionShape {
  readonly columns: readonly ActionColumn[];
  readonly lastUpdateDate?: boolean;
  readonly indicators?: IndicatorShape;
}

/** What a tree read returns of each orientation (all of a scheme's, every depth): columns, actions, indicators. */
export interface OrientationShape {
  readonly columns: readonly OrientationColumn[];
  readonly actions?: ActionShape;
  readonly indicators?: IndicatorShape;
}

/**
 * The part of the scheme tree a read asks for: the scheme columns, its orientations (`orientations`, with
 * their `actions` and `indicators`) and the indicators attached to the scheme itself (`indicators`).
 */
export interface SchemeTreeShape {
  readonly scheme: readonly SchemeColumn[];
  readonly orientations?: OrientationShape;
  readonly indicators?: IndicatorShape;
}

/** Which schemes a tree read returns: a filtered page (as `listSchemes`), or the schemes of some codes. */
export type SchemeTreeSelection =
  | {
      readonly filter: { departments?: readonly string[]; statuses?: readonly SchemeStatus[]; text?: string; visibility: Visibility; lang?: Lang };
      readonly page: { limit: number; offset: number };
    }
  | { readonly codes: readonly string[]; readonly visibility: Visibility };

/** A row of a tree read: the asked columns in snake case, and the asked relations as nested rows. */
export type TreeRow = Record<string, unknown>;

/** The fields of an `IndicatorValue`, the same names as the columns of a stored value. */
const TERRITORY_VALUE_KEYS = ['status', 'value', 'numerator', 'denominator', 'period', 'territory', 'provisional', 'illustrative', 'sources', 'origin'] as const;

const columnsOf = (table: string, columns: readonly string[]) => [...new Set(columns)].map((c) => sql.ref(`${table}.${c}`).as(c));

function indicatorsFrom(eb: ExpressionBuilder<Database, any>, shape: IndicatorShape, owner: 'scheme' | 'orientation' | 'action') {
  let query = eb.selectFrom('indicator').select(columnsOf('indicator', shape.columns) as never[]);
  if (shape.current) {
    const { columns, latestMeasurement } = shape.current;
    query = query.select((inner) => {
      let current = inner.selectFrom('indicator_current').select(columnsOf('indicator_current', columns) as never[]).whereRef('indicator_current.indicator_id', '=', 'indicator.id');
      if (latestMeasurement) {
        const pairs = [...new Set(latestMeasurement.columns)].map((c) => sql`${sql.lit(c)}, indicator_current.latest_measurement -> ${sql.lit(PUBLISHED_KEYS[c])}`);
        current = current.select(sql`case when indicator_current.latest_measurement is null then null else jsonb_build_object(${sql.join(pairs)}) end`.as('latest_measurement') as never) as never;
      }
      return jsonObjectFrom(current).as('current');
    }) as never;
  }
  if (shape.territoryCurrent?.length) {
    const value = sql.join(TERRITORY_VALUE_KEYS.map((k) => sql`${sql.lit(k)}, v.${sql.ref(k)}`));
    const pairs = [...new Set(shape.territoryCurrent)].map(
      (t) => sql`${t}::text, (select jsonb_build_object(${value}) from indicator_period_value v where v.indicator_id = indicator.id and v.territory = ${t} and v.is_current)`,
    );
    query = query.select(sql`jsonb_build_object(${sql.join(pairs)})`.as('territory_current') as never) as never;
  }
  if (owner === 'scheme') query = query.whereRef('indicator.scheme_id', '=', 'scheme.id').where('indicator.orientation_id', 'is', null).where('indicator.action_id', 'is', null);
  else if (owner === 'orientation') query = query.whereRef('indicator.orientation_id', '=', 'orientation.id');
  else query = query.whereRef('indicator.action_id', '=', 'action.id');
  return jsonArrayFrom(query.orderBy('indicator.position'));
}

function actionsFrom(eb: ExpressionBuilder<Database, any>, shape: ActionShape) {
  let query = eb.selectFrom('action').select(columnsOf('action', shape.columns) as never[]).whereRef('action.orientation_id', '=', 'orientation.id');
  if (shape.lastUpdateDate) {
    query = query.select(sql<string | null>`(select max(action_update.date) from action_update where action_update.action_id = action.id)`.as('last_update_date')) as never;
  }
  if (shape.indicators) {
    const indicators = shape.indicators;
    query = query.select((inner) => indicatorsFrom(inner, indicators, 'action').as('indicators')) as never;
  }
  return jsonArrayFrom(query.orderBy('action.position'));
}

function orientationsFrom(eb: ExpressionBuilder<Database, any>, shape: OrientationShape) {
  let query = eb.selectFrom('orientation').select(columnsOf('orientation', shape.columns) as never[]).whereRef('orientation.scheme_id', '=', 'scheme.id');
  if (shape.actions) {
    const actions = shape.actions;
    query = query.select((inner) => actionsFrom(inner, actions).as('actions')) as never;
  }
  if (shape.indicators) {
    const indicators = shape.indicators;
    query = query.select((inner) => indicatorsFrom(inner, indicators, 'orientation').as('indicators')) as never;
  }
  return jsonArrayFrom(query.orderBy('orientation.position'));
}

/**
 * Schemes with the part of their tree a read asks for, in ONE statement: only the asked columns, children
 * nested as JSON by PostgreSQL (`json_agg`), hidden schemes (drafts, unpublished) filtered inside the
 * statement by `schemeVisibleSql`. A filtered page is ordered and counted as `listSchemes` does
 * (`total_count` on each row); schemes by codes come in no particular order. Children come in `position`
 * order; callers that need the code order of people sort them.
 *
 * ### Examples
 * ```ts
 * const { rows, totalCount } = await readSchemeTrees(db, { filter: { visibility: {} }, page: { limit: 20, offset: 0 } }, {
 *   scheme: ['id', 'code', 'title'],
 *   orientations: { columns: ['id', 'code'], actions: { columns: ['code', 'status'], indicators: { columns: ['name'], current: { columns: ['status', 'value'], latestMeasurement: { columns: ['value'] } } } } },
 * });
 * rows[0].orientations[0].actions[0].indicators[0].current; // { status: 'known', value: 42, latest_measurement: { value: 42 } }
 * // select "scheme"."id" as "id", …, (select coalesce(json_agg(agg), '[]') from (select … from "orientation" where "orientation"."scheme_id" = "scheme"."id" …) as agg) as "orientations" from "scheme" where … limit $1 offset $2
 * ```
 */
export async function readSchemeTrees(db: Kysely<Database>, selection: SchemeTreeSelection, shape: SchemeTreeShape): Promise<{ rows: TreeRow[]; totalCount: number }> {
  let query = db.selectFrom('scheme').select(columnsOf('scheme', shape.scheme) as never[]);
  if (shape.orientations) {
    const orientations = shape.orientations;
    query = query.select((eb) => orientationsFrom(eb, orientations).as('orientations')) as never;
  }
  if (shape.indicators) {
    const indicators = shape.indicators;
    query = query.select((eb) => indicatorsFrom(eb, indicators, 'scheme').as('indicators')) as never;
  }
  if ('codes' in selection) {
    if (selection.codes.length === 0) return { rows: [], totalCount: 0 };
    const rows = (await query.where('scheme.code', 'in', [...selection.codes]).where(schemeVisibleSql(selection.visibility)).execute()) as TreeRow[];
    return { rows, totalCount: rows.length };
  }
  const { filter, page } = selection;
  const text = checkSearchText(filter.text, filter.lang);
  let matching = db.selectFrom('scheme').where(schemeVisibleSql(filter.visibility));
  if (filter.departments?.length) matching = matching.where(sql<SqlBool>`scheme.departments && ${[...filter.departments]}::text[]`);
  if (filter.statuses?.length) matching = matching.where('scheme.status', 'in', [...filter.statuses]);
  if (text) matching = matching.where(sql<SqlBool>`scheme.search @@ ${frenchQuery(text)}`);
  // The same order as listSchemes: exact words, then their rank, then stems (searchRanking).
  const order = text
    ? sql`${sql.join(searchRanking(text, sql`scheme.title`, sql`scheme.summary`, sql`scheme.search`).map((key) => sql`${key} desc`))}, scheme.code`
    : sql`scheme.period_start desc, scheme.code`;
  // The page of ids first (ordered and counted as listSchemes does), then the trees of that page only: the
  // nested JSON is built for the schemes returned, not for every scheme the window function counts.
  const ids = matching
    .select(['scheme.id', sql<number>`count(*) over ()`.as('total_count'), sql<number>`row_number() over (order by ${order})`.as('rank')])
    .orderBy(order)
    .limit(page.limit)
    .offset(page.offset);
  const rows = (await query
    .innerJoin(ids.as('page'), 'page.id', 'scheme.id')
    .select('page.total_count')
    .orderBy('page.rank')
    .execute()) as TreeRow[];
  if (rows.length > 0) return { rows, totalCount: Number(rows[0]!.total_count) };
  if (page.offset === 0) return { rows, totalCount: 0 };
  // A page past the end: count apart, as listSchemes does.
  const counted = await matching.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { rows, totalCount: Number(counted.n) };
}
