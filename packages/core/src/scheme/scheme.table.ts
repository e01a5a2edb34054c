import type { Generated, Selectable } from 'kysely';
import type { KeyFigure, SchemeStatus } from './scheme.ts';
import type { Defaulted, Json, ReadOnly } from '../database/columns.ts';

/** How a scheme's status changed: a step forward in the legal lifecycle, an amendment or a withdrawal. */
export const STATUS_CHANGE_KINDS = ['transition', 'amendment', 'withdrawal'] as const;
export type StatusChangeKind = (typeof STATUS_CHANGE_KINDS)[number];

/** One change of a scheme's status, kept for its legal trail (migration `2026-12-01T2150-commands`). */
export interface SchemeStatusChangeTable {
  id: string;
  scheme_id: string;
  from_status: SchemeStatus;
  to_status: SchemeStatus;
  kind: StatusChangeKind;
  /** The date the change takes effect (a deliberation, a withdrawal), ISO `YYYY-MM-DD`. */
  date: string;
  reason: string | null;
  token_label: string | null;
  at: Generated<Date>;
}

/** A partner a scheme names (declared in its file, or referenced by one of its rows). */
export interface SchemePartnerTable {
  scheme_id: string;
  partner_id: string;
}

/**
 * A scheme this one continues, by code (a « schéma unique » may replace several sectoral ones), in the
 * order the scheme lists them (migration `2026-12-01T2330-real-schemes`).
 */
export interface SchemePredecessorTable {
  scheme_id: string;
  predecessor_code: string;
  position: number;
}

export type SchemeStatusChangeRow = Selectable<SchemeStatusChangeTable>;

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
