// The orientations section of a scheme file: the tree of orientations and the actions each holds, with the
// actions' partners and updates (their indicators are the indicators section's).
// Its import and its export live side by side so that they stay each other's inverse.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { upsert } from '../../database/upsert.ts';
import type { OrientationDocument } from '../../orientation/orientation.ts';
import type { ActionDocument } from '../../action/action.ts';
import type { IndicatorDocument } from '../../indicator/indicator.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { walkActions, walkOrientations } from '../validate.ts';
import { compact, group, idsByCode, json, nil, opt, syncChildren, type Progress, type Tally } from './rows.ts';

/** The ids by code of the orientations and actions an import wrote. */
export interface WrittenTree {
  orientationIds: ReadonlyMap<string, string>;
  actionIds: ReadonlyMap<string, string>;
}

/**
 * Import: create or update the orientations and actions by code (ids reused by code so that children can
 * point at them within the same statement), and replace the partners and updates of the actions whose
 * lists changed.
 *
 * ### Examples
 * ```ts
 * const { orientationIds, actionIds } = await writeOrientationsSection(trx, schemeId, file, partners.id, tally, progress);
 * ```
 */
export async function writeOrientationsSection(
  trx: Transaction<Database>,
  schemeId: string,
  file: SchemeFile,
  partnerId: (code: string) => string,
  tally: Tally,
  progress: Progress,
): Promise<WrittenTree> {
  const orientationIds = await idsByCode(trx, 'orientation', [], schemeId);
  const orientations = [...walkOrientations(file.orientations)];
  for (const { orientation } of orientations) if (!orientationIds.has(orientation.code)) orientationIds.set(orientation.code, randomUUID());
  const orientationRows = orientations.map(({ orientation: o, parentCode, depth, position }) => ({
    id: orientationIds.get(o.code)!,
    scheme_id: schemeId,
    parent_id: parentCode === null ? null : orientationIds.get(parentCode)!,
    code: o.code,
    title: o.title,
    description: nil(o.description),
    easy_read: nil(o.easyRead),
    objectives: json(o.objectives),
    weight: nil(o.weight),
    position,
    depth,
  }));
  const orientationCompare = ['parent_id', 'title', 'description', 'easy_read', 'objectives', 'weight', 'position', 'depth'];
  tally(await upsert(trx, 'orientation', orientationRows, ['scheme_id', 'code'], orientationCompare), orientationRows.length);
  progress({ stage: 'orientations', done: orientationRows.length, total: orientationRows.length });

  const actionIds = await idsByCode(trx, 'action', [], schemeId);
  const actions = [...walkActions(file)];
  for (const { action } of actions) if (!actionIds.has(action.code)) actionIds.set(action.code, randomUUID());
  const actionRows = actions.map(({ action: a, orientationCode, position }) => ({
    id: actionIds.get(a.code)!,
    scheme_id: schemeId,
    orientation_id: orientationIds.get(orientationCode)!,
    code: a.code,
    title: a.title,
    description: nil(a.description),
    easy_read: nil(a.easyRead),
    objectives: json(a.objectives),
    expected_results: json(a.expectedResults),
    publics: a.publics ?? [],
    themes: a.themes ?? [],
    territories: a.territories ?? [],
    start_date: nil(a.startDate),
    end_date: nil(a.endDate),
    milestones: json(a.milestones),
    budget: json(a.budget),
    priority: nil(a.priority),
    status: a.status,
    progress: nil(a.progress),
    weight: nil(a.weight),
    position,
    illustrative: a.illustrative ?? false,
  }));
  const { id: _a, scheme_id: _b, code: _c, ...actionColumns } = actionRows[0] ?? { id: '', scheme_id: '', code: '' };
  tally(await upsert(trx, 'action', actionRows, ['scheme_id', 'code'], Object.keys(actionColumns), { touch: 'updated_at' }), actionRows.length);
  progress({ stage: 'actions', done: actionRows.length, total: actionRows.length });

  const actionIdList = actions.map(({ action }) => actionIds.get(action.code)!);
  await syncChildren(trx, 'action_partner', 'action_id', actionIdList, actions.map(({ action }) => ({
    parent: actionIds.get(action.code)!,
    rows: [
      ...(action.pilot ? [{ partner_id: partnerId(action.pilot), role: 'pilot' }] : []),
      ...(action.partners ?? []).filter((p) => !(p.role === 'pilot' && p.partner === action.pilot)).map((p) => ({ partner_id: partnerId(p.partner), role: p.role })),
    ],
  })), ['partner_id', 'role']);
  await syncChildren(trx, 'action_update', 'action_id', actionIdList, actions.map(({ action }) => ({
    parent: actionIds.get(action.code)!,
    rows: (action.updates ?? []).map((u) => ({ date: u.date, kind: u.kind, text: u.text, illustrative: u.illustrative ?? false })),
  })), ['date', 'kind', 'text', 'illustrative'], true);
  return { orientationIds, actionIds };
}

/** The orientations section of a stored scheme: the partners it names, and its tree once indicators are known. */
export interface OrientationsSection {
  /** Codes of the partners the actions name (pilots, partners, funders). */
  partnerCodes: string[];
  /** The orientation tree, each orientation and action with the indicators `indicatorsOf` gives for its id. */
  tree(indicatorsOf: (parentId: string) => IndicatorDocument[]): OrientationDocument[];
}

/**
 * Export: the orientation tree of a stored scheme with its actions, their partners and updates.
 *
 * ### Examples
 * ```ts
 * const section = await readOrientationsSection(db, schemeId);
 * const orientations = section.tree((id) => indicators.of(id));
 * ```
 */
export async function readOrientationsSection(db: Kysely<Database>, schemeId: string): Promise<OrientationsSection> {
  const [orientations, actions, actionPartners, updates] = await Promise.all([
    db.selectFrom('orientation').selectAll().where('scheme_id', '=', schemeId).orderBy('depth').orderBy('position').execute(),
    db.selectFrom('action').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db
      .selectFrom('action_partner')
      .innerJoin('action', 'action.id', 'action_partner.action_id')
      .innerJoin('partner', 'partner.id', 'action_partner.partner_id')
      .select(['action_partner.action_id', 'action_partner.role', 'partner.code'])
      .where('action.scheme_id', '=', schemeId)
      .orderBy('partner.code')
      .orderBy('action_partner.role')
      .execute(),
    db
      .selectFrom('action_update')
      .innerJoin('action', 'action.id', 'action_update.action_id')
      .select(['action_update.action_id', 'action_update.date', 'action_update.kind', 'action_update.text', 'action_update.illustrative'])
      .where('action.scheme_id', '=', schemeId)
      .orderBy('action_update.date')
      .orderBy('action_update.kind')
      .orderBy('action_update.text')
      .execute(),
  ]);
  const partnerCodes = [...actionPartners.map((p) => p.code), ...actions.flatMap((a) => a.budget.map((b) => b.funder))];
  const partnersOf = group(actionPartners, (p) => p.action_id);
  const updatesOf = group(updates, (u) => u.action_id);
  const actionsOf = group(actions, (a) => a.orientation_id);
  const childrenOf = group(orientations, (o) => o.parent_id);

  const tree = (indicatorsOf: (parentId: string) => IndicatorDocument[]): OrientationDocument[] => {
    const toAction = (a: (typeof actions)[number]): ActionDocument => {
      const links = partnersOf.get(a.id) ?? [];
      const pilot = links.find((l) => l.role === 'pilot');
      return compact({
        code: a.code,
        title: a.title,
        description: opt(a.description),
        easyRead: opt(a.easy_read),
        objectives: a.objectives,
        expectedResults: a.expected_results,
        publics: a.publics as ActionDocument['publics'],
        themes: a.themes as ActionDocument['themes'],
        territories: a.territories,
        pilot: pilot?.code,
        partners: links.filter((l) => l !== pilot).map((l) => ({ partner: l.code, role: l.role as 'partner' })),
        startDate: opt(a.start_date),
        endDate: opt(a.end_date),
        milestones: a.milestones,
        budget: a.budget,
        priority: opt(a.priority) as ActionDocument['priority'],
        status: a.status as ActionDocument['status'],
        progress: opt(a.progress),
        weight: opt(a.weight),
        updates: (updatesOf.get(a.id) ?? []).map((u) => compact({ date: u.date, kind: u.kind as 'obstacle', text: u.text, illustrative: u.illustrative || undefined })),
        indicators: indicatorsOf(a.id),
        illustrative: a.illustrative || undefined,
      });
    };
    const toOrientation = (o: (typeof orientations)[number]): OrientationDocument =>
      compact({
        code: o.code,
        title: o.title,
        description: opt(o.description),
        easyRead: opt(o.easy_read),
        objectives: o.objectives,
        weight: opt(o.weight),
        orientations: (childrenOf.get(o.id) ?? []).map(toOrientation),
        actions: (actionsOf.get(o.id) ?? []).map(toAction),
        indicators: indicatorsOf(o.id),
      });
    return (childrenOf.get(null) ?? []).map(toOrientation);
  };
  return { partnerCodes, tree };
}
