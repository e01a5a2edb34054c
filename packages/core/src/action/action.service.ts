import type { Kysely } from 'kysely';
import { runCommand, type Caller, type CommandContext } from '../access/command.ts';
import type { ActionRow, Database, Selectable, ActionPartnerTable, ActionUpdateTable } from '../database/database.ts';
import { getPartnersByIds, resolvePartnerCodes } from '../partner/partner.repository.ts';
import { schemeForWrite } from '../scheme/scheme.service.ts';
import { notFoundError, validated, validationError } from '../shared/errors.ts';
import { isUuid } from '../shared/ids.ts';
import { withoutNulls } from '../shared/values.ts';
import { DomainError } from '../validation/issues.ts';
import { getActionPartnersByActionIds, writeAction, writeActionUpdate } from './action.repository.ts';
import { actionSchema, actionUpdateSchema, type ActionDocument } from './action.ts';
import type { PublicCode, ThemeCode } from '../nomenclature/nomenclature.ts';
import type { ActionRole } from '../partner/partner.ts';
import { toIsoTimestamp } from '../shared/values.ts';
import type { ActionStatus, Priority, UpdateKind } from './action.ts';

/**
 * A fiche-action as stored, with its scheme and orientation ids. Partners and dated updates are read
 * separately by action id.
 *
 * ### Examples
 * ```ts
 * const actions = await getActionsBySchemeIds(db, [scheme.id]);
 * actions.filter((a) => a.status === 'late');
 * ```
 */
export interface Action {
  readonly id: string;
  readonly schemeId: string;
  readonly orientationId: string;
  readonly code: string;
  readonly title: string;
  readonly description: string | null;
  readonly easyRead: string | null;
  readonly objectives: string[];
  readonly expectedResults: string[];
  readonly publics: PublicCode[];
  readonly themes: ThemeCode[];
  readonly territories: string[];
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly milestones: { date: string; title: string; done?: boolean }[];
  readonly budget: { year: number; funder: string; planned?: number; executed?: number }[];
  readonly priority: Priority | null;
  readonly status: ActionStatus;
  /** Recorded progress 0–100; `effectiveProgress` of the rules gives the figure that counts. */
  readonly progress: number | null;
  readonly weight: number | null;
  readonly position: number;
  readonly illustrative: boolean;
  /** ISO 8601 timestamp of the last write. */
  readonly updatedAt: string;
}

/**
 * A partner's role in an action (pilot, copilot, partner, funder).
 *
 * ### Examples
 * ```ts
 * const links = await getActionPartnersByActionIds(db, [action.id]);
 * links.find((l) => l.role === 'pilot')?.partnerId;
 * ```
 */
export interface ActionPartner {
  readonly actionId: string;
  readonly partnerId: string;
  readonly role: ActionRole;
}

/**
 * A dated narrative update of an action: an obstacle, a next step or an achievement.
 *
 * ### Examples
 * ```ts
 * const updates = await getActionUpdatesByActionIds(db, [action.id]);
 * ```
 */
export interface ActionUpdate {
  readonly id: string;
  readonly actionId: string;
  readonly date: string;
  readonly kind: UpdateKind;
  readonly text: string;
  readonly illustrative: boolean;
}

/**
 * Map an `action` row to an {@link Action}.
 *
 * ### Examples
 * ```ts
 * actionFromRow(row).orientationId;
 * ```
 */
export function actionFromRow(row: Omit<ActionRow, 'search'>): Action {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    orientationId: row.orientation_id,
    code: row.code,
    title: row.title,
    description: row.description,
    easyRead: row.easy_read,
    objectives: row.objectives,
    expectedResults: row.expected_results,
    publics: row.publics as PublicCode[],
    themes: row.themes as ThemeCode[],
    territories: row.territories,
    startDate: row.start_date,
    endDate: row.end_date,
    milestones: row.milestones,
    budget: row.budget,
    priority: row.priority as Priority | null,
    status: row.status as ActionStatus,
    progress: row.progress,
    weight: row.weight,
    position: row.position,
    illustrative: row.illustrative,
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

/**
 * Map an `action_partner` row to an {@link ActionPartner}.
 *
 * ### Examples
 * ```ts
 * actionPartnerFromRow({ action_id: a, partner_id: p, role: 'pilot' }); // { actionId: a, partnerId: p, role: 'pilot' }
 * ```
 */
export function actionPartnerFromRow(row: Selectable<ActionPartnerTable>): ActionPartner {
  return { actionId: row.action_id, partnerId: row.partner_id, role: row.role as ActionRole };
}

/**
 * Map an `action_update` row to an {@link ActionUpdate}.
 *
 * ### Examples
 * ```ts
 * actionUpdateFromRow(row).kind; // 'obstacle'
 * ```
 */
export function actionUpdateFromRow(row: Selectable<ActionUpdateTable>): ActionUpdate {
  return { id: row.id, actionId: row.action_id, date: row.date, kind: row.kind as UpdateKind, text: row.text, illustrative: row.illustrative };
}

const has = (input: unknown, key: string): boolean =>
  typeof input === 'object' && input !== null && key in input && (input as Record<string, unknown>)[key] !== undefined;

/** The partners an action names (pilot, partners, funders), resolved among those the caller may see. */
function actionPartnerIds(ctx: CommandContext, schemeId: string, data: ActionDocument) {
  const refs = [
    ...(data.pilot ? [{ code: data.pilot, path: 'pilot' }] : []),
    ...(data.partners ?? []).map((p, i) => ({ code: p.partner, path: `partners[${i}].partner` })),
    ...(data.budget ?? []).map((b, i) => ({ code: b.funder, path: `budget[${i}].funder` })),
  ];
  return resolvePartnerCodes(ctx.trx, refs, { schemeId, visibility: ctx.visibility, lang: ctx.lang });
}

/** What the action commands return: the action and its partner roles after the write. */
export interface SavedAction {
  readonly action: Action;
  readonly partners: ActionPartner[];
}

/**
 * Create or update an action by its code within a scheme, under an orientation (editor of every
 * département of the scheme). The action's own fields are replaced by the input, except: `status`
 * absent keeps the stored status (`planned` for a new action); `progress` absent keeps the stored
 * progress unless the status changes, when the status's default progress applies (`planned` 0, `done`
 * 100); partner roles are replaced only when `pilot` or `partners` is given. Partners must be visible to
 * the caller. Giving another orientation moves the action there.
 *
 * ### Examples
 * ```ts
 * const { action } = await saveAction(db, { principal }, '48-2018-2022', '1.1', { code: '1.1.1', title: 'Observer les besoins', status: 'done' });
 * action.progress; // 100
 * ```
 */
export function saveAction(db: Kysely<Database>, caller: Caller, schemeCode: string, orientationCode: string, input: unknown): Promise<SavedAction> {
  return runCommand(db, caller, 'action:save', async (ctx) => {
    const data = validated(actionSchema, input, ctx.lang);
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const partnerIds = await actionPartnerIds(ctx, scheme.id, data);
    const given = { status: has(input, 'status'), progress: has(input, 'progress'), partners: has(input, 'pilot') || has(input, 'partners') };
    const { action, partners, before } = await writeAction(ctx.trx, scheme, orientationCode, data, given, partnerIds, ctx.lang);
    return { value: { action, partners }, entityId: action.id, before, after: { action, partners } };
  });
}

/** An action back as an input document (for merging a patch). */
function actionDocument(a: Action, partners: readonly ActionPartner[], partnerCodes: ReadonlyMap<string, string>): Record<string, unknown> {
  const pilot = partners.find((p) => p.role === 'pilot');
  return withoutNulls({
    code: a.code,
    title: a.title,
    description: a.description,
    easyRead: a.easyRead,
    objectives: a.objectives,
    expectedResults: a.expectedResults,
    publics: a.publics,
    themes: a.themes,
    territories: a.territories,
    startDate: a.startDate,
    endDate: a.endDate,
    milestones: a.milestones,
    budget: a.budget,
    priority: a.priority,
    status: a.status,
    progress: a.progress,
    weight: a.weight,
    illustrative: a.illustrative,
    pilot: pilot ? partnerCodes.get(pilot.partnerId) : undefined,
    partners: partners.filter((p) => p.role !== 'pilot').map((p) => ({ partner: partnerCodes.get(p.partnerId)!, role: p.role })),
  });
}

/**
 * Change some fields of an action, found by id (editor of every département of its scheme). The action
 * row is locked for update, the patch merged into what is stored inside the transaction (two edits of
 * different fields both survive), a status change without a progress applies the status's default
 * progress, then the action is written and audited.
 *
 * ### Examples
 * ```ts
 * const { action } = await updateAction(db, { principal }, action.id, { status: 'in_progress' });
 * ```
 */
export function updateAction(db: Kysely<Database>, caller: Caller, actionId: string, patch: Record<string, unknown>): Promise<SavedAction> {
  return runCommand(db, caller, 'action:update', async (ctx) => {
    const owner = isUuid(actionId) ? await ctx.trx.selectFrom('action').select('scheme_id').where('id', '=', actionId).executeTakeFirst() : undefined;
    if (!owner) throw notFoundError('unknown_action', 'id', actionId, ctx.lang);
    const scheme = await schemeForWrite(ctx, { id: owner.scheme_id }, 'share').catch((error: unknown) => {
      throw error instanceof DomainError && error.code === 'NOT_FOUND' ? notFoundError('unknown_action', 'id', actionId, ctx.lang) : error;
    });
    const row = await ctx.trx.selectFrom('action').selectAll().where('id', '=', actionId).forUpdate().executeTakeFirstOrThrow();
    const current = actionFromRow(row);
    const partners = await getActionPartnersByActionIds(ctx.trx, [actionId]);
    const codes = await getPartnersByIds(ctx.trx, partners.map((p) => p.partnerId));
    const merged: Record<string, unknown> = { ...actionDocument(current, partners, new Map(codes.map((c) => [c.id, c.code]))), ...withoutNulls(patch) };
    if (patch.status !== undefined && patch.status !== current.status && patch.progress === undefined) delete merged.progress;
    const data = validated(actionSchema, merged, ctx.lang);
    const partnerIds = await actionPartnerIds(ctx, scheme.id, data);
    const orientation = await ctx.trx.selectFrom('orientation').select('code').where('id', '=', current.orientationId).executeTakeFirstOrThrow();
    const given = { status: true, progress: merged.progress !== undefined, partners: has(patch, 'pilot') || has(patch, 'partners') };
    const written = await writeAction(ctx.trx, scheme, orientation.code, data, given, partnerIds, ctx.lang);
    return { value: { action: written.action, partners: written.partners }, entityId: written.action.id, before: written.before, after: { action: written.action, partners: written.partners } };
  });
}

/**
 * Add a dated update (obstacle, next step, achievement) to an action (editor of its scheme); the
 * action's `updatedAt` moves too.
 *
 * ### Examples
 * ```ts
 * const update = await addActionUpdate(db, { principal }, action.id, { date: '2025-01-15', kind: 'obstacle', text: 'Recrutement difficile' });
 * ```
 */
export function addActionUpdate(db: Kysely<Database>, caller: Caller, actionId: string, input: unknown): Promise<ActionUpdate> {
  return runCommand(db, caller, 'action-update:add', async (ctx) => {
    const data = validated(actionUpdateSchema, input, ctx.lang);
    const owner = isUuid(actionId) ? await ctx.trx.selectFrom('action').select('scheme_id').where('id', '=', actionId).executeTakeFirst() : undefined;
    if (!owner) throw notFoundError('unknown_action', 'actionId', actionId, ctx.lang);
    await schemeForWrite(ctx, { id: owner.scheme_id }, 'share').catch((error: unknown) => {
      throw error instanceof DomainError && error.code === 'NOT_FOUND' ? notFoundError('unknown_action', 'actionId', actionId, ctx.lang) : error;
    });
    const { update } = await writeActionUpdate(ctx.trx, { id: actionId }, data);
    return { value: update, entityId: update.id, before: null, after: update };
  });
}
