import { notFoundError, validationError } from '../shared/errors.ts';
import type { Lang, ValidationIssue } from '../validation/issues.ts';
import type { ActionDocument, ActionStatus, ActionUpdateDocument } from './action.ts';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import type { PublicCode, ThemeCode } from '../nomenclature/nomenclature.ts';
import { progressAfterWrite } from '../rules/progress.ts';
import type { SchemeStatus } from '../scheme/scheme.ts';
import { schemeVisibleSql } from '../shared/visibility.ts';
import { normalizePage, pageTotalCount, type ListResult, type Page } from '../shared/pages.ts';
import { type Visibility } from '../shared/visibility.ts';
import { checkTerritoryCodes } from '../territory/district.repository.ts';
import { checkSearchText, frenchQuery, searchRanking } from '../search/search-text.ts';
import { actionFromRow, actionPartnerFromRow, actionUpdateFromRow, type Action, type ActionPartner, type ActionUpdate } from './action.service.ts';
import { resolveDepartmentFilter } from '../territory/department-filter.ts';
import { readByIds } from '../shared/batch-read.ts';

/**
 * Actions by ids, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const actions = await getActionsByIds(db, [id1, id2]);
 * ```
 */
export async function getActionsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<Action[]> {
  return readByIds(db, { table: 'action', column: 'id', ids, toRecord: actionFromRow });
}

/**
 * The actions attached directly to several orientations, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const actions = await getActionsByOrientationIds(db, orientations.map((o) => o.id));
 * ```
 */
export async function getActionsByOrientationIds(db: Kysely<Database>, orientationIds: readonly string[]): Promise<Action[]> {
  return readByIds(db, { table: 'action', column: 'orientation_id', ids: orientationIds, toRecord: actionFromRow });
}

/**
 * All the actions of several schemes, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const actions = await getActionsBySchemeIds(db, [scheme.id]);
 * ```
 */
export async function getActionsBySchemeIds(db: Kysely<Database>, schemeIds: readonly string[]): Promise<Action[]> {
  return readByIds(db, { table: 'action', column: 'scheme_id', ids: schemeIds, toRecord: actionFromRow });
}

/**
 * The partner roles of several actions, in one statement, in no particular order.
 *
 * ### Examples
 * ```ts
 * const links = await getActionPartnersByActionIds(db, [action.id]);
 * ```
 */
export async function getActionPartnersByActionIds(db: Kysely<Database>, actionIds: readonly string[]): Promise<ActionPartner[]> {
  return readByIds(db, { table: 'action_partner', column: 'action_id', ids: actionIds, toRecord: actionPartnerFromRow });
}

/**
 * The dated updates of several actions, in one statement, oldest first.
 *
 * ### Examples
 * ```ts
 * const updates = await getActionUpdatesByActionIds(db, [action.id]);
 * ```
 */
export async function getActionUpdatesByActionIds(db: Kysely<Database>, actionIds: readonly string[]): Promise<ActionUpdate[]> {
  return readByIds(db, { table: 'action_update', column: 'action_id', ids: actionIds, orderBy: ['date', 'id'], toRecord: actionUpdateFromRow });
}

/** Filter of {@link searchActions}; every given criterion must hold, lists match any of their values. */
export interface ActionFilter {
  /** Départements of the action's scheme. */
  readonly departments?: readonly string[];
  readonly schemeCodes?: readonly string[];
  readonly schemeStatuses?: readonly SchemeStatus[];
  readonly themes?: readonly ThemeCode[];
  readonly publics?: readonly PublicCode[];
  readonly statuses?: readonly ActionStatus[];
  /** Codes of partners holding any role in the action. */
  readonly partnerCodes?: readonly string[];
  /**
   * French full-text search in the title, description and easy-read text (web search syntax), at most
   * 200 characters and 16 words (`checkSearchText`).
   */
  readonly text?: string;
  /** INSEE region codes (`11`): the schemes of their départements. */
  readonly regions?: readonly string[];
  /** Language of validation messages. */
  readonly lang?: Lang;
  readonly visibility: Visibility;
}

/**
 * Actions across schemes matching a filter, one page and the total count, in one statement. With `text`,
 * French stemming applies ("accompagner" finds "accompagnement") and results are ranked by relevance, the
 * exact words above their stems (« aidants » before « aides »; `searchRanking`); a text over the caps is
 * refused (VALIDATION) before any SQL;
 * otherwise (and among equal ranks) they are sorted by scheme code, then in the order of the scheme's tree
 * (orientation positions, then action position: 1.2 before 1.10). Actions of hidden schemes are left out.
 *
 * ### Examples
 * ```ts
 * const { items, totalCount } = await searchActions(db, { text: 'aidants', themes: ['carer_support'], visibility: {} }, { limit: 20 });
 * ```
 */
export async function searchActions(db: Kysely<Database>, filter: ActionFilter, page?: Page): Promise<ListResult<Action>> {
  const { limit, offset } = normalizePage(page);
  const text = checkSearchText(filter.text, filter.lang);
  // The path of positions from the top orientation down to the action's orientation: sorting by it, then by the
  // action's position, gives the order of the scheme file (1.2 before 1.10, an orientation's own actions first).
  let base = db
    .withRecursive('tree(id, path)', (qb) =>
      qb
        .selectFrom('orientation')
        .select(['orientation.id', sql<number[]>`array[orientation.position]`.as('path')])
        .where('orientation.parent_id', 'is', null)
        .unionAll((union) =>
          union
            .selectFrom('orientation')
            .innerJoin('tree', 'tree.id', 'orientation.parent_id')
            .select(['orientation.id', sql<number[]>`tree.path || orientation.position`.as('path')]),
        ),
    )
    .selectFrom('action')
    .innerJoin('scheme', 'scheme.id', 'action.scheme_id')
    .innerJoin('tree', 'tree.id', 'action.orientation_id')
    .where(schemeVisibleSql(filter.visibility));
  // Départements and regions checked (`dep:92` for `92` is a VALIDATION error), a region read as its départements.
  const departments = resolveDepartmentFilter(filter, filter.lang);
  if (departments?.size === 0) return { items: [], totalCount: 0 };
  if (departments) base = base.where(sql<SqlBool>`scheme.departments && ${[...departments]}::text[]`);
  if (filter.schemeCodes?.length) base = base.where('scheme.code', 'in', [...filter.schemeCodes]);
  if (filter.schemeStatuses?.length) base = base.where('scheme.status', 'in', [...filter.schemeStatuses]);
  if (filter.themes?.length) base = base.where(sql<SqlBool>`action.themes && ${[...filter.themes]}::text[]`);
  if (filter.publics?.length) base = base.where(sql<SqlBool>`action.publics && ${[...filter.publics]}::text[]`);
  if (filter.statuses?.length) base = base.where('action.status', 'in', [...filter.statuses]);
  if (filter.partnerCodes?.length) {
    const codes = [...filter.partnerCodes];
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('action_partner')
          .innerJoin('partner', 'partner.id', 'action_partner.partner_id')
          .select(sql`1`.as('one'))
          .whereRef('action_partner.action_id', '=', 'action.id')
          .where('partner.code', 'in', codes),
      ),
    );
  }
  if (text) base = base.where(sql<SqlBool>`action.search @@ ${frenchQuery(text)}`);
  let rows = base.selectAll('action').select(sql<number>`count(*) over ()`.as('total_count'));
  if (text) {
    for (const key of searchRanking(text, sql`action.title`, sql`concat_ws(' ', action.description, action.easy_read)`, sql`action.search`)) rows = rows.orderBy(key, 'desc');
  }
  rows = rows.orderBy('scheme.code').orderBy('tree.path').orderBy('action.position').orderBy('action.id');
  const result = await rows.limit(limit).offset(offset).execute();
  const totalCount = await pageTotalCount(result, { limit, offset }, () => base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow());
  return { items: result.map(actionFromRow), totalCount };
}

/** What {@link saveAction} returns: the action and its partner roles after, and before when it existed. */
export interface ActionWrite {
  readonly action: Action;
  readonly partners: ActionPartner[];
  readonly before: { action: Action; partners: ActionPartner[] } | null;
}


/**
 * Create or update an action by its code within a scheme, under an orientation, in one transaction.
 * The action's own fields are replaced by the input, except:
 * - `status` absent keeps the stored status (`planned` for a new action);
 * - `progress` absent keeps the stored progress, unless the status changes: then the status's
 *   default progress applies when it has one (`planned` 0, `done` 100);
 * - partner roles are replaced only when `pilot` or `partners` is given;
 * - `updates` and `indicators` are not written here (see `addActionUpdate`, `saveIndicator`).
 * Giving another orientation moves the action there. Throws `DomainError` VALIDATION (with field paths)
 * or NOT_FOUND (scheme, orientation) and writes nothing then.
 *
 * ### Examples
 * ```ts
 * const { action, before } = await saveAction(db, '48-2018-2022', '1.1', { code: '1.1.1', title: 'Observer les besoins', status: 'done' });
 * action.progress; // 100
 * ```
 */
export async function writeAction(
  trx: Transaction<Database>,
  scheme: { readonly id: string },
  orientationCode: string,
  data: ActionDocument,
  given: { readonly status: boolean; readonly progress: boolean; readonly partners: boolean },
  partners: { readonly ids: ReadonlyMap<string, string>; readonly issues: readonly ValidationIssue[] },
  lang: Lang,
): Promise<ActionWrite> {
  const partnerIds = partners.ids;
  {
    const orientation = await trx
      .selectFrom('orientation')
      .select('id')
      .where('scheme_id', '=', scheme.id)
      .where('code', '=', orientationCode)
      .executeTakeFirst();
    if (!orientation) throw notFoundError('unknown_orientation', 'orientationCode', orientationCode, lang);

    const issues = [...partners.issues, ...(await checkTerritoryCodes(trx, scheme.id, (data.territories ?? []).map((code, i) => ({ code, path: `territories[${i}]` })), lang))];
    if (issues.length) throw validationError(issues, lang);

    const existingRow = await trx
      .selectFrom('action')
      .selectAll()
      .where('scheme_id', '=', scheme.id)
      .where('code', '=', data.code)
      .forUpdate()
      .executeTakeFirst();
    const before = existingRow
      ? { action: actionFromRow(existingRow), partners: (await trx.selectFrom('action_partner').selectAll().where('action_id', '=', existingRow.id).execute()).map(actionPartnerFromRow) }
      : null;

    const status: ActionStatus = given.status ? data.status : ((before?.action.status ?? 'planned') as ActionStatus);
    const progress = progressAfterWrite(before?.action ?? null, { status, progress: given.progress ? (data.progress ?? null) : undefined });

    let position = before?.action.position;
    if (position === undefined || before?.action.orientationId !== orientation.id) {
      const last = await trx
        .selectFrom('action')
        .select(sql<number | null>`max(position)`.as('max'))
        .where('orientation_id', '=', orientation.id)
        .executeTakeFirstOrThrow();
      position = last.max === null ? 0 : Number(last.max) + 1;
    }
    const columns = {
      orientation_id: orientation.id,
      title: data.title,
      description: data.description ?? null,
      easy_read: data.easyRead ?? null,
      objectives: JSON.stringify(data.objectives ?? []),
      expected_results: JSON.stringify(data.expectedResults ?? []),
      publics: data.publics ?? [],
      themes: data.themes ?? [],
      territories: data.territories ?? [],
      start_date: data.startDate ?? null,
      end_date: data.endDate ?? null,
      milestones: JSON.stringify(data.milestones ?? []),
      budget: JSON.stringify(data.budget ?? []),
      priority: data.priority ?? null,
      status,
      progress,
      weight: data.weight ?? null,
      position,
      illustrative: data.illustrative ?? false,
    };
    const row = before
      ? await trx.updateTable('action').set({ ...columns, updated_at: sql<Date>`now()` }).where('id', '=', before.action.id).returningAll().executeTakeFirstOrThrow()
      : await trx.insertInto('action').values({ id: randomUUID(), scheme_id: scheme.id, code: data.code, ...columns }).returningAll().executeTakeFirstOrThrow();

    let stored = before?.partners ?? [];
    if (given.partners) {
      await trx.deleteFrom('action_partner').where('action_id', '=', row.id).execute();
      const links = [
        ...(data.pilot ? [{ partner: data.pilot, role: 'pilot' as const }] : []),
        ...(data.partners ?? []).filter((p) => !(p.role === 'pilot' && p.partner === data.pilot)),
      ];
      const unique = [...new Map(links.map((l) => [`${l.partner}|${l.role}`, l])).values()];
      const rows = unique.map((l) => ({ action_id: row.id, partner_id: partnerIds.get(l.partner)!, role: l.role }));
      stored = rows.length ? (await trx.insertInto('action_partner').values(rows).returningAll().execute()).map(actionPartnerFromRow) : [];
    }
    return { action: actionFromRow(row), partners: stored, before };
  }
}

/**
 * Add a dated update (obstacle, next step, achievement) to an action, in one transaction; the action's
 * `updatedAt` moves too. Throws `DomainError` VALIDATION or NOT_FOUND and writes nothing then.
 *
 * ### Examples
 * ```ts
 * const { update } = await addActionUpdate(db, action.id, { date: '2025-01-15', kind: 'obstacle', text: 'Recrutement difficile' });
 * ```
 */
export async function writeActionUpdate(trx: Transaction<Database>, action: { readonly id: string }, data: ActionUpdateDocument): Promise<{ update: ActionUpdate; action: Action }> {
  const actionId = action.id;
  {
    const touched = await trx.updateTable('action').set({ updated_at: sql<Date>`now()` }).where('id', '=', actionId).returningAll().executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('action_update')
      .values({ id: randomUUID(), action_id: actionId, date: data.date, kind: data.kind, text: data.text, illustrative: data.illustrative ?? false })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { update: actionUpdateFromRow(row), action: actionFromRow(touched) };
  }
}
