import type { ColumnType, Selectable } from 'kysely';
import type { AuthorKind, EvaluationCriterion, EvaluationKind, FollowUpStatus, LegalActKind, LineageFate, Opinion } from './evaluation.ts';

type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json<T> = ColumnType<T, string | T, string | T>;

/** An evaluation of a scheme (mid-term, final). */
export interface EvaluationTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: EvaluationKind;
  title: string;
  start_date: string | null;
  date: string;
  authors: Json<{ name: string; kind: AuthorKind }[]>;
  summary: string | null;
  easy_read: string | null;
  illustrative: Defaulted<boolean>;
  position: number;
}

/** An evaluative question; orientation, action and indicators are referred to by code within the scheme. */
export interface EvaluationQuestionTable {
  id: string;
  evaluation_id: string;
  code: string;
  text: string;
  orientation_code: string | null;
  action_code: string | null;
  criteria: EvaluationCriterion[];
  indicators: Defaulted<string[]>;
  sources: Defaulted<string[]>;
  findings: Json<string[]>;
  illustrative: Defaulted<boolean>;
  position: number;
}

/** A recommendation and its follow-up; `actions` are the codes of the actions it changed. */
export interface RecommendationTable {
  id: string;
  evaluation_id: string;
  code: string;
  text: string;
  question_code: string | null;
  status: FollowUpStatus | null;
  follow_up_date: string | null;
  follow_up_note: string | null;
  actions: Defaulted<string[]>;
  illustrative: Defaulted<boolean>;
  position: number;
}

/** One act of the legal trail (deliberation, opinion, amendment, mid-term revision). */
export interface LegalActTable {
  id: string;
  scheme_id: string;
  code: string;
  kind: LegalActKind;
  date: string;
  title: string;
  number: string | null;
  assembly: string | null;
  body: string | null;
  opinion: Opinion | null;
  summary: string | null;
  changes: Json<{ text: string; action?: string; orientation?: string; indicator?: string }[]>;
  illustrative: Defaulted<boolean>;
  position: number;
}

/** A revision of an indicator's target, one per indicator and date. */
export interface TargetRevisionTable {
  id: string;
  indicator_id: string;
  date: string;
  original_value: number;
  original_date: string | null;
  revised_value: number;
  revised_date: string | null;
  justification: string;
  act_code: string | null;
  illustrative: Defaulted<boolean>;
}

/** What became of an action of a previous scheme (`predecessor_code`) in this scheme (`scheme_id`). */
export interface ActionLineageTable {
  id: string;
  scheme_id: string;
  predecessor_code: string;
  predecessor_action: string;
  fate: LineageFate;
  into: Defaulted<string[]>;
  note: string | null;
  illustrative: Defaulted<boolean>;
  position: number;
}

/** The evaluation tables, merged into the store's `Database`. */
export interface EvaluationDatabase {
  evaluation: EvaluationTable;
  evaluation_question: EvaluationQuestionTable;
  recommendation: RecommendationTable;
  legal_act: LegalActTable;
  target_revision: TargetRevisionTable;
  action_lineage: ActionLineageTable;
}

export type EvaluationRow = Selectable<EvaluationTable>;
export type EvaluationQuestionRow = Selectable<EvaluationQuestionTable>;
export type RecommendationRow = Selectable<RecommendationTable>;
export type LegalActRow = Selectable<LegalActTable>;
export type TargetRevisionRow = Selectable<TargetRevisionTable>;
export type ActionLineageRow = Selectable<ActionLineageTable>;
