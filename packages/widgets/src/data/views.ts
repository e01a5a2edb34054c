/**
 * What the widgets render: plain view objects read from the query data by `read.ts`.
 * Enum values are the core's lower-case constants (`in_progress`, `on_track`).
 */

export interface SchemeView {
  code: string;
  title: string;
  status: string | null;
  departments: string[];
  period: { start: number; end: number } | null;
  adoption: { date: string; reference: string | null } | null;
  summary: string | null;
  easyRead: string | null;
  levels: string[];
  progress: number | null;
  illustrative: boolean;
}

export interface ActionSummaryView {
  id: string;
  code: string;
  title: string;
  easyRead: string | null;
  status: string | null;
  progress: number | null;
  health: string | null;
  illustrative: boolean;
}

export interface OrientationView {
  id: string;
  code: string;
  title: string;
  easyRead: string | null;
  progress: number | null;
  orientations: OrientationView[];
  actions: ActionSummaryView[];
}

export interface SchemeOverviewView {
  scheme: SchemeView;
  orientations: OrientationView[];
  /** Actions received (every page). */
  actionCount: number;
  /** Actions the server counts (`totalCount`); more than `actionCount` only if the server stopped paging. */
  actionTotal: number;
}

/** What can be said of a value, as the API states it: `known`, `masked` (statistical secrecy), `not_known`, `not_applicable`. */
export type ValueStatusView = 'known' | 'masked' | 'not_known' | 'not_applicable';

export interface MeasurementView {
  period: string;
  territory: string | null;
  value: number | null;
  /** The API's `status` (core's one rule, masking included); null in a file written before it existed. */
  status: ValueStatusView | null;
  missingReason: string | null;
  provisional: boolean;
  illustrative: boolean;
  source: string | null;
}

/** A value of an indicator as the API's `IndicatorValue` states it (core's one rule); the widget computes none. */
export interface ValueView {
  status: ValueStatusView;
  /** Only when `status` is `known`. */
  value: number | null;
  period: string | null;
  provisional: boolean;
  illustrative: boolean;
  sources: string[];
}

/** A dated reference value (baseline, target) with its own provenance. */
export interface DatedValueView {
  value: number;
  date: string;
  illustrative: boolean;
  source: string | null;
}

export interface IndicatorView {
  id: string;
  code: string;
  name: string;
  definition: string | null;
  type: string | null;
  unit: string;
  direction: string | null;
  baseline: DatedValueView | null;
  target: DatedValueView | null;
  source: string | null;
  sharedCode: string | null;
  completionRate: number | null;
  illustrative: boolean;
  /** The current value as the API states it (`currentValue`: core's one rule); the widget computes none. */
  current: ValueView;
  measurements: MeasurementView[];
  /** The gateway's latest measured value (latest period, latest revision, the département first). */
  latest: MeasurementView | null;
  /** Every revision of every value, corrections included (`measurements(history: true)`). */
  revisions: RevisionView[];
}

export interface RevisionView extends MeasurementView {
  revision: number;
  comment: string | null;
  recordedAt: string | null;
}

export interface BudgetLineView {
  year: number;
  funder: string;
  planned: number | null;
  executed: number | null;
  illustrative: boolean;
}

export interface ActionDetailView extends ActionSummaryView {
  description: string | null;
  objectives: string[];
  expectedResults: string[];
  priority: string | null;
  startDate: string | null;
  endDate: string | null;
  pilot: string | null;
  partners: { name: string; role: string | null }[];
  milestones: { date: string; title: string; done: boolean }[];
  themes: string[];
  publics: string[];
  updates: { date: string; kind: string | null; text: string; illustrative: boolean }[];
  indicators: IndicatorView[];
  orientation: { code: string; title: string } | null;
  budget: BudgetLineView[];
  territories: { code: string; name: string }[];
}

/** A count of actions; `illustrative` counts those whose status or progress is illustrative. */
export interface CountView {
  key: string;
  count: number;
  illustrative: number;
}

export interface ProgressView {
  scheme: SchemeView;
  /** Actions counted (core's `actionCounts.total`). */
  total: number;
  byStatus: CountView[];
  byHealth: CountView[];
  illustrative: boolean;
}

export interface TimelineEntryView {
  date: string;
  endDate: string | null;
  /** The gateway's reading of a fuzzy date (« mars 2023 », « 2022–2023 »), shown instead of the bounds. */
  dateLabel: string | null;
  /** The fuzzy date's ISO text (`2023-03`, `2018-05/2018-07`). */
  dateText: string | null;
  kind: 'phase' | 'event' | 'meeting';
  subKind: string | null;
  title: string;
  detail: string | null;
  participants: number | null;
  proposalsCount: number | null;
}

export interface TimelineView {
  scheme: SchemeView;
  entries: TimelineEntryView[];
}

export interface ComparisonView {
  indicatorName: string;
  sharedCode: string;
  unit: string;
  period: string | null;
  /** In the API's order (core sorts by département code). */
  rows: {
    department: string;
    label: string;
    value: number | null;
    status: ValueStatusView;
    schemeCode: string | null;
    illustrative: boolean;
    sources: string[];
  }[];
  /** Départements with a known value for the period, out of `rows.length`, as the API counts them (`departmentsWithValue`). */
  withValue: number;
  illustrative: boolean;
}

export interface SearchResultView extends ActionSummaryView {
  schemeCode: string | null;
  schemeTitle: string | null;
  departments: string[];
  themes: string[];
  publics: string[];
}

export interface NomenclatureView {
  themes: { code: string; label: string }[];
  publics: { code: string; label: string }[];
}

export interface ProposalView {
  code: string;
  text: string;
  outcome: string | null;
  illustrative: boolean;
  event: { title: string; date: string | null } | null;
  actions: { code: string; title: string }[];
}

export interface ProposalsView {
  scheme: SchemeView;
  proposals: ProposalView[];
  totalCount: number;
}
