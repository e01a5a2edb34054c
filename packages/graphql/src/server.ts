import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@sosms/core';
import { authenticate, createContext, languageOf, type Context } from './context.ts';
import { createErrorFormatter, localizeErrors } from './errors.ts';
import { playgroundPage, readExamples } from './playground.ts';
import { schema } from './schema/index.ts';

/** Limits on incoming operations (GraphQL Armor), sized so the example dashboards pass. */
export const OPERATION_LIMITS = {
  maxDepth: 16,
  maxAliases: 20,
  maxCost: 250_000,
  maxTokens: 5_000,
  maxDirectives: 50,
} as const;

/** Largest accepted request body. */
const MAX_BODY_BYTES = 1_000_000;

/** A structured log line writer: one JSON object per line. */
export type Logger = (entry: Record<string, unknown>) => void;

/** Writes each entry as one JSON line on stdout. */
export const jsonLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

/**
 * The Apollo server over the schema: GraphQL Armor limits, domain errors as codes, unexpected errors
 * masked, no landing page from a CDN (the gateway serves its own), no stack traces.
 *
 * ### Examples
 * ```ts
 * const apollo = createApollo(jsonLogger);
 * await apollo.start();
 * ```
 */
export function createApollo(log: Logger): ApolloServer<Context> {
  const armor = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    costLimit: { maxCost: OPERATION_LIMITS.maxCost },
    maxTokens: { n: OPERATION_LIMITS.maxTokens },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
    // Suggestions (« Did you mean … ») help analysts write queries; the schema is public anyway.
    blockFieldSuggestion: { enabled: false },
  });
  // graphql-armor's types come from Apollo's CommonJS build: same objects, distinct declarations.
  const protection = armor.protect() as unknown as { plugins: ApolloServerPlugin<Context>[]; validationRules: NonNullable<ConstructorParameters<typeof ApolloServer<Context>>[0]['validationRules']>; allowBatchedHttpRequests: false };
  const requestPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          contextValue.meta.operationName = operationName ?? undefined;
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.errors = localizeErrors(response.body.singleResult.errors, contextValue.lang);
          }
        },
      };
    },
  };
  return new ApolloServer<Context>({
    schema,
    ...protection,
    // Cache control would wrap every field resolver; responses are not cached by hint here.
    plugins: [...protection.plugins, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), requestPlugin],
    formatError: createErrorFormatter((error) => log({ level: 'error', msg: 'unexpected error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) })),
    includeStacktraceInErrorResponses: false,
    // Tokens travel in the Authorization header, never in cookies: a cross-site request cannot borrow
    // them, so CSRF prevention (which would refuse plain GET queries from widgets) is not needed.
    csrfPrevention: false,
    // main.ts shuts down on SIGTERM itself (stop listening, finish requests, close the store).
    stopOnTerminationSignals: false,
  });
}

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  readonly db: Kysely<Database>;
  /** Request and error logs (default: JSON lines on stdout). */
  readonly log?: Logger;
  /** Today's date for health and alerts (default: the real date). */
  readonly today?: () => string;
}

/** The gateway: an HTTP server (not yet listening), its request handler and how to stop it. */
export interface Gateway {
  readonly server: http.Server;
  readonly handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  readonly apollo: ApolloServer<Context>;
  /** Stop accepting connections, finish the requests in flight, stop Apollo (the store stays open). */
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, Accept, Accept-Language',
  'access-control-max-age': '86400',
} as const;

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Build the gateway over an open store: `/graphql` (GET and POST per GraphQL-over-HTTP, a playground
 * page for browsers), `/healthz`, open CORS, one JSON log line per request.
 *
 * ### Examples
 * ```ts
 * const { db } = await createStore();
 * const gateway = await createGateway({ db });
 * gateway.server.listen(4000, '127.0.0.1');
 * ```
 */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { db } = options;
  const log = options.log ?? jsonLogger;
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const apollo = createApollo(log);
  await apollo.start();
  const page = playgroundPage(readExamples());

  async function route(req: http.IncomingMessage, res: http.ServerResponse, entry: Record<string, unknown>): Promise<number> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    if (method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return 204;
    }
    if (url.pathname === '/healthz') {
      try {
        await sql`select 1`.execute(db);
        sendJson(res, 200, { status: 'ok', database: 'ok' });
        return 200;
      } catch (error) {
        log({ level: 'error', msg: 'health check failed', error: String(error) });
        sendJson(res, 503, { status: 'error', database: 'unreachable' });
        return 503;
      }
    }
    if (url.pathname !== '/graphql') {
      sendJson(res, 404, { errors: [{ message: 'Introuvable : utilisez /graphql / Not found: use /graphql', extensions: { code: 'NOT_FOUND' } }] });
      return 404;
    }
    if (method !== 'GET' && method !== 'POST') {
      sendJson(res, 405, { errors: [{ message: 'Méthode non permise : GET ou POST / Method not allowed: GET or POST', extensions: { code: 'METHOD_NOT_ALLOWED' } }] }, { allow: 'GET, POST, OPTIONS' });
      return 405;
    }
    const lang = languageOf(req.headers['accept-language']);
    if (method === 'GET' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return 200;
    }
    let body: unknown;
    if (method === 'POST') {
      const text = await readBody(req);
      if (text === undefined) {
        sendJson(res, 413, { errors: [{ message: lang === 'fr' ? 'Requête trop volumineuse' : 'Request too large', extensions: { code: 'BAD_REQUEST' } }] });
        return 413;
      }
      if ((req.headers['content-type'] ?? '').includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(res, 400, { errors: [{ message: lang === 'fr' ? 'Corps de requête JSON invalide' : 'Invalid JSON request body', extensions: { code: 'BAD_REQUEST' } }] });
          return 400;
        }
      } else {
        body = text;
      }
    }
    const auth = await authenticate(db, req.headers.authorization);
    if (!auth.ok) {
      const message = lang === 'fr' ? 'Jeton inconnu ou révoqué' : 'Unknown or revoked token';
      sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, { 'www-authenticate': 'Bearer' });
      return 401;
    }
    const context = createContext(db, { principal: auth.principal, lang, today: today() });
    entry.token = auth.principal?.tokenId;
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    try {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method, headers, search: url.search, body },
        context: async () => context,
      });
      const status = response.status ?? 200;
      res.statusCode = status;
      for (const [name, value] of response.headers) res.setHeader(name, value);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
      return status;
    } finally {
      entry.operationName = context.meta.operationName;
    }
  }

  async function handler(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const entry: Record<string, unknown> = { level: 'info', msg: 'request', method: req.method, path: (req.url ?? '/').split('?')[0] };
    let status = 500;
    try {
      status = await route(req, res, entry);
    } catch (error) {
      log({ level: 'error', msg: 'request failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Erreur interne / Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    } finally {
      log({ ...entry, status, durationMs: Math.round((performance.now() - started) * 10) / 10 });
    }
  }

  const server = http.createServer((req, res) => void handler(req, res));
  return {
    server,
    handler,
    apollo,
    async close() {
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
