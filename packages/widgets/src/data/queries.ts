/**
 * The GraphQL queries of the widgets, as plain strings (no imports, so scripts and tests can read them).
 * Each scheme-level query takes only `$scheme`, so `sosms export SCHEME --widget-json` can run them all
 * and write `{ "<queryName>": <data>, … }`: one static file serves every widget of that scheme
 * (`CompareIndicator`, which takes a shared code and a period, is stored as a list of `{ variables, data }`).
 *
 * Connections are left at the gateway's default page size (100, its maximum): a literal `first` would
 * multiply the operation's cost under the gateway's cost limit. A connection that may hold more than one
 * page asks for its `pageInfo`, and a `…Page` query (same fragment, `$after`) fetches the following pages:
 * no list is ever cut silently (see `loadAllPages` in source.ts).
 */

const PAGE = 'pageInfo { hasNextPage endCursor }';

/**
 * The text a widget sends for a query, its whitespace folded (shorter addresses); a persisted query's hash is of
 * this text.
 *
 * ### Examples
 * ```ts
 * sentText(SchemeOverview); // 'query SchemeOverview($scheme: String!) { scheme(code: $scheme) { … } } …'
 * ```
 */
export function sentText(query: QueryDef): string {
  return query.text.replace(/\s+/g, ' ').trim();
}

/**
 * One widget query: its operation name, its text, and its paged connections (where the connection sits in
 * `scheme`, and the query that fetches its next page with `$scheme` and `$after`). Each widget imports only
 * the queries it runs, so a single-widget bundle carries only those.
 */
export interface QueryDef {
  readonly name: string;
  readonly text: string;
  /**
   * SHA-256 (hex) of {@link sentText}, written into the built files by `scripts/query-hashes.mjs`: the widgets
   * send it as an automatic persisted query without hashing anything at run time. Absent in the sources.
   */
  readonly hash?: string;
  readonly pages?: readonly { readonly field: string; readonly page: () => QueryDef }[];
}

const ACTION_SUMMARY = /* GraphQL */ `
  fragment WidgetActionSummary on Action { id code title easyRead status progress health illustrative orientation { id } }
`;

const ORIENTATION_SUMMARY = /* GraphQL */ `
  fragment WidgetOrientation on Orientation { id code title easyRead progress parent { id } }
`;

const MEASUREMENT = /* GraphQL */ `
  fragment WidgetMeasurement on Measurement { period territory value status missingReason provisional illustrative source }
`;

const ACTION_DETAIL = /* GraphQL */ `
  fragment WidgetAction on Action {
    id code title description easyRead objectives expectedResults priority status progress health illustrative
    startDate endDate
    themes { code }
    publics { code }
    orientation { id code title }
    pilot { code name }
    territories { code name }
    budget { year funderCode funder { name } planned executed illustrative }
    partners { nodes { role partner { code name } } }
    milestones { date title done }
    updates { nodes { date kind text illustrative } }
    indicators {
      nodes {
        id code name unit illustrative completionRate
        baseline { value date illustrative source }
        target { value date illustrative source }
        currentValue { status value period provisional illustrative sources }
        latestMeasurement { ...WidgetMeasurement }
        measurements { nodes { ...WidgetMeasurement } }
      }
    }
  }
  ${MEASUREMENT}
`;

/** The scheme, its whole orientation tree (flat, with parent ids) and its actions' status and progress. */
export const SchemeOverview: QueryDef = {
  name: 'SchemeOverview',
  pages: [
    { field: 'orientations', page: () => SchemeOrientationsPage },
    { field: 'actions', page: () => SchemeOverviewActionsPage },
  ],
  text: /* GraphQL */ `
  query SchemeOverview($scheme: String!) {
    scheme(code: $scheme) {
      id code title status departments levels summary easyRead illustrative progress
      period { start end }
      adoption { date reference }
      orientations(all: true) { totalCount ${PAGE} nodes { ...WidgetOrientation } }
      actions { totalCount ${PAGE} nodes { ...WidgetActionSummary } }
    }
  }
  ${ACTION_SUMMARY}
  ${ORIENTATION_SUMMARY}
`,
};

/** The next page of a scheme's action summaries. */
export const SchemeOverviewActionsPage: QueryDef = {
  name: 'SchemeOverviewActionsPage',
  text: /* GraphQL */ `
  query SchemeOverviewActionsPage($scheme: String!, $after: String) {
    scheme(code: $scheme) { id actions(after: $after) { totalCount ${PAGE} nodes { ...WidgetActionSummary } } }
  }
  ${ACTION_SUMMARY}
`,
};

/** The next page of a scheme's orientation tree. */
export const SchemeOrientationsPage: QueryDef = {
  name: 'SchemeOrientationsPage',
  text: /* GraphQL */ `
  query SchemeOrientationsPage($scheme: String!, $after: String) {
    scheme(code: $scheme) { id orientations(all: true, after: $after) { totalCount ${PAGE} nodes { ...WidgetOrientation } } }
  }
  ${ORIENTATION_SUMMARY}
`,
};

/** Every action of a scheme with its full fiche (fiche-action, progress and search widgets). */
export const SchemeActions: QueryDef = {
  name: 'SchemeActions',
  pages: [{ field: 'actions', page: () => SchemeActionsPage }],
  text: /* GraphQL */ `
  query SchemeActions($scheme: String!) {
    scheme(code: $scheme) {
      id code title departments illustrative progress
      period { start end }
      actions { totalCount ${PAGE} nodes { ...WidgetAction } }
    }
  }
  ${ACTION_DETAIL}
`,
};

/** The next page of a scheme's full fiches. */
export const SchemeActionsPage: QueryDef = {
  name: 'SchemeActionsPage',
  text: /* GraphQL */ `
  query SchemeActionsPage($scheme: String!, $after: String) {
    scheme(code: $scheme) { id actions(after: $after) { totalCount ${PAGE} nodes { ...WidgetAction } } }
  }
  ${ACTION_DETAIL}
`,
};

const INDICATOR = /* GraphQL */ `
  fragment WidgetIndicator on Indicator {
    id code name definition type unit direction source sharedCode illustrative completionRate
    baseline { value date illustrative source }
    target { value date illustrative source }
    currentValue { status value period provisional illustrative sources }
    latestMeasurement { ...WidgetMeasurement }
    measurements { nodes { ...WidgetMeasurement } }
    revisions: measurements(history: true) { nodes { period territory revision value status missingReason provisional illustrative source comment recordedAt } }
  }
  ${MEASUREMENT}
`;

/**
 * A scheme's overall progress and its actions counted by status and by health, as core counts them
 * (`actionCounts`, the rule `countActions`): the progress widget counts nothing itself.
 */
export const SchemeProgress: QueryDef = {
  name: 'SchemeProgress',
  text: /* GraphQL */ `
  query SchemeProgress($scheme: String!) {
    scheme(code: $scheme) {
      id code title departments illustrative progress
      period { start end }
      actionCounts { total illustrative byStatus { status count illustrative } byHealth { health count illustrative } }
    }
  }
`,
};

/** Every indicator of a scheme (on the scheme, its orientations and its actions) with its values (indicator chart). */
export const SchemeIndicators: QueryDef = {
  name: 'SchemeIndicators',
  text: /* GraphQL */ `
  query SchemeIndicators($scheme: String!) {
    scheme(code: $scheme) {
      id code title
      indicators { nodes { ...WidgetIndicator } }
      orientations(all: true) { nodes { indicators { nodes { ...WidgetIndicator } } } }
      actions { nodes { indicators { nodes { ...WidgetIndicator } } } }
    }
  }
  ${INDICATOR}
`,
};

/** Phases, consultation events and governing-body meetings of a scheme (timeline). */
export const SchemeTimeline: QueryDef = {
  name: 'SchemeTimeline',
  text: /* GraphQL */ `
  query SchemeTimeline($scheme: String!) {
    scheme(code: $scheme) {
      id code title
      phases { nodes { code kind title when { text label } startDate endDate description } }
      consultationEvents { nodes { code kind title when { text label } date endDate participants proposalsCount description } }
      governingBodies { nodes { code kind name meetings { nodes { date title summary } } } }
    }
  }
`,
};

/** Proposals of the consultation and the actions they led to (traceability of the participation). */
export const SchemeProposals: QueryDef = {
  name: 'SchemeProposals',
  text: /* GraphQL */ `
  query SchemeProposals($scheme: String!) {
    scheme(code: $scheme) {
      id code title
      proposals { totalCount ${PAGE} nodes { code text outcome illustrative event { code title date } actions { code title } } }
    }
  }
`,
};

/** The default period of a shared indicator's comparison, as core states it (`sharedIndicators.comparisonPeriod`). */
export const SharedIndicatorPeriods: QueryDef = {
  name: 'SharedIndicatorPeriods',
  text: /* GraphQL */ `
  query SharedIndicatorPeriods($sharedCode: String!) {
    sharedIndicators(sharedCodes: [$sharedCode]) { sharedCode comparisonPeriod }
  }
`,
};

/** One shared indicator across départements for one period (comparison). */
export const CompareIndicator: QueryDef = {
  name: 'CompareIndicator',
  text: /* GraphQL */ `
  query CompareIndicator($sharedCode: String!, $period: String!) {
    compareIndicator(sharedCode: $sharedCode, period: $period) {
      departmentsWithValue
      nodes { department departmentName schemeCode value status provisional unit illustrative sources indicator { name } }
    }
  }
`,
};

/** Full-text search of actions across schemes, filtered by theme and public, one page at a time (search, live). */
export const SearchActions: QueryDef = {
  name: 'SearchActions',
  text: /* GraphQL */ `
  query SearchActions($text: String, $themes: [ThemeCode!], $publics: [PublicCode!], $schemeCodes: [String!], $first: Int, $after: String) {
    actions(filter: { text: $text, themes: $themes, publics: $publics, schemeCodes: $schemeCodes }, first: $first, after: $after) {
      totalCount
      ${PAGE}
      nodes { id code title easyRead status progress health illustrative themes { code } publics { code } scheme { code title departments } }
    }
  }
`,
};

/** The shared themes and publics with their labels (search filters). */
export const Nomenclatures: QueryDef = {
  name: 'Nomenclatures',
  text: /* GraphQL */ `
  query Nomenclatures {
    themes { nodes { code label { fr en } } }
    publics { nodes { code label { fr en } } }
  }
`,
};

/** Every widget query by operation name. */
export const QUERIES = {
  SchemeOverview,
  SchemeOverviewActionsPage,
  SchemeOrientationsPage,
  SchemeActions,
  SchemeActionsPage,
  SchemeProgress,
  SchemeIndicators,
  SchemeTimeline,
  SchemeProposals,
  SharedIndicatorPeriods,
  CompareIndicator,
  SearchActions,
  Nomenclatures,
} as const;

export type QueryName = keyof typeof QUERIES;

/** The queries a static file holds as `"<name>": <data>` (they take `{ scheme }` only, or nothing). */
export const STATIC_QUERIES = ['SchemeOverview', 'SchemeActions', 'SchemeProgress', 'SchemeIndicators', 'SchemeTimeline', 'SchemeProposals', 'Nomenclatures'] as const;

/**
 * `CompareIndicator` takes other variables: a static file holds it as a list of `{ variables, data }`,
 * one for each shared indicator of the scheme at its default period (see `chooseComparisonPeriod`).
 */
export const STATIC_VARIABLE_QUERIES = ['CompareIndicator'] as const;
