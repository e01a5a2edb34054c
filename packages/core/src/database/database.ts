import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { EvaluationDatabase } from '../evaluation/evaluation.table.ts';
import type { SchemePartnerTable, SchemePredecessorTable, SchemeStatusChangeTable } from '../scheme/scheme.table.ts';
import type { KeyFigure, SchemeStatus } from '../scheme/scheme.ts';

/** A column PostgreSQL fills in when a row is written (`default now()`, generated columns). */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** A generated column: read only. */
type ReadOnly<T> = ColumnType<T, never, never>;
/** A `jsonb` column: objects in, objects out. */
type Json<T> = ColumnType<T, string | T, string | T>;

export interface PartnerTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  siren: string | null;
  departments: Defaulted<string[]>;
}

export interface SchemeTable {
  id: string;
  code: string;
  title: string;
  departments: string[];
  period_start: number;
  period_end: number;
  status: SchemeStatus;
  adoption_date: string | null;
  adoption_reference: string | null;
  levels: Defaulted<string[]>;
  /** Publics the scheme covers (codes of `PUBLICS`). */
  publics: Defaulted<string[]>;
  /** Themes the scheme covers (codes of `THEMES`). */
  themes: Defaulted<string[]>;
  summary: string | null;
  easy_read: string | null;
  principles: Json<{ kind: 'value' | 'principle'; text: string }[]>;
  legal_basis: string | null;
  key_figures: Json<KeyFigure[]>;
  source_url: string | null;
  published: Defaulted<boolean>;
  illustrative: Defaulted<boolean>;
  updated_at: Generated<Date>;
  search: ReadOnly<string>;
}

export interface DistrictTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  kind: string;
  communes: string[];
}

export interface OrientationTable {
  id: string;
  scheme_id: string;
  parent_id: string | null;
  code: string;
  title: string;
  description: string | null;
  easy_read: string | null;
  objectives: Json<string[]>;
  weight: number | null;
  position: number;
  depth: number;
  search: ReadOnly<string>;
}

export interface ActionTable {
  id: string;
  scheme_id: string;
  orientation_id: string;
  code: string;
  title: string;
  description: string | null;
  easy_read: string | null;
  objectives: Json<string[]>;
  expected_results: Json<string[]>;
  publics: Defaulted<string[]>;
  themes: Defaulted<string[]>;
  territories: Defaulted<string[]>;
  start_date: string | null;
  end_date: string | null;
  milestones: Json<{ date: string; title: string; done?: boolean }[]>;
  budget: Json<{ year: number; funder: string; planned?: number; executed?: number }[]>;
  priority: string | null;
  status: string;
  progress: number | null;
  weight: number | null;
  position: number;
  illustrative: Defaulted<boolean>;
  updated_at: Generated<Date>;
  search: ReadOnly<string>;
}

export interface ActionPartnerTable {
  action_id: string;
  partner_id: string;
  role: string;
}

export interface ActionUpdateTable {
  id: string;
  action_id: string;
  date: string;
  kind: string;
  text: string;
  illustrative: Defaulted<boolean>;
}

export interface IndicatorTable {
  id: string;
  scheme_id: string;
  orientation_id: string | null;
  action_id: string | null;
  code: string;
  name: string;
  definition: string | null;
  type: string;
  unit: string;
  direction: string;
  baseline_value: number | null;
  baseline_date: string | null;
  target_value: number | null;
  target_date: string | null;
  intermediate_targets: Json<{ value: number; date: string; illustrative?: boolean; source?: string }[]>;
  periodicity: string;
  source: string | null;
  aggregation: string;
  shared_code: string | null;
  owner_partner_id: string | null;
  position: number;
  illustrative: Defaulted<boolean>;
  /** Statistical secrecy: counts above zero and below it are masked on output (null: no threshold). */
  secrecy_threshold: Defaulted<number | null>;
  /** Provenance of the reference values; null takes the indicator's `illustrative`. */
  baseline_illustrative: Defaulted<boolean | null>;
  baseline_source: Defaulted<string | null>;
  target_illustrative: Defaulted<boolean | null>;
  target_source: Defaulted<string | null>;
}

export interface MeasurementTable {
  id: string;
  indicator_id: string;
  period: string;
  period_start: string;
  territory: string;
  revision: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  missing_reason: string | null;
  provisional: Defaulted<boolean>;
  source: string | null;
  comment: string | null;
  illustrative: Defaulted<boolean>;
  recorded_at: Generated<Date>;
}

export interface GoverningBodyTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: string;
  name: string;
  description: string | null;
  position: number;
}

/**
 * A member of a governing body: an organisation (`partner_id`), or a person by role (`person_role`, with an
 * optional `person_name` and, in `partner_id`, the organisation the person speaks for). Migration
 * `2026-12-01T2330-real-schemes`.
 */
export interface BodyMemberTable {
  id: Generated<string>;
  body_id: string;
  partner_id: string | null;
  /** The seat's role in the body (« président », « membre de droit »). */
  role: string | null;
  /** A person's function (« vice-président chargé des solidarités »); null for an organisation. */
  person_role: string | null;
  /** A person's name, optional; never more personal data than this. */
  person_name: string | null;
  position: number;
}

export interface MeetingTable {
  id: string;
  body_id: string;
  date: string;
  title: string;
  summary: string | null;
  decisions: Json<{ text: string; orientations?: string[]; actions?: string[] }[]>;
}

export interface PhaseTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: string;
  title: string;
  /** The phase's fuzzy date (`shared/fuzzy-date.ts`), null when undated: the stored truth. */
  date_text: string | null;
  /** First day `date_text` covers (derived, for sorting). */
  start_date: string | null;
  /** Last day `date_text` covers (derived). */
  end_date: string | null;
  description: string | null;
  position: number;
}

export interface ConsultationEventTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: string;
  title: string;
  /** The event's fuzzy date (`shared/fuzzy-date.ts`), null when undated: the stored truth. */
  date_text: string | null;
  /** First day `date_text` covers (derived, for sorting). */
  date: string | null;
  /** Last day `date_text` covers (derived). */
  end_date: string | null;
  participants: number | null;
  proposals_count: number | null;
  partners: Defaulted<string[]>;
  description: string | null;
  position: number;
}

export interface ProposalTable {
  id: string;
  scheme_id: string;
  code: string;
  text: string;
  event_code: string | null;
  outcome: string;
  actions: Defaulted<string[]>;
  illustrative: Defaulted<boolean>;
  position: number;
}

/**
 * The key of the current measurement of each (indicator, territory): the latest revision of the latest
 * period, kept by triggers on `measurement` (migration 2026-12-01T2130-read-models). Read-only for code.
 */
export interface MeasurementLatestTable {
  indicator_id: string;
  territory: string;
  period_start: string;
  period: string;
  revision: number;
}

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
  measurement_latest: MeasurementLatestTable;
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
