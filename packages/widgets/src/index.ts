/**
 * @sosms/widgets: every widget. Importing this module registers the `sosms-*` custom elements.
 *
 * ### Examples
 * ```html
 * <script type="module" src="https://example.org/sosms-widgets.js"></script>
 * <sosms-scheme endpoint="https://example.org/graphql" scheme="48-2018-2022"></sosms-scheme>
 * ```
 */
export { SchemeOverview } from './scheme-overview/scheme-overview.ts';
export { ActionSheet } from './action-sheet/action-sheet.ts';
export { IndicatorChart } from './indicator-chart/indicator-chart.ts';
export { ProgressSummary } from './progress-summary/progress-summary.ts';
export { SchemeTimeline } from './scheme-timeline/scheme-timeline.ts';
export { IndicatorCompare } from './indicator-compare/indicator-compare.ts';
export { ActionSearch } from './action-search/action-search.ts';
export { actionUrl } from './shared/links.ts';
export { SchemeProposals } from './scheme-proposals/scheme-proposals.ts';
export { SosmsElement, THEMES, LOOKS, type Theme, type Look } from './shared/base-element.ts';
export { loadQuery, completePages, WidgetError, type DataSource, type WidgetJson } from './data/source.ts';
export { QUERIES, STATIC_QUERIES, type QueryDef, type QueryName } from './data/queries.ts';
export { EvaluationView } from './evaluation-view/evaluation-view.ts';
