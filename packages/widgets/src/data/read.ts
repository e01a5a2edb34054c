/**
 * Read the `data` of the widget queries (live or from the static file) into the views the widgets render.
 * Readers are tolerant: connections may come as `nodes` or `edges { node }`, enums in either case, and a
 * missing optional field is `null`, so a partial answer still renders.
 */
import { WidgetError } from './source.ts';
import type { Lang } from '../shared/i18n.ts';
import { compareBudgetLines, compareByCode, compareDateSpans } from '@sosms/core/order';
import { matchesSearch } from '@sosms/core/search-words';
import type {
  ActionDetailView,
  ActionSummaryView,
  ComparisonView,
  CountView,
  DatedValueView,
  IndicatorView,
  MeasurementView,
  NomenclatureView,
  OrientationView,
  ProgressView,
  ProposalsView,
  RevisionView,
  SchemeOverviewView,
  SchemeView,
  SearchResultView,
  TimelineEntryView,
  TimelineView,
  ValueStatusView,
  ValueView,
} from './views.ts';

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : null;
}

/** Items of a Relay connection (`nodes` or `edges { node }`) or of a plain list. */
export function items(value: unknown): Obj[] {
  if (Array.isArray(value)) return value.map(obj).filter((v): v is Obj => v !== null);
  const o = obj(value);
  if (!o) return [];
  if (Array.isArray(o.nodes)) return items(o.nodes);
  if (Array.isArray(o.edges)) return o.edges.map((e) => obj(obj(e)?.node)).filter((v): v is Obj => v !== null);
  return [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str).filter((v): v is string => v !== null) : [];
}

/** Nomenclature codes, from a list of enum values or of `{ code }` objects, in the core's lower case. */
function codes(value: unknown): string[] {
  const fromObjects = items(value).map((o) => str(o.code));
  const list = fromObjects.length ? fromObjects : strings(value);
  return list.filter((v): v is string => v !== null).map((v) => v.toLowerCase());
}

/** Enum values are upper case in GraphQL, lower case in the core: views use the core's. */
function enumValue(value: unknown): string | null {
  const s = str(value);
  return s ? s.toLowerCase() : null;
}

function datedValue(value: unknown): DatedValueView | null {
  const o = obj(value);
  const v = num(o?.value);
  return o && v !== null ? { value: v, date: str(o.date) ?? '', illustrative: o.illustrative === true, source: str(o.source) } : null;
}

const VALUE_STATUSES: readonly ValueStatusView[] = ['known', 'masked', 'not_known', 'not_applicable'];

/** The API's `status` of a value, or null when absent or unknown to this version. */
function valueStatus(value: unknown): ValueStatusView | null {
  const status = enumValue(value);
  return VALUE_STATUSES.find((s) => s === status) ?? null;
}

/** An `IndicatorValue` as the API states it; absent, it is « not known » (nothing is said of it). */
function readValue(value: unknown): ValueView {
  const o = obj(value);
  const status = valueStatus(o?.status) ?? 'not_known';
  return {
    status,
    value: status === 'known' ? num(o?.value) : null,
    period: str(o?.period),
    provisional: o?.provisional === true,
    // The mark belongs to a value shown: none beside « secret statistique » or « non renseigné ».
    illustrative: status === 'known' && o?.illustrative === true,
    sources: strings(o?.sources),
  };
}

function requireScheme(data: unknown, code: string): Obj {
  const scheme = obj(obj(data)?.scheme);
  if (!scheme) throw new WidgetError('SCHEME_NOT_FOUND', code);
  return scheme;
}

/** The scheme's own facts. */
export function readScheme(scheme: Obj): SchemeView {
  const period = obj(scheme.period);
  const adoption = obj(scheme.adoption);
  const start = num(period?.start);
  const end = num(period?.end);
  return {
    code: str(scheme.code) ?? '',
    title: str(scheme.title) ?? '',
    status: enumValue(scheme.status),
    departments: strings(scheme.departments),
    period: start !== null && end !== null ? { start, end } : null,
    adoption: adoption && str(adoption.date) ? { date: str(adoption.date)!, reference: str(adoption.reference) } : null,
    summary: str(scheme.summary),
    easyRead: str(scheme.easyRead),
    levels: strings(scheme.levels),
    progress: num(obj(scheme.progress)?.value ?? scheme.progress),
    illustrative: scheme.illustrative === true,
  };
}

function readActionSummary(action: Obj): ActionSummaryView {
  return {
    id: str(action.id) ?? str(action.code) ?? '',
    code: str(action.code) ?? '',
    title: str(action.title) ?? '',
    easyRead: str(action.easyRead),
    status: enumValue(action.status),
    progress: num(action.progress),
    health: enumValue(action.health),
    illustrative: action.illustrative === true,
  };
}

/** Orientations come as a flat list with `parentId`s (any depth); actions as a flat list with `orientationId`s. */
function buildTree(orientationItems: Obj[], actionItems: Obj[]): OrientationView[] {
  const views = new Map<string, OrientationView>();
  for (const o of orientationItems) {
    const id = str(o.id) ?? str(o.code) ?? '';
    views.set(id, {
      id,
      code: str(o.code) ?? '',
      title: str(o.title) ?? '',
      easyRead: str(o.easyRead),
      progress: num(o.progress),
      orientations: [],
      actions: [],
    });
  }
  const roots: OrientationView[] = [];
  for (const o of orientationItems) {
    const view = views.get(str(o.id) ?? str(o.code) ?? '')!;
    const parentId = str(o.parentId) ?? str(obj(o.parent)?.id);
    const parent = parentId ? views.get(parentId) : undefined;
    if (parent) parent.orientations.push(view);
    else roots.push(view);
  }
  for (const a of actionItems) {
    const orientationId = str(a.orientationId) ?? str(obj(a.orientation)?.id);
    const parent = orientationId ? views.get(orientationId) : undefined;
    if (parent) parent.actions.push(readActionSummary(a));
  }
  const sort = (list: OrientationView[]) => {
    list.sort(compareByCode);
    for (const o of list) {
      sort(o.orientations);
      o.actions.sort(compareByCode);
    }
  };
  sort(roots);
  return roots;
}

/**
 * The data of `SchemeOverview` as the scheme and its orientation tree.
 *
 * ### Examples
 * ```ts
 * readSchemeOverview({ scheme: { code: '48-2018-2022', title: '…', orientations: { nodes: [] }, actions: { nodes: [] } } }, '48-2018-2022');
 * ```
 */
export function readSchemeOverview(data: unknown, code: string): SchemeOverviewView {
  const scheme = requireScheme(data, code);
  const actions = items(scheme.actions);
  return {
    scheme: readScheme(scheme),
    orientations: buildTree(items(scheme.orientations), actions),
    actionCount: actions.length,
    actionTotal: Math.max(actions.length, num(obj(scheme.actions)?.totalCount) ?? 0),
  };
}

function readMeasurement(m: Obj): MeasurementView {
  return {
    period: str(m.period) ?? '',
    territory: str(m.territoryCode) ?? str(obj(m.territory)?.code) ?? str(m.territory),
    value: num(m.value),
    status: valueStatus(m.status),
    missingReason: enumValue(m.missingReason),
    provisional: m.provisional === true,
    illustrative: m.illustrative === true,
    source: str(m.source),
  };
}

function readIndicatorView(i: Obj): IndicatorView {
  return {
    id: str(i.id) ?? str(i.code) ?? '',
    code: str(i.code) ?? '',
    name: str(i.name) ?? '',
    definition: str(i.definition),
    type: enumValue(i.type),
    unit: str(i.unit) ?? '',
    direction: enumValue(i.direction),
    baseline: datedValue(i.baseline),
    target: datedValue(i.target),
    source: str(i.source),
    sharedCode: str(i.sharedCode),
    completionRate: num(i.completionRate),
    illustrative: i.illustrative === true,
    current: readValue(i.currentValue),
    measurements: items(i.measurements).map(readMeasurement),
    latest: obj(i.latestMeasurement) ? readMeasurement(obj(i.latestMeasurement)!) : null,
    revisions: items(i.revisions).map(
      (r): RevisionView => ({ ...readMeasurement(r), revision: num(r.revision) ?? 1, comment: str(r.comment), recordedAt: str(r.recordedAt) }),
    ),
  };
}

/** The data of `SchemeActions` as one fiche-action, found by its code. */
export function readActionDetail(data: unknown, schemeCode: string, actionCode: string): ActionDetailView {
  const scheme = requireScheme(data, schemeCode);
  const actions = items(scheme.actions);
  const action = actions.find((a) => str(a.code) === actionCode);
  if (!action) throw new WidgetError('ACTION_NOT_FOUND', actionCode);
  const orientation = obj(action.orientation);
  const partners = items(action.partners).map((p) => ({
    name: str(obj(p.partner)?.name) ?? str(p.name) ?? str(obj(p.partner)?.code) ?? '',
    role: enumValue(p.role),
  }));
  const pilot = obj(action.pilot);
  return {
    ...readActionSummary(action),
    description: str(action.description),
    objectives: strings(action.objectives),
    expectedResults: strings(action.expectedResults),
    priority: enumValue(action.priority),
    startDate: str(action.startDate),
    endDate: str(action.endDate),
    pilot: str(pilot?.name) ?? partners.find((p) => p.role === 'pilot')?.name ?? null,
    partners: partners.filter((p) => p.role !== 'pilot'),
    milestones: items(action.milestones).map((m) => ({ date: str(m.date) ?? '', title: str(m.title) ?? '', done: m.done === true })),
    themes: codes(action.themes),
    publics: codes(action.publics),
    updates: items(action.updates).map((u) => ({
      date: str(u.date) ?? '',
      kind: enumValue(u.kind),
      text: str(u.text) ?? '',
      illustrative: u.illustrative === true,
    })),
    indicators: items(action.indicators).map(readIndicatorView),
    orientation: orientation ? { code: str(orientation.code) ?? '', title: str(orientation.title) ?? '' } : null,
    budget: items(action.budget)
      .map((b) => ({
        year: num(b.year) ?? 0,
        funder: str(obj(b.funder)?.name) ?? str(b.funderCode) ?? '',
        planned: num(b.planned),
        executed: num(b.executed),
        illustrative: b.illustrative === true,
      }))
      .sort(compareBudgetLines),
    territories: items(action.territories).map((t) => ({ code: str(t.code) ?? '', name: str(t.name) ?? str(t.code) ?? '' })),
  };
}

/** The data of `SchemeIndicators` as one indicator (by code; the first one when no code is given). */
export function readIndicator(data: unknown, schemeCode: string, indicatorCode: string | null): IndicatorView | null {
  const scheme = requireScheme(data, schemeCode);
  // Indicators hang from the scheme, its orientations and its actions.
  const indicators = [
    ...items(scheme.indicators),
    ...items(scheme.orientations).flatMap((o) => items(o.indicators)),
    ...items(scheme.actions).flatMap((a) => items(a.indicators)),
  ];
  if (!indicatorCode) return indicators[0] ? readIndicatorView(indicators[0]) : null;
  const indicator = indicators.find((i) => str(i.code) === indicatorCode);
  if (!indicator) throw new WidgetError('INDICATOR_NOT_FOUND', indicatorCode);
  return readIndicatorView(indicator);
}

/**
 * The data of `SchemeProgress`: the scheme's actions counted by status and by health as core counts them
 * (`actionCounts`), in the API's order (the most frequent first); each count says how many of its actions
 * carry illustrative values, so a total computed from them is marked. The widget counts and sorts nothing.
 */
export function readProgress(data: unknown, schemeCode: string): ProgressView {
  const scheme = requireScheme(data, schemeCode);
  const counts = obj(scheme.actionCounts);
  const read = (value: unknown, key: (c: Obj) => string | null): CountView[] =>
    items(value).flatMap((c) => {
      const k = key(c);
      return k === null ? [] : [{ key: k, count: num(c.count) ?? 0, illustrative: num(c.illustrative) ?? 0 }];
    });
  return {
    scheme: readScheme(scheme),
    total: num(counts?.total) ?? 0,
    // A count without its status is left out rather than shown under a status it may not have.
    byStatus: read(counts?.byStatus, (c) => enumValue(c.status)),
    byHealth: read(counts?.byHealth, (c) => enumValue(c.health) ?? 'unknown'),
    illustrative: (num(counts?.illustrative) ?? 0) > 0,
  };
}

/** The data of `SchemeProposals`: proposals of the consultation, their outcome and the actions they led to. */
export function readProposals(data: unknown, schemeCode: string): ProposalsView | null {
  const scheme = requireScheme(data, schemeCode);
  const proposals = items(scheme.proposals).map((p) => {
    const event = obj(p.event);
    return {
      code: str(p.code) ?? '',
      text: str(p.text) ?? '',
      outcome: enumValue(p.outcome),
      illustrative: p.illustrative === true,
      event: event ? { title: str(event.title) ?? '', date: str(event.date) } : null,
      actions: items(p.actions).map((a) => ({ code: str(a.code) ?? '', title: str(a.title) ?? '' })),
    };
  });
  if (!proposals.length) return null;
  return { scheme: readScheme(scheme), proposals, totalCount: Math.max(proposals.length, num(obj(scheme.proposals)?.totalCount) ?? 0) };
}

/** The data of `SchemeTimeline`: phases, consultation events and meetings, in date order. */
/** A fuzzy date as the gateway reads it (`when { text label }`), or nothing when the data has none. */
function whenOf(value: unknown): { dateLabel: string | null; dateText: string | null } {
  const when = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { dateLabel: str(when.label), dateText: str(when.text) };
}

export function readTimeline(data: unknown, schemeCode: string): TimelineView | null {
  const scheme = requireScheme(data, schemeCode);
  const entries: TimelineEntryView[] = [];
  for (const p of items(scheme.phases)) {
    const date = str(p.startDate) ?? str(p.endDate);
    if (!date) continue;
    entries.push({
      date,
      endDate: str(p.endDate),
      ...whenOf(p.when),
      kind: 'phase',
      subKind: enumValue(p.kind),
      title: str(p.title) ?? '',
      detail: str(p.description),
      participants: null,
      proposalsCount: null,
    });
  }
  for (const e of items(scheme.consultationEvents)) {
    const date = str(e.date);
    if (!date) continue;
    entries.push({
      date,
      endDate: str(e.endDate),
      ...whenOf(e.when),
      kind: 'event',
      subKind: enumValue(e.kind),
      title: str(e.title) ?? '',
      detail: str(e.description),
      participants: num(e.participants),
      proposalsCount: num(e.proposalsCount),
    });
  }
  for (const body of items(scheme.governingBodies)) {
    for (const m of items(body.meetings)) {
      const date = str(m.date);
      if (!date) continue;
      entries.push({
        date,
        endDate: null,
        dateLabel: null,
        dateText: null,
        kind: 'meeting',
        subKind: str(body.name),
        title: str(m.title) ?? '',
        detail: str(m.summary),
        participants: null,
        proposalsCount: null,
      });
    }
  }
  if (!entries.length) return null;
  entries.sort((a, b) => compareDateSpans({ start: a.date, end: a.endDate }, { start: b.date, end: b.endDate }));
  return { scheme: readScheme(scheme), entries };
}

/**
 * The data of `CompareIndicator` as the comparison of one shared indicator, one row per département.
 *
 * ### Examples
 * ```ts
 * readComparison({ compareIndicator: { nodes: [{ department: '48', value: 8, unit: 'jours', indicator: { name: 'Délai' } }] } }, 'delai', '2022');
 * ```
 */
export function readComparison(data: unknown, sharedCode: string, period: string | null): ComparisonView | null {
  const connection = obj(obj(data)?.compareIndicator);
  const rows = items(connection);
  if (!rows.length) return null;
  const first = rows[0];
  // In the API's order (by département code): the widget sorts nothing.
  const view = rows.map((row) => {
    const department = str(row.department) ?? '';
    const value = readValue(row);
    return {
      department,
      label: str(row.departmentName) ? `${str(row.departmentName)} (${department})` : department,
      value: value.value,
      status: value.status,
      schemeCode: str(row.schemeCode),
      illustrative: value.illustrative,
      sources: value.sources,
    };
  });
  return {
    indicatorName: str(obj(first.indicator)?.name) ?? sharedCode,
    sharedCode,
    unit: str(first.unit) ?? '',
    period,
    rows: view,
    withValue: num(connection?.departmentsWithValue) ?? 0,
    illustrative: view.some((r) => r.illustrative),
  };
}

/**
 * The default period of a comparison, as `SharedIndicatorPeriods` states it (`sharedIndicators.comparisonPeriod`,
 * computed by core: the period where the most départements have a known value, the most recent among equals),
 * or `null` when nothing is known. The widget computes nothing.
 *
 * ### Examples
 * ```ts
 * chooseComparisonPeriod({ sharedIndicators: [{ sharedCode: 'delai', comparisonPeriod: '2022' }] }); // '2022'
 * ```
 */
export function chooseComparisonPeriod(data: unknown): string | null {
  const [entry] = items(obj(data)?.sharedIndicators);
  return entry ? str(entry.comparisonPeriod) : null;
}

/** The data of `Nomenclatures`: themes and publics with their labels in the widget's language. */
export function readNomenclatures(data: unknown, lang: Lang): NomenclatureView {
  const root = obj(data);
  const entry = (e: Obj) => ({ code: str(e.code) ?? '', label: str(obj(e.label)?.[lang]) ?? str(e.name) ?? str(e.code) ?? '' });
  return { themes: items(root?.themes).map(entry), publics: items(root?.publics).map(entry) };
}

function readSearchResult(action: Obj, scheme: Obj | null): SearchResultView {
  return {
    ...readActionSummary(action),
    schemeCode: str(scheme?.code),
    schemeTitle: str(scheme?.title),
    departments: strings(scheme?.departments),
    themes: codes(action.themes),
    publics: codes(action.publics),
  };
}

/** The data of `SearchActions` as results across schemes. */
export function readSearchResults(data: unknown): { results: SearchResultView[]; totalCount: number; nextCursor: string | null } {
  const connection = obj(obj(data)?.actions);
  const results = items(connection).map((a) => readSearchResult(a, obj(a.scheme)));
  const info = obj(connection?.pageInfo);
  return {
    results,
    totalCount: num(connection?.totalCount) ?? results.length,
    nextCursor: info?.hasNextPage === true ? str(info.endCursor) : null,
  };
}

/** The data of `SchemeActions` as searchable results (static files search within their scheme). */
export function readSchemeActionsForSearch(data: unknown, schemeCode: string): (SearchResultView & { text: string })[] {
  const scheme = requireScheme(data, schemeCode);
  return items(scheme.actions).map((a) => ({
    ...readSearchResult(a, scheme),
    text: [a.code, a.title, a.description, a.easyRead, ...strings(a.objectives)].filter(Boolean).join(' '),
  }));
}

/**
 * Filter searchable actions by theme, public and words, as core's static search matches them
 * (`matchesSearch`: every word, accents and case aside; no stems, no operators, no ranking).
 *
 * ### Examples
 * ```ts
 * filterActions(actions, { text: 'aidants', theme: 'carer_support', public: null });
 * ```
 */
export function filterActions<T extends SearchResultView & { text: string }>(
  actions: T[],
  criteria: { text: string; theme: string | null; public: string | null },
): T[] {
  return actions.filter((a) => {
    if (criteria.theme && !a.themes.includes(criteria.theme)) return false;
    if (criteria.public && !a.publics.includes(criteria.public)) return false;
    return matchesSearch(a.text, criteria.text);
  });
}
