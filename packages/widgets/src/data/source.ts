import { QUERIES, type QueryName } from './queries.ts';
import type { WidgetErrorCode } from '../shared/i18n.ts';

/**
 * An expected failure of a widget's data loading, with a stable code the widget turns into a French
 * (or English) sentence; `detail` carries the server's own message when there is one.
 *
 * ### Examples
 * ```ts
 * throw new WidgetError('NOT_FOUND', 'schéma 99-2020-2024');
 * ```
 */
export class WidgetError extends Error {
  readonly code: WidgetErrorCode;
  readonly detail: string | undefined;
  constructor(code: WidgetErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'WidgetError';
    this.code = code;
    this.detail = detail;
  }
}

/** Where a widget reads its data: a GraphQL endpoint, or a static JSON file written by `sosms export --widget-json`. */
export interface DataSource {
  readonly endpoint?: string | null;
  readonly src?: string | null;
  /** Language of the server's messages (`Accept-Language`), `fr` by default. */
  readonly lang?: string;
}

/** The static JSON file: `{ "<queryName>": <data of that query>, … }`. */
export type WidgetJson = Partial<Record<QueryName, unknown>>;

const staticFiles = new Map<string, Promise<WidgetJson>>();

/**
 * Run one of the widget queries against the source and return its `data`. Cancellable with `signal`.
 * A static file is fetched once per page and shared by every widget that reads it.
 *
 * ### Examples
 * ```ts
 * const data = await loadQuery({ endpoint: 'http://127.0.0.1:4000/graphql' }, 'SchemeOverview', { scheme: '48-2018-2022' }, signal);
 * ```
 */
export async function loadQuery(
  source: DataSource,
  queryName: QueryName,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<unknown> {
  return (await loadQueryEntry(source, queryName, variables, signal)).data;
}

/**
 * Like {@link loadQuery}, with the variables the data answers: from a static file, those stored with the entry
 * (so a widget asking for "the latest period" learns which period it got).
 */
export async function loadQueryEntry(
  source: DataSource,
  queryName: QueryName,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ variables: Record<string, unknown>; data: unknown }> {
  if (source.src) {
    const file = await abortable(readStaticFile(source.src), signal);
    const data = file[queryName];
    if (data === undefined || data === null) throw new WidgetError('MISSING_DATA', queryName);
    return Array.isArray(data) ? pickByVariables(data, variables, queryName) : { variables, data };
  }
  if (source.endpoint) return { variables, data: await postQuery(source.endpoint, queryName, variables, signal, source.lang ?? 'fr') };
  throw new WidgetError('CONFIG');
}

/**
 * A query with variables other than the scheme is stored as `[{ variables, data }, …]`: take the first entry
 * whose variables agree with every variable given (null or absent ones match anything).
 */
function pickByVariables(
  entries: unknown[],
  variables: Record<string, unknown>,
  queryName: string,
): { variables: Record<string, unknown>; data: unknown } {
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') continue;
    const stored = (entry as { variables?: Record<string, unknown> }).variables ?? {};
    const matches = Object.entries(variables).every(([name, value]) => value === null || value === undefined || stored[name] === value);
    if (matches) return { variables: stored, data: (entry as { data?: unknown }).data };
  }
  throw new WidgetError('MISSING_DATA', `${queryName} ${JSON.stringify(variables)}`);
}

function readStaticFile(src: string): Promise<WidgetJson> {
  const url = new URL(src, document.baseURI).href;
  let file = staticFiles.get(url);
  if (!file) {
    file = fetchStaticFile(url);
    staticFiles.set(url, file);
    // A failed read is not kept, so a later widget (or a retry) fetches again.
    file.catch(() => staticFiles.delete(url));
  }
  return file;
}

async function fetchStaticFile(url: string): Promise<WidgetJson> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch {
    throw new WidgetError('NETWORK');
  }
  if (!response.ok) throw new WidgetError('HTTP', `${response.status} ${response.statusText}`.trim());
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WidgetError('BAD_JSON');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new WidgetError('BAD_JSON');
  return json as WidgetJson;
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

async function postQuery(endpoint: string, queryName: QueryName, variables: Record<string, unknown>, signal: AbortSignal | undefined, lang: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        // The gateway answers its messages in the widget's language.
        'accept-language': lang,
      },
      body: JSON.stringify({ query: QUERIES[queryName], operationName: queryName, variables }),
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new WidgetError('NETWORK');
  }
  let body: GraphQLResponse | undefined;
  try {
    body = (await response.json()) as GraphQLResponse;
  } catch (error) {
    if (isAbort(error)) throw error;
    body = undefined;
  }
  const firstError = body?.errors?.[0];
  if (firstError) {
    const code = firstError.extensions?.code;
    throw new WidgetError(code === 'NOT_FOUND' ? 'NOT_FOUND' : 'GRAPHQL', firstError.message);
  }
  if (!response.ok) throw new WidgetError('HTTP', `${response.status} ${response.statusText}`.trim());
  if (!body?.data) throw new WidgetError('BAD_JSON');
  return body.data;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
