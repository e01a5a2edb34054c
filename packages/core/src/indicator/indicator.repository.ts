import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { schemeVisibleSql } from '../shared/visibility.ts';
import { notFoundError } from '../shared/errors.ts';
import type { Lang } from '../validation/issues.ts';
import type { IndicatorDocument, IndicatorType } from './indicator.ts';
import { randomUUID } from 'node:crypto';
import type { Database } from '../database/database.ts';
import { isUuid } from '../shared/ids.ts';
import { normalizePage, pageTotalCount, type ListResult, type Page } from '../shared/pages.ts';
import { type Visibility } from '../shared/visibility.ts';
import { indicatorFromRow, type Indicator } from './indicator.service.ts';
import { resolveDepartmentFilter } from '../territory/department-filter.ts';
import { readByIds } from '../shared/batch-read.ts';

/**
 * Indicators by ids, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const indicators = await getIndicatorsByIds(db, [id1, id2]);
 * ```
 */
export async function getIndicatorsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Indicator[]> {
  return readByIds(db, { table: 'indicator', column: 'id', ids, toRecord: indicatorFromRow });
}

/**
 * Every indicator of several schemes, wherever it is attached, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const all = await getIndicatorsBySchemeIds(db, [scheme.id]);
 * const schemeLevel = all.filter((i) => i.orientationId === null && i.actionId === null);
 * ```
 */
export async function getIndicatorsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<Indicator[]> {
  return readByIds(db, { table: 'indicator', column: 'scheme_id', ids: schemeIds, orderBy: ['position'], toRecord: indicatorFromRow });
}

/** What an indicator can be attached to. */
export const INDICATOR_OWNERS = ['scheme', 'orientation', 'action'] as const;
export type IndicatorOwner = (typeof INDICATOR_OWNERS)[number];

/**
 * The indicators attached directly to several schemes (not to one of their orientations or actions),
 * orientations or actions, in one statement, by position.
 *
 * ### Examples
 * ```ts
 * const ofActions = await getIndicatorsByOwnerIds(db, 'action', actions.map((a) => a.id));
 * const ofSchemes = await getIndicatorsByOwnerIds(db, 'scheme', [scheme.id]); // scheme-level only
 * ```
 */
export async function getIndicatorsByOwnerIds(db: Kysely<Database>, owner: IndicatorOwner, ids: readonly string[]): Promise<Indicator[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  let query = db.selectFrom('indicator').selectAll();
  if (owner === 'scheme') query = query.where('scheme_id', 'in', valid).where('orientation_id', 'is', null).where('action_id', 'is', null);
  else if (owner === 'orientation') query = query.where('orientation_id', 'in', valid);
  else query = query.where('action_id', 'in', valid);
  const rows = await query.orderBy('position').execute();
  return rows.map(indicatorFromRow);
}

/**
 * The indicators attached directly to several orientations, in one statement.
 *
 * ### Examples
 * ```ts
 * await getIndicatorsByOrientationIds(db, [orientation.id]);
 * ```
 */
export function getIndicatorsByOrientationIds(db: Kysely<Database>, orientationIds: readonly string[]): Promise<Indicator[]> {
  return getIndicatorsByOwnerIds(db, 'orientation', orientationIds);
}

/**
 * The indicators attached to several actions, in one statement.
 *
 * ### Examples
 * ```ts
 * await getIndicatorsByActionIds(db, [action.id]);
 * ```
 */
export function getIndicatorsByActionIds(db: Kysely<Database>, actionIds: readonly string[]): Promise<Indicator[]> {
  return getIndicatorsByOwnerIds(db, 'action', actionIds);
}

/** Filter of {@link listIndicators}. */
export interface IndicatorFilter {
  /** National codes shared across départements (for comparisons). */
  readonly sharedCodes?: readonly string[];
  /** Départements of the indicator's scheme. */
  readonly departments?: readonly string[];
  readonly types?: readonly IndicatorType[];
  /** INSEE region codes (`11`): the schemes of their départements. */
  readonly regions?: readonly string[];
  /** Language of validation messages. */
  readonly lang?: Lang;
  readonly visibility: Visibility;
}

/**
 * Indicators across schemes matching a filter, sorted by scheme code and position, one page and the
 * total count, in one statement. Indicators of hidden schemes are left out.
 *
 * ### Examples
 * ```ts
 * const { items } = await listIndicators(db, { sharedCodes: ['rsa-emploi-12m'], visibility: {} });
 * ```
 */
export async function listIndicators(db: Kysely<Database>, filter: IndicatorFilter, page?: Page): Promise<ListResult<Indicator>> {
  const { limit, offset } = normalizePage(page);
  let base = db.selectFrom('indicator').innerJoin('scheme', 'scheme.id', 'indicator.scheme_id').where(schemeVisibleSql(filter.visibility));
  if (filter.sharedCodes?.length) base = base.where('indicator.shared_code', 'in', [...filter.sharedCodes]);
  // Départements and regions checked (`dep:92` for `92` is a VALIDATION error), a region read as its départements.
  const departments = resolveDepartmentFilter(filter, filter.lang);
  if (departments?.size === 0) return { items: [], totalCount: 0 };
  if (departments) base = base.where(sql<SqlBool>`scheme.departments && ${[...departments]}::text[]`);
  if (filter.types?.length) base = base.where('indicator.type', 'in', [...filter.types]);
  const rows = await base
    .selectAll('indicator')
    .select(sql<number>`count(*) over ()`.as('total_count'))
    .orderBy('scheme.code')
    .orderBy('indicator.position')
    .limit(limit)
    .offset(offset)
    .execute();
  const totalCount = await pageTotalCount(rows, { limit, offset }, () => base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow());
  return { items: rows.map(indicatorFromRow), totalCount };
}

/** What {@link saveIndicator} returns: the indicator after, and before when it existed. */
export interface IndicatorWrite {
  readonly indicator: Indicator;
  readonly before: Indicator | null;
}

/** Where {@link saveIndicator} attaches an indicator: an orientation, an action, or (`{}`) the scheme itself. */
export interface IndicatorOwnerCodes {
  readonly orientationCode?: string;
  readonly actionCode?: string;
}

/**
 * Create or update an indicator by its code within a scheme, in one transaction. Its fields are replaced
 * by the input (measurements given in the input are not written: use `recordMeasurement`). `owner`
 * absent keeps the current attachment (the scheme for a new indicator); `{}` attaches it to the scheme,
 * `{ orientationCode }` or `{ actionCode }` to that orientation or action. Throws `DomainError`
 * VALIDATION (bad field, unknown owner partner) or NOT_FOUND (scheme, orientation, action).
 *
 * ### Examples
 * ```ts
 * await saveIndicator(db, '92-2024-2028', { code: 'rsa-emploi', name: 'Part des allocataires du RSA en emploi', unit: '%', target: { value: 60, date: '2028-12-31' } }, { actionCode: '3.2' });
 * ```
 */
export async function writeIndicator(
  trx: Transaction<Database>,
  scheme: { readonly id: string },
  data: IndicatorDocument,
  owner: IndicatorOwnerCodes | undefined,
  partnerIds: ReadonlyMap<string, string>,
  lang: Lang,
): Promise<IndicatorWrite> {
  {
    const existing = await trx
      .selectFrom('indicator')
      .selectAll()
      .where('scheme_id', '=', scheme.id)
      .where('code', '=', data.code)
      .forUpdate()
      .executeTakeFirst();
    const before = existing ? indicatorFromRow(existing) : null;

    let orientationId = before?.orientationId ?? null;
    let actionId = before?.actionId ?? null;
    if (owner) {
      orientationId = null;
      actionId = null;
      if (owner.orientationCode) {
        const o = await trx.selectFrom('orientation').select('id').where('scheme_id', '=', scheme.id).where('code', '=', owner.orientationCode).executeTakeFirst();
        if (!o) throw notFoundError('unknown_orientation', 'owner.orientationCode', owner.orientationCode, lang);
        orientationId = o.id;
      } else if (owner.actionCode) {
        const a = await trx.selectFrom('action').select('id').where('scheme_id', '=', scheme.id).where('code', '=', owner.actionCode).executeTakeFirst();
        if (!a) throw notFoundError('unknown_action', 'owner.actionCode', owner.actionCode, lang);
        actionId = a.id;
      }
    }
    let position = before?.position;
    if (position === undefined) {
      const last = await trx.selectFrom('indicator').select(sql<number | null>`max(position)`.as('max')).where('scheme_id', '=', scheme.id).executeTakeFirstOrThrow();
      position = last.max === null ? 0 : Number(last.max) + 1;
    }
    const columns = {
      orientation_id: orientationId,
      action_id: actionId,
      name: data.name,
      definition: data.definition ?? null,
      type: data.type,
      unit: data.unit,
      direction: data.direction,
      baseline_value: data.baseline?.value ?? null,
      baseline_date: data.baseline?.date ?? null,
      target_value: data.target?.value ?? null,
      target_date: data.target?.date ?? null,
      intermediate_targets: JSON.stringify(data.intermediateTargets ?? []),
      periodicity: data.periodicity,
      source: data.source ?? null,
      aggregation: data.aggregation,
      shared_code: data.sharedCode ?? null,
      owner_partner_id: data.owner ? partnerIds.get(data.owner)! : null,
      position,
      illustrative: data.illustrative ?? false,
      secrecy_threshold: data.secrecyThreshold ?? null,
      baseline_illustrative: data.baseline?.illustrative ?? null,
      baseline_source: data.baseline?.source ?? null,
      target_illustrative: data.target?.illustrative ?? null,
      target_source: data.target?.source ?? null,
    };
    const row = before
      ? await trx.updateTable('indicator').set(columns).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow()
      : await trx.insertInto('indicator').values({ id: randomUUID(), scheme_id: scheme.id, code: data.code, ...columns }).returningAll().executeTakeFirstOrThrow();
    return { indicator: indicatorFromRow(row), before };
  }
}
