import { sentText, type QueryDef, type QueryName } from './queries.ts';
import type { WidgetErrorCode } from '../shared/i18n.ts';

/**
 * An expected failure of a widget's data loading, with a stable code the widget turns into a French
 * (or English) sentence; `detail` is a value the widget itself knows (an attribute, a code, an HTTP status),
 * never a server's text.
 *
 * ### Examples
 * ```ts
 * throw new WidgetError('MISSING_ATTRIBUTE', 'scheme');
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
  /** The scheme the widget shows: a static file of another scheme is refused. */
  readonly scheme?: string | null;
  /** Milliseconds before a request is abandoned with a `TIMEOUT` error (default 15 000). */
  readonly timeout?: number;
}

/** The static JSON file: `{ "<queryName>": <data of that query>, … }`. */
export type WidgetJson = Partial<Record<QueryName, unknown>>;

/** Default time a widget waits for its data. */
export const DEFAULT_TIMEOUT = 15_000;

const staticFiles = new Map<string, Promise<WidgetJson>>();

/**
 * Run one of the widget queries against the source and return its `data`, every page of its paged
 * connections included. Cancellable with `signal`; abandoned with `TIMEOUT` after `source.timeout` ms.
 * A static file is fetched once per page and shared by every widget that reads it.
 *
 * ### Examples
 * ```ts
 * const data = await loadQuery({ endpoint: 'http://127.0.0.1:4000/graphql' }, 'SchemeOverview', { scheme: '48-2018-2022' }, signal);
 * ```
 */
export async function loadQuery(
  source: DataSource,
  query: QueryDef,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<unknown> {
  return (await loadQueryEntry(source, query, variables, signal)).data;
}

/**
 * Like {@link loadQuery}, with the variables the data answers: from a static file, those stored with the entry
 * (so a widget asking for "the default period" learns which period it got).
 */
export async function loadQueryEntry(
  source: DataSource,
  query: QueryDef,
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ variables: Record<string, unknown>; data: unknown }> {
  const timeout = source.timeout && source.timeout > 0 ? source.timeout : DEFAULT_TIMEOUT;
  if (source.src) {
    const file = await abortable(readStaticFile(source.src, timeout), signal);
    checkFileScheme(file, source.scheme ?? (typeof variables.scheme === 'string' ? variables.scheme : null));
    const data = file[query.name as QueryName];
    if (data === undefined || data === null) throw new WidgetError('MISSING_DATA', query.name);
    return Array.isArray(data) ? pickByVariables(data, variables, query.name) : { variables, data };
  }
  if (source.endpoint) {
    const endpoint = source.endpoint;
    const lang = source.lang ?? 'fr';
    const run = (q: QueryDef, vars: Record<string, unknown>) => postQuery(endpoint, q, vars, signal, lang, timeout);
    return { variables, data: await completePages(await run(query, variables), query, variables, run) };
  }
  throw new WidgetError('CONFIG');
}

/**
 * Fetch the following pages of every paged connection of a scheme query (`query.pages`) and append their nodes,
 * so the data holds the whole list and `totalCount` matches. Used by the widgets and by the static export.
 *
 * ### Examples
 * ```ts
 * await completePages(data, 'SchemeActions', { scheme }, (name, vars) => execute(name, vars));
 * ```
 */
export async function completePages(
  data: unknown,
  query: QueryDef,
  variables: Record<string, unknown>,
  run: (query: QueryDef, variables: Record<string, unknown>) => Promise<unknown>,
): Promise<unknown> {
  const scheme = field(data, 'scheme');
  for (const { field: name, page } of query.pages ?? []) {
    const connection = field(scheme, name);
    if (!connection || !Array.isArray(connection.nodes)) continue;
    // At most 1 000 pages (100 000 items): a server that always says "next page" cannot loop forever.
    for (let i = 0; i < 1000; i++) {
      const info = field(connection, 'pageInfo');
      if (info?.hasNextPage !== true || typeof info.endCursor !== 'string') break;
      const next = field(field(await run(page(), { ...variables, after: info.endCursor }), 'scheme'), name);
      if (!next || !Array.isArray(next.nodes) || next.nodes.length === 0) break;
      connection.nodes.push(...next.nodes);
      connection.pageInfo = next.pageInfo;
    }
  }
  return data;
}

function field(value: unknown, name: string): Record<string, unknown> & { nodes?: unknown[] } | null {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : null;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A static file answers for one scheme: the scheme codes it holds must be the one the widget asks for. */
function checkFileScheme(file: WidgetJson, expected: string | null): void {
  if (!expected) return;
  for (const entry of Object.values(file)) {
    const code = field(entry, 'scheme')?.code;
    if (typeof code === 'string' && code !== expected) throw new WidgetError('WRONG_SCHEME', code);
  }
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
  throw new WidgetError('MISSING_DATA', queryName);
}

function readStaticFile(src: string, timeout: number): Promise<WidgetJson> {
  const url = new URL(src, document.baseURI).href;
  let file = staticFiles.get(url);
  if (!file) {
    file = fetchStaticFile(url, timeout);
    staticFiles.set(url, file);
    // A failed read is not kept, so a later widget (or a retry) fetches again.
    file.catch(() => staticFiles.delete(url));
  }
  return file;
}

async function fetchStaticFile(url: string, timeout: number): Promise<WidgetJson> {
  const timer = AbortSignal.timeout(timeout);
  let text: string;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: timer });
    if (!response.ok) throw new WidgetError('HTTP', String(response.status));
    text = await response.text();
  } catch (error) {
    if (error instanceof WidgetError) throw error;
    throw new WidgetError(timer.aborted ? 'TIMEOUT' : 'NETWORK');
  }
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

/** Server error codes the widgets explain in their own words; any other becomes `GRAPHQL`. */
const SERVER_CODES: Partial<Record<string, WidgetErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_REQUEST',
  GRAPHQL_VALIDATION_FAILED: 'BAD_REQUEST',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'TOO_COMPLEX',
};

/** Longest GET address sent; a longer query goes by POST (servers commonly refuse addresses over 8 KB). */
const MAX_GET_URL = 6000;

/** Answers that ask for the query's text (Apollo's automatic persisted queries): sent again once, with it. */
const RESEND_WITH_TEXT = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

/**
 * Run a query as an automatic persisted query: a GET with `extensions.persistedQuery` and the SHA-256 of the
 * text alone (short addresses that HTTP caches can keep, and no CORS preflight). When the gateway does not know
 * the hash yet (`PERSISTED_QUERY_NOT_FOUND`), the query is sent once more with its text, by GET when the address
 * fits, else by POST; the gateway keeps it, and later loads go by hash alone. By POST also when the gateway does
 * not take GET (405).
 *
 * The hash is written into the built files (`scripts/query-hashes.mjs`); from the sources it is computed with
 * `crypto.subtle`, and where that is missing (a plain-http page) the text is sent at once, as before.
 */
async function postQuery(
  endpoint: string,
  query: QueryDef,
  variables: Record<string, unknown>,
  signal: AbortSignal | undefined,
  lang: string,
  timeout: number,
): Promise<unknown> {
  const timer = AbortSignal.timeout(timeout);
  const combined = signal ? AbortSignal.any([signal, timer]) : timer;
  // The caller's cancellation is passed on as is; the timer's becomes a TIMEOUT error.
  const failed = (error: unknown): never => {
    if (signal?.aborted) throw error;
    if (timer.aborted) throw new WidgetError('TIMEOUT');
    throw error instanceof WidgetError ? error : new WidgetError('NETWORK');
  };
  const accept = { accept: 'application/graphql-response+json, application/json', 'accept-language': lang };
  const read = async (response: Response): Promise<GraphQLResponse | undefined> => {
    try {
      return (await response.json()) as GraphQLResponse;
    } catch (error) {
      if (combined.aborted) throw error;
      return undefined;
    }
  };
  const text = sentText(query);
  // Assigned by send() (a GET, or a POST whenever the GET did not run or was refused).
  let response!: Response;
  let body: GraphQLResponse | undefined;
  let extensions: { persistedQuery: { version: 1; sha256Hash: string } } | undefined;
  /** One request, the text with it when `withText` (and always by POST); true when the text went. */
  const send = async (withText: boolean): Promise<boolean> => {
    const url = new URL(endpoint, document.baseURI);
    if (withText) url.searchParams.set('query', text);
    url.searchParams.set('operationName', query.name);
    url.searchParams.set('variables', JSON.stringify(variables));
    if (extensions) url.searchParams.set('extensions', JSON.stringify(extensions));
    if (url.href.length <= MAX_GET_URL) {
      response = await fetch(url, { headers: accept, signal: combined });
      body = await read(response);
      if (response.status !== 405) return withText;
    }
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { ...accept, 'content-type': 'application/json' },
      body: JSON.stringify({ query: text, operationName: query.name, variables, ...(extensions ? { extensions } : {}) }),
      signal: combined,
    });
    body = await read(response);
    return true;
  };
  try {
    const hash = query.hash ?? (await hashText(text));
    if (hash) extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const textSent = await send(!hash);
    if (!textSent && RESEND_WITH_TEXT.has(body?.errors?.[0]?.extensions?.code ?? '')) await send(true);
  } catch (error) {
    return failed(error);
  }
  // The server's own message is never shown (it may be English, technical, or a stack): only its code.
  const firstError = body?.errors?.[0];
  if (firstError) {
    const code = SERVER_CODES[firstError.extensions?.code ?? ''] ?? 'GRAPHQL';
    const retryAfter = response.headers.get('retry-after');
    throw new WidgetError(code, code === 'RATE_LIMITED' && retryAfter && /^\d+$/.test(retryAfter) ? retryAfter : undefined);
  }
  if (response.status === 503) throw new WidgetError('UNAVAILABLE');
  if (!response.ok) throw new WidgetError('HTTP', String(response.status));
  if (!body?.data) throw new WidgetError('BAD_JSON');
  return body.data;
}

/** SHA-256 (hex) of a query's text, or undefined where `crypto.subtle` is missing (pages not served over https). */
async function hashText(text: string): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  try {
    const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
    return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined;
  }
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
