import { DomainError, type Lang } from '@sosms/core';
import { executeQuery } from '@sosms/graphql';
import { QUERIES, STATIC_QUERIES, sentText, type QueryDef } from '../src/data/queries.ts';
import { completePages } from '../src/data/source.ts';
import { chooseComparisonPeriod } from '../src/data/read.ts';

/** The store's Kysely instance, as the gateway takes it. */
type Db = Parameters<typeof executeQuery>[0];

/** A static widget file: the `data` of each widget query for one scheme (see `src/data/queries.ts`). */
export type WidgetJsonFile = Record<string, unknown>;

/**
 * The text of every widget query exactly as the widgets send it (the text their persisted-query hash is of):
 * what a locked-down gateway registers so that the widgets work by hash alone.
 *
 * ### Examples
 * ```ts
 * createGatewayHandler({ store, persistedQueries: { queries: widgetQueryTexts(), only: true } });
 * ```
 */
export function widgetQueryTexts(): string[] {
  return Object.values(QUERIES).map(sentText);
}

/** Runs one GraphQL query and gives its `data` and `errors`: in-process on a store, or over HTTP on a gateway. */
type Execute = (text: string, variables: Record<string, unknown>) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly { message: string }[] }>;

async function run(execute: Execute, query: QueryDef, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { data, errors } = await execute(query.text, variables);
  const name = query.name;
  if (errors?.length || !data) {
    const message = errors?.map((e) => e.message).join(' ; ') ?? 'no data';
    throw new Error(`${name} : ${message}`);
  }
  return data;
}

/**
 * Run the widget queries in-process through the gateway (`executeQuery`) and return the static JSON every
 * widget reads with `src=…`: `{ "<queryName>": <data of that query>, … }` for the queries that take only the
 * scheme, and `"CompareIndicator": [{ variables, data }, …]` for each shared indicator of the scheme at its
 * default period (where most départements have a value). Throws `DomainError('NOT_FOUND')` for an unknown (or unpublished) scheme.
 *
 * ### Examples
 * ```ts
 * const json = await exportWidgetJson(store.db, '48-2018-2022');
 * await writeFile('48-2018-2022.widgets.json', JSON.stringify(json, null, 2));
 * ```
 */
export async function exportWidgetJson(db: Db, schemeCode: string, options: { lang?: Lang } = {}): Promise<WidgetJsonFile> {
  const lang = options.lang ?? 'fr';
  return exportWith((text, variables) => executeQuery(db, text, variables, { lang }), schemeCode, lang);
}

/**
 * {@link exportWidgetJson} read from a running gateway over HTTP (anonymous POSTs to its GraphQL address), the
 * same file: `sosms export --widget-json` uses it while the gateway holds the PGlite folder.
 *
 * ### Examples
 * ```ts
 * const json = await exportWidgetJsonFromEndpoint('http://127.0.0.1:4000/graphql', '48-2018-2022');
 * ```
 */
export async function exportWidgetJsonFromEndpoint(endpoint: string, schemeCode: string, options: { lang?: Lang } = {}): Promise<WidgetJsonFile> {
  const lang = options.lang ?? 'fr';
  const execute: Execute = async (query, variables) => {
    const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as Awaited<ReturnType<Execute>>;
  };
  return exportWith(execute, schemeCode, lang);
}

async function exportWith(execute: Execute, schemeCode: string, lang: Lang): Promise<WidgetJsonFile> {
  const file: WidgetJsonFile = {};
  for (const name of STATIC_QUERIES) {
    const variables = name === 'Nomenclatures' ? {} : { scheme: schemeCode };
    const data = await run(execute, QUERIES[name], variables);
    if ('scheme' in data && data.scheme === null) {
      const message = lang === 'fr' ? `Schéma inconnu : ${schemeCode}` : `Unknown scheme: ${schemeCode}`;
      throw new DomainError('NOT_FOUND', message, [{ path: 'scheme', code: 'unknown_scheme', message }]);
    }
    // Every page of the paged connections: the file holds the whole lists, as the live widgets show them.
    file[name] = await completePages(data, QUERIES[name], variables, (page, vars) => run(execute, page, vars));
  }
  file.CompareIndicator = await comparisons(execute, file.SchemeIndicators);
  return file;
}

/** For each shared indicator of the scheme, the comparison across départements at its default period (as the live widget chooses it). */
async function comparisons(execute: Execute, schemeIndicators: unknown): Promise<{ variables: Record<string, unknown>; data: unknown }[]> {
  const scheme = (schemeIndicators as { scheme: SchemeIndicatorsData }).scheme;
  const indicators = [
    ...scheme.indicators.nodes,
    ...scheme.orientations.nodes.flatMap((o) => o.indicators.nodes),
    ...scheme.actions.nodes.flatMap((a) => a.indicators.nodes),
  ];
  const sharedCodes = [...new Set(indicators.map((i) => i.sharedCode).filter((c): c is string => Boolean(c)))].sort();
  const entries: { variables: Record<string, unknown>; data: unknown }[] = [];
  for (const sharedCode of sharedCodes) {
    const periods = await run(execute, QUERIES.SharedIndicatorPeriods, { sharedCode });
    const period = chooseComparisonPeriod(periods);
    if (!period) continue;
    const variables = { sharedCode, period };
    entries.push({ variables, data: await run(execute, QUERIES.CompareIndicator, variables) });
  }
  return entries;
}

interface IndicatorNode {
  sharedCode: string | null;
}
interface SchemeIndicatorsData {
  indicators: { nodes: IndicatorNode[] };
  orientations: { nodes: { indicators: { nodes: IndicatorNode[] } }[] };
  actions: { nodes: { indicators: { nodes: IndicatorNode[] } }[] };
}
