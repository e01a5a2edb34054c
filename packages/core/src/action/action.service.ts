import type { ActionRow, Selectable, ActionPartnerTable, ActionUpdateTable } from '../database/database.ts';
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
