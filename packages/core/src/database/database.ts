// The store as kysely sees it: each concept's tables live in its own `<concept>.table.ts`, typed by the
// domain unions; this file puts them together (and re-exports them for the code that names them from here).
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { PartnerTable } from '../partner/partner.table.ts';
export type { PartnerTable } from '../partner/partner.table.ts';
import type { DistrictTable } from '../territory/district.table.ts';
export type { DistrictTable } from '../territory/district.table.ts';
import type { OrientationTable } from '../orientation/orientation.table.ts';
export type { OrientationTable } from '../orientation/orientation.table.ts';
import type { ActionTable, ActionPartnerTable, ActionUpdateTable } from '../action/action.table.ts';
export type { ActionTable, ActionPartnerTable, ActionUpdateTable } from '../action/action.table.ts';
import type { IndicatorTable } from '../indicator/indicator.table.ts';
export type { IndicatorTable } from '../indicator/indicator.table.ts';
import type { MeasurementTable } from '../measurement/measurement.table.ts';
export type { MeasurementTable } from '../measurement/measurement.table.ts';
import type { IndicatorCurrentTable, IndicatorPeriodValueTable, IndicatorValuePendingTable } from '../indicator/stored-value.table.ts';
export type { IndicatorCurrentTable, IndicatorPeriodValueTable, IndicatorValuePendingTable } from '../indicator/stored-value.table.ts';
import type { GoverningBodyTable, BodyMemberTable, MeetingTable } from '../governance/governance.table.ts';
export type { GoverningBodyTable, BodyMemberTable, MeetingTable } from '../governance/governance.table.ts';
import type { PhaseTable, ConsultationEventTable, ProposalTable } from '../consultation/consultation.table.ts';
export type { PhaseTable, ConsultationEventTable, ProposalTable } from '../consultation/consultation.table.ts';
import type { SchemeTable } from '../scheme/scheme.table.ts';
export type { SchemeTable } from '../scheme/scheme.table.ts';
import type { EvaluationDatabase } from '../evaluation/evaluation.table.ts';
import type { SchemePartnerTable, SchemePredecessorTable, SchemeStatusChangeTable } from '../scheme/scheme.table.ts';

/** Every table of the store, as kysely sees them. */
export interface Database extends EvaluationDatabase {
  partner: PartnerTable;
  scheme: SchemeTable;
  district: DistrictTable;
  orientation: OrientationTable;
  action: ActionTable;
  action_partner: ActionPartnerTable;
  action_update: ActionUpdateTable;
  indicator: IndicatorTable;
  measurement: MeasurementTable;
  indicator_current: IndicatorCurrentTable;
  indicator_period_value: IndicatorPeriodValueTable;
  indicator_value_pending: IndicatorValuePendingTable;
  governing_body: GoverningBodyTable;
  body_member: BodyMemberTable;
  meeting: MeetingTable;
  phase: PhaseTable;
  consultation_event: ConsultationEventTable;
  proposal: ProposalTable;
  scheme_status_change: SchemeStatusChangeTable;
  scheme_partner: SchemePartnerTable;
  scheme_predecessor: SchemePredecessorTable;
}

export type SchemeRow = Selectable<SchemeTable>;
export type OrientationRow = Selectable<OrientationTable>;
export type ActionRow = Selectable<ActionTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type MeasurementRow = Selectable<MeasurementTable>;
export type PartnerRow = Selectable<PartnerTable>;
export type { Insertable, Selectable, Updateable };
