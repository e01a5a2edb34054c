import { createHash, randomUUID } from 'node:crypto';
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { getOperationAST, GraphQLError, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { sql, type Kysely } from 'kysely';
import { readDataVersion, type Database, type Lang, type Store } from '@sosms/core';
import { authenticate, createContext, type Context } from './context.ts';
import { limitError } from './errors.ts';
import { clientAddress, CORS_HEADERS, HttpError, mediaType, readRequestBody, requestLanguage, sendHttpError, sendJson, type GatewayRequest } from './http.ts';
import { BoundedMap, CostBudget, DEFAULT_LIMITS, requestPoints, type GatewayLimits } from './limits.ts';
import { GatewayMetrics } from './metrics.ts';
import { createGraphiQL } from './graphiql.ts';
import { readExamples } from './playground.ts';
import { isDatabaseUnavailable } from './unavailable.ts';
import { createApollo, limitRules } from './apollo.ts';
import { createDirectAnswers } from './direct-answer.ts';
import { schema } from './schema/index.ts';
import { jsonLogger, redactEntry, type Logger } from './log.ts';

/** Options of {@link createGatewayHandler}. */
export interface GatewayHandlerOptions {
  /** The open store (or give `db`); its pool figures go to the metrics. */
  readonly store?: Pick<Store, 'db' | 'poolStats' | 'dataVersion'>;
  readonly db?: Kysely<Database>;
  /**
   * Read replicas (PostgreSQL streaming standbys of the same primary), used in turn for anonymous reads;
   * writes and every request with a token stay on the primary.
   */
  readonly readDbs?: readonly Kysely<Database>[];
  /** Where GraphQL answers (default `/graphql`); the full path, whatever the framework's mount point. */
  readonly path?: string;
  /** Where the health check answers (default `<path>/healthz`; `false` for none). */
  readonly healthPath?: string | false;
  /** Where Prometheus metrics answer (default: none; the standalone gateway uses `/metrics`). */
  readonly metricsPath?: string | false;
  /** Request and error logs (default: JSON lines on stdout). */
  readonly log?: Logger;
  /** Today's date for health and alerts (default: the real date). */
  readonly today?: () => string;
  /** Limits (body size, depth, aliases, tokens, cost, batch, budget per minute, timeout); unset ones keep {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<GatewayLimits>;
  /**
   * Introspection (`__schema`, `__type`): on by default, this API being open; never changed by `NODE_ENV`.
   */
  readonly introspection?: boolean;
  /** Use the first `X-Forwarded-For` address as the client's for rate limits (only behind a proxy you run). */
  readonly trustProxy?: boolean;
  /** Serve GraphiQL (self-hosted, graphiql.ts) to browsers asking for HTML on the GraphQL path, and its files under `<path>/graphiql/` (default true). */
  readonly playground?: boolean;
  /** `max-age` of anonymous answers (default 30 s); they also carry an ETag for `If-None-Match`. */
  readonly cacheMaxAgeSeconds?: number;
  /**
   * Persisted queries: texts registered at start (besides examples/queries), and `only` to refuse any
   * operation whose hash is not registered (a locked-down deployment); otherwise clients may register a
   * query by sending its text with its hash (automatic persisted queries, bounded).
   */
  readonly persistedQueries?: { readonly queries?: Iterable<string>; readonly only?: boolean };
}

/** `(req, res, next?)`: a node:http listener and a Connect/Express middleware at once. */
export type GatewayHandler = ((req: http.IncomingMessage, res: http.ServerResponse, next?: (error?: unknown) => void) => Promise<void>) & {
  /** The Apollo server behind the handler. */
  readonly apollo: ApolloServer<Context>;
  /** Resolves once Apollo has started (the handler waits for it by itself). */
  readonly ready: Promise<void>;
  /** Refuse new GraphQL requests (503), wait for those in flight, stop Apollo (the store stays open). */
  close(): Promise<void>;
  /** How many requests are being answered now. */
  inFlight(): number;
};

/** One GraphQL request of a GET, a POST or a batch, before execution. */
interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

/** A request checked and priced, ready for Apollo. */
interface PreparedOperation {
  readonly body: { query: string; variables: Record<string, unknown>; operationName?: string; extensions?: Record<string, unknown> };
  readonly operation: OperationDefinitionNode;
  readonly document: DocumentNode;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** What an answer depends on besides its URL. */
const VARY = 'Accept, Accept-Encoding, Accept-Language, Authorization';

/** Answers smaller than this are sent as they are. */
const COMPRESS_FROM_BYTES = 1_024;

/**
 * The gateway as a handler to mount anywhere: node:http (`http.createServer(handler)`), Express
 * (`app.use(handler)`, before or after `express.json()`), Fastify (see the README), under any path.
 * It answers `path` (GraphQL over GET and POST), `healthPath`, CORS preflights there, and hands every
 * other request to `next` (or answers 404 without one). CORS, token authentication, limits, the cost
 * budget per client and the request log apply to every request it answers.
 *
 * ### Examples
 * ```ts
 * const store = await createStore({ location: process.env.DATABASE_URL });
 * const graphql = createGatewayHandler({ store, path: '/api/graphql' });
 * http.createServer((req, res) => graphql(req, res, () => { res.statusCode = 404; res.end(); })).listen(8080);
 * ```
 */
export function createGatewayHandler(options: GatewayHandlerOptions): GatewayHandler {
  const db = options.db ?? options.store?.db;
  if (!db) throw new TypeError('createGatewayHandler: « store » ou « db » requis / "store" or "db" is required');
  const readDbs = options.readDbs ?? [];
  let nextReadDb = -1;
  const path = normalizePath(options.path ?? '/graphql');
  const healthPath = options.healthPath === false ? undefined : normalizePath(options.healthPath ?? `${path}/healthz`);
  const metricsPath = options.metricsPath ? normalizePath(options.metricsPath) : undefined;
  const metrics = new GatewayMetrics(() => options.store?.poolStats?.());
  // Whatever logger is given, secrets (token secrets, Authorization values) never reach it.
  const given = options.log ?? jsonLogger;
  const log: Logger = (entry) => given(redactEntry(entry));
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const limits: GatewayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const apollo = createApollo(log, { limits, introspection: options.introspection ?? true });
  // Compiled queries answered here, as Apollo would answer them (direct-answer.ts).
  const direct = createDirectAnswers(schema, limitRules(limits));
  const ready = apollo.start();
  const examples = readExamples();
  const page = options.playground === false ? undefined : createGraphiQL(path, examples);
  const budget = new CostBudget(limits.costBudgetPerMinute);
  /** Queries registered by hash (automatic persisted queries): bounded, and only texts that match their hash. */
  const persisted = new BoundedMap<string>(2_000, 20_000_000, (text) => text.length);
  /** Registered at start: never evicted, and the only ones accepted in locked-down mode. */
  const registered = new Map<string, string>();
  for (const text of [...examples.map((e) => e.query), ...(options.persistedQueries?.queries ?? [])]) registered.set(sha256(text), text);
  const persistedOnly = options.persistedQueries?.only ?? false;
  const maxAge = Math.max(0, Math.round(options.cacheMaxAgeSeconds ?? 30));
  // The primary's data version: the store's watch (memory on PGlite, shared reads on PostgreSQL), else one read each.
  const watch = options.store?.dataVersion;
  const primaryVersion = watch ? () => watch.current() : () => readDataVersion(db);
  /** Parsed documents by query text (a persisted query's text included): parsing is done once per text. A syntax tree weighs about 20 times its text. */
  const documents = new BoundedMap<DocumentNode>(1_000, 50_000_000, (document) => 20 * (document.loc?.end ?? 1_000));
  let inFlight = 0;
  let closing = false;
  let idle: (() => void) | undefined;

  function prepare(request: GraphQLRequestBody, method: string): PreparedOperation {
    const extensions = parseJsonParam(request.extensions, 'extensions');
    const variables = parseJsonParam(request.variables, 'variables') ?? {};
    if (typeof variables !== 'object' || Array.isArray(variables)) throw new HttpError(400, 'INVALID_VARIABLES');
    if (request.operationName != null && typeof request.operationName !== 'string') throw new HttpError(400, 'BAD_REQUEST', { reason: 'operationName' });
    let query = typeof request.query === 'string' && request.query !== '' ? request.query : undefined;
    const persistedQuery = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
    if (persistedQuery) {
      const hash = typeof persistedQuery.sha256Hash === 'string' ? persistedQuery.sha256Hash.toLowerCase() : '';
      if (!/^[0-9a-f]{64}$/.test(hash)) throw new HttpError(400, 'BAD_REQUEST', { reason: 'persistedQuery.sha256Hash' });
      const known = registered.get(hash) ?? (persistedOnly ? undefined : persisted.get(hash));
      if (known !== undefined) query = known;
      else if (persistedOnly) throw new HttpError(404, 'PERSISTED_QUERY_NOT_FOUND', {}, { 'cache-control': 'no-store' });
      else if (query === undefined) throw new HttpError(404, 'PERSISTED_QUERY_NOT_FOUND', {}, { 'cache-control': 'no-store' });
      else if (sha256(query) !== hash) throw new HttpError(400, 'PERSISTED_QUERY_HASH_MISMATCH');
      else persisted.set(hash, query);
    } else if (persistedOnly && query !== undefined && !registered.has(sha256(query))) {
      throw new HttpError(400, 'PERSISTED_QUERY_REQUIRED');
    }
    if (query === undefined) throw new HttpError(400, 'MISSING_QUERY');
    let document = documents.get(query);
    if (!document) {
      try {
        document = parse(query, { maxTokens: limits.maxTokens });
      } catch (error) {
        const limit = limitError(error instanceof GraphQLError ? error.message : '');
        if (limit) throw new HttpError(400, 'QUERY_TOO_COMPLEX', { limit: limits.maxTokens, limitFr: 'nombre de jetons lexicaux', limitEn: 'number of tokens' });
        throw new HttpError(400, 'GRAPHQL_PARSE_FAILED', { detail: error instanceof GraphQLError ? error.message.replace(/^Syntax Error: /, '') : 'document illisible' });
      }
      documents.set(query, document);
    }
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) throw new HttpError(400, 'OPERATION_NOT_FOUND');
    if (operation.operation === 'subscription') throw new HttpError(400, 'SUBSCRIPTION_NOT_SUPPORTED');
    if (operation.operation === 'mutation' && method === 'GET') throw new HttpError(405, 'MUTATION_OVER_GET', {}, { allow: 'POST' });
    return {
      // The persisted query is resolved here: Apollo gets the text (its own persisted queries are off).
      body: { query, variables: variables as Record<string, unknown>, ...(operationName ? { operationName } : {}), ...(otherExtensions(extensions) ?? {}) },
      operation,
      document,
    };
  }

  async function readGraphQLRequests(req: GatewayRequest, url: URL, method: string): Promise<{ requests: GraphQLRequestBody[]; batch: boolean }> {
    if (method === 'GET') {
      const p = url.searchParams;
      return {
        requests: [{ query: p.get('query') ?? undefined, variables: p.get('variables') ?? undefined, operationName: p.get('operationName') ?? undefined, extensions: p.get('extensions') ?? undefined }],
        batch: false,
      };
    }
    const type = mediaType(req.headers['content-type']);
    if (type !== 'application/json' && type !== 'application/graphql+json') {
      // Drain nothing more than the limit; a text/plain POST is also how a cross-site form would try.
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', {}, { connection: 'close' });
    }
    const body = await readRequestBody(req, limits.maxBodyBytes);
    let parsed: unknown;
    if ('parsed' in body) parsed = typeof body.parsed === 'string' || Buffer.isBuffer(body.parsed) ? parseJsonBody(String(body.parsed)) : body.parsed;
    else parsed = parseJsonBody(body.text);
    if (Array.isArray(parsed)) {
      if (parsed.length === 0) throw new HttpError(400, 'MISSING_QUERY');
      if (parsed.length > limits.maxBatch) throw new HttpError(400, 'BATCH_TOO_LARGE', { limit: limits.maxBatch });
      return { requests: parsed.map(asRequestBody), batch: true };
    }
    return { requests: [asRequestBody(parsed)], batch: false };
  }

  async function serveGraphQL(req: GatewayRequest, res: http.ServerResponse, url: URL, lang: Lang, entry: Record<string, unknown>): Promise<number> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', {}, { allow: 'GET, POST, OPTIONS' });
    if (method === 'GET' && page && !url.searchParams.has('query') && !url.searchParams.has('extensions') && (req.headers.accept ?? '').includes('text/html')) {
      page.servePage(res);
      return 200;
    }
    const address = `ip:${clientAddress(req, options.trustProxy ?? false)}`;
    const hasToken = Boolean(req.headers.authorization?.trim());
    // Anonymous requests spend the budget of their address; a token its own (checked once it is known).
    if (!hasToken) refuseOverBudget(address);
    const admitted = await readGraphQLRequests(req, url, method)
      .then(async ({ requests, batch }) => ({ prepared: requests.map((r) => prepare(r, method)), batch, auth: await authenticate(db!, req.headers.authorization) }))
      .catch((error: unknown) => {
        // Refusals cost little but are not free: 1 point each.
        if (error instanceof HttpError) budget.spend(address, 1);
        throw error;
      });
    const { prepared, batch, auth } = admitted;
    if (!auth.ok) {
      // A wrong token costs its address 100 points: guesses are throttled to a few hundred a minute.
      refuseOverBudget(address);
      budget.spend(address, 100);
      throw new HttpError(401, 'UNAUTHENTICATED', {}, { 'www-authenticate': 'Bearer' });
    }
    entry.token = auth.principal?.tokenId;
    const client = auth.principal ? `token:${auth.principal.tokenId}` : address;
    if (auth.principal) refuseOverBudget(client);
    const readDb = readDbs.length ? readDbs[(nextReadDb = (nextReadDb + 1) % readDbs.length)] : undefined;
    const day = today();
    const isQuery = prepared.every((p) => p.operation.operation === 'query');
    // Anonymous GET queries are cacheable: their ETag names the data version, the day (health and alerts
    // depend on it), the language and the request; a token's answers are private and never stored.
    let etag: string | undefined;
    if (method === 'GET' && isQuery && !auth.principal) {
      const key = sha256(JSON.stringify([day, lang, prepared.map((p) => p.body)])).slice(0, 20);
      const tagOf = (version: bigint) => `W/"${version}-${key}"`;
      const ifNoneMatch = req.headers['if-none-match'];
      // Not modified when the client's version is the primary's current one: whoever computed that answer
      // (this gateway, another, on the primary or a replica) read its version before its data, so the data
      // it holds is at least that version's, and no write came since.
      const current = ifNoneMatch ? tagOf(await primaryVersion()) : undefined;
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === current || tag.trim() === '*')) {
        etag = current!;
        res.writeHead(304, { etag, 'cache-control': `public, max-age=${maxAge}`, vary: VARY });
        res.end();
        budget.spend(client, 1);
        entry.cache = 'not-modified';
        return 304;
      }
      // This answer's version, read before its data where the query runs (a replica may be behind the primary).
      etag = readDb ? tagOf(await readDataVersion(readDb)) : (current ?? tagOf(await primaryVersion()));
    }
    const context = createContext(db!, { principal: auth.principal, lang, today: day, readDb });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HttpError(503, 'REQUEST_TIMEOUT', { limit: limits.requestTimeoutMs }, { 'retry-after': '5' })), limits.requestTimeoutMs);
    });
    try {
      // A compiled query is answered here, the same bytes as Apollo's; anything else goes through Apollo.
      const answer = batch ? undefined : await Promise.race([direct.answer(prepared[0]!.document, prepared[0]!.operation, prepared[0]!.body.variables, req.headers.accept, context), timeout]);
      if (answer) entry.answeredBy = 'compiled';
      const response = answer ? { status: 200, headers: new HeaderMap([['content-type', answer.contentType]]), text: answer.text } : await answerWithApollo(req, batch ? prepared.map((p) => p.body) : prepared[0]!.body, context, timeout);
      entry.operationName = context.meta.operationName;
      if (context.meta.errorCodes?.length) {
        metrics.observeErrors(context.meta.errorCodes);
        entry.errors = context.meta.errorCodes.slice(0, 10);
      }
      if (context.meta.databaseUnavailable) throw new HttpError(503, 'DATABASE_UNAVAILABLE', { retryAfter: 2 }, { 'retry-after': '2' });
      if (context.meta.statementTimeout) throw new HttpError(503, 'STATEMENT_TIMEOUT');
      const { status, text } = response;
      if (status >= 400) entry.code = /"code":"([A-Z_]{1,40})"/.exec(text.slice(0, 2_000))?.[1];
      res.statusCode = status;
      for (const [name, value] of response.headers) res.setHeader(name, value);
      // An answer with errors (even partial) is not kept by caches: the next request tries again.
      const cacheable = isQuery && !auth.principal && status === 200 && !text.includes('"errors":');
      if (cacheable && etag) res.setHeader('etag', etag);
      res.setHeader('cache-control', cacheable ? `public, max-age=${method === 'GET' ? maxAge : 0}` : 'private, no-store');
      res.setHeader('vary', VARY);
      // Shutting down: the answer of a request in flight closes its connection, so that the server stops at once.
      if (closing) res.setHeader('connection', 'close');
      await sendMaybeCompressed(req, res, text);
      entry.points = requestPoints(Buffer.byteLength(text), performance.now() - started);
      budget.spend(client, entry.points as number);
      return status;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Apollo's answer to checked, resolved operations, sent to it as a JSON POST (a GET query is the same query). */
  async function answerWithApollo(req: GatewayRequest, body: PreparedOperation['body'] | PreparedOperation['body'][], context: Context, timeout: Promise<never>) {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    headers.delete('content-encoding');
    const response = await Promise.race([apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body }, context: async () => context }), timeout]);
    const text = response.body.kind === 'complete' ? response.body.string : await collect(response.body.asyncIterator);
    return { status: response.status ?? 200, headers: response.headers, text };
  }

  function refuseOverBudget(client: string): void {
    const verdict = budget.check(client);
    if (!verdict.ok) {
      throw new HttpError(429, 'RATE_LIMITED', { budget: limits.costBudgetPerMinute, retryAfter: verdict.retryAfter }, { 'retry-after': String(verdict.retryAfter) });
    }
  }

  async function health(res: http.ServerResponse): Promise<number> {
    try {
      await sql`select 1`.execute(db!);
      sendJson(res, 200, { status: 'ok', database: 'ok' }, { 'cache-control': 'no-store' });
      return 200;
    } catch (error) {
      log({ level: 'error', msg: 'health check failed', error: String(error) });
      sendJson(res, 503, { status: 'error', database: 'unreachable' }, { 'cache-control': 'no-store', 'retry-after': '2' });
      return 503;
    }
  }

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse, next?: (error?: unknown) => void): Promise<void> => {
    const request = req as GatewayRequest;
    const url = new URL(request.originalUrl ?? request.url ?? '/', 'http://localhost');
    const pathname = normalizePath(url.pathname);
    const isGraphQL = pathname === path;
    if (pathname === metricsPath && pathname !== path) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
      res.end(metrics.render());
      return;
    }
    if (page && pathname.startsWith(`${page.base}/`) && (req.method === 'GET' || req.method === 'HEAD')) {
      if (await page.serveAsset(req, res, pathname)) return;
    }
    if (!isGraphQL && pathname !== healthPath) {
      if (next) return next();
      sendHttpError(res, new HttpError(404, 'NOT_FOUND', { path }), requestLanguage(url, req.headers['accept-language']));
      return;
    }
    const started = performance.now();
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    const lang = requestLanguage(url, req.headers['accept-language']);
    const entry: Record<string, unknown> = { level: 'info', msg: 'request', requestId, method: req.method, path: pathname };
    let status = 500;
    inFlight++;
    metrics.inFlight++;
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        status = 204;
      } else if (!isGraphQL) {
        status = await health(res);
      } else {
        if (closing) throw new HttpError(503, 'SHUTTING_DOWN', {}, { 'retry-after': '1', connection: 'close' });
        await ready;
        status = await serveGraphQL(request, res, url, lang, entry);
      }
    } catch (error) {
      if (closing && !res.headersSent) res.setHeader('connection', 'close');
      if (error instanceof HttpError) {
        status = error.status;
        entry.code = error.code;
        sendHttpError(res, error, lang);
      } else if (isDatabaseUnavailable(error)) {
        status = 503;
        entry.code = 'DATABASE_UNAVAILABLE';
        log({ level: 'warn', msg: 'database unavailable', requestId, error: error instanceof Error ? error.message : String(error) });
        sendHttpError(res, new HttpError(503, 'DATABASE_UNAVAILABLE', { retryAfter: 2 }, { 'retry-after': '2' }), lang);
      } else {
        status = 500;
        entry.code = 'INTERNAL_SERVER_ERROR';
        log({ level: 'error', msg: 'request failed', requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        sendHttpError(res, new HttpError(500, 'INTERNAL_SERVER_ERROR'), lang);
      }
    } finally {
      inFlight--;
      metrics.inFlight--;
      if (inFlight === 0) idle?.();
      metrics.observe(status, entry.code as string | undefined, (performance.now() - started) / 1000);
      const internal = (entry.errors as string[] | undefined)?.includes('INTERNAL_SERVER_ERROR') ?? false;
      log({ ...entry, level: status >= 500 || internal ? 'error' : status >= 400 ? 'warn' : 'info', status, durationMs: Math.round((performance.now() - started) * 10) / 10 });
    }
  };

  return Object.assign(handler, {
    apollo,
    ready,
    inFlight: () => inFlight,
    async close() {
      closing = true;
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
      await ready.catch(() => {});
      await apollo.stop();
    },
  });
}

function normalizePath(path: string): string {
  const withSlash = path.startsWith('/') ? path : `/${path}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, '') : withSlash;
}

/** The client's request id when it is a short safe token, else a fresh UUID. */
function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[\w.:-]{1,64}$/.test(value) ? value : randomUUID();
}

function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'INVALID_JSON');
  }
}

/** A GET parameter holds JSON text; a POST body holds the value itself. */
function parseJsonParam(value: unknown, name: string): unknown {
  if (value == null || value === '') return undefined;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new HttpError(400, name === 'variables' ? 'INVALID_VARIABLES' : 'BAD_REQUEST', { reason: name });
  }
}

function otherExtensions(extensions: unknown): { extensions: Record<string, unknown> } | undefined {
  if (!extensions || typeof extensions !== 'object') return undefined;
  const { persistedQuery: _resolved, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? { extensions: rest } : undefined;
}

function asRequestBody(value: unknown): GraphQLRequestBody {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'MISSING_QUERY');
  return value as GraphQLRequestBody;
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** Send a text answer, compressed with brotli or gzip when the client accepts it and it is worth it. */
async function sendMaybeCompressed(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const raw = Buffer.from(text, 'utf8');
  let payload = raw;
  if (raw.length >= COMPRESS_FROM_BYTES) {
    if (/\bbr\b/.test(accepted)) {
      payload = await brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
      res.setHeader('content-encoding', 'br');
    } else if (/\bgzip\b/.test(accepted)) {
      payload = await gzip(raw, { level: 6 });
      res.setHeader('content-encoding', 'gzip');
    }
  }
  res.setHeader('content-length', String(payload.length));
  res.end(payload);
}
