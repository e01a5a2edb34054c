/** The build's entries: the full bundle and one self-contained module per widget (`dist/<name>.js`). */
export const ENTRIES = {
  'sosms-widgets': 'src/index.ts',
  'sosms-scheme': 'src/scheme-overview/scheme-overview.ts',
  'sosms-action': 'src/action-sheet/action-sheet.ts',
  'sosms-indicator': 'src/indicator-chart/indicator-chart.ts',
  'sosms-progress': 'src/progress-summary/progress-summary.ts',
  'sosms-timeline': 'src/scheme-timeline/scheme-timeline.ts',
  'sosms-compare': 'src/indicator-compare/indicator-compare.ts',
  'sosms-search': 'src/action-search/action-search.ts',
  'sosms-proposals': 'src/scheme-proposals/scheme-proposals.ts',
  'sosms-evaluation': 'src/evaluation-view/evaluation-view.ts',
};

/** gzip budgets in bytes: the full bundle, and each single-widget entry. */
export const BUDGETS = { full: 40 * 1024, single: 20 * 1024 };
