import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createStore, ensureOperatorSecret, loadDemoSchemes, locationString, markStoreSetUp, noDemo, OPERATOR_PATH, resolveStoreLocation, StoreError, type Store } from '@sosms/core';
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.ts';
import { jsonLogger } from './log.ts';
import { createOperatorRoute, type OperatorRoute } from './operator.ts';
import type { createGateway as CreateGateway } from './server.ts';

// Only listens: everything else lives in server.ts and handler.ts so that tests run the gateway in-process.
// Settings come from the environment (README « Réglages »), each with a documented default.
// The store is the one the CLI uses: DATABASE_URL (a postgres:// URL, or a PGlite folder, relative to the
// directory `npm start` was typed in), else `.data/sosms` at the repository root. `--no-demo` (or
// SOSMS_DEMO=0) starts a new store empty; otherwise its first start loads the five real schemes.
const env = process.env;
const host = env.HOST ?? '127.0.0.1';
const port = Number(env.PORT ?? 4000);
/** Off only when SOSMS_INTROSPECTION says so; NODE_ENV changes nothing. */
const introspection = !['0', 'false', 'off', 'no'].includes((env.SOSMS_INTROSPECTION ?? 'true').toLowerCase());
const limits: Partial<GatewayLimits> = {};
for (const name of Object.keys(DEFAULT_LIMITS) as (keyof GatewayLimits)[]) {
  const variable = `SOSMS_LIMIT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
  if (env[variable]) limits[name] = Number(env[variable]);
}
/** Refuse a setting in one sentence, French then English, before anything opens. */
function refuseSetting(fr: string, en: string): never {
  process.stderr.write(`${fr}\n${en}\n`);
  process.exit(1);
}
// SOSMS_CACHE_MAX_AGE: max-age of anonymous answers, in seconds (default 30).
const cacheMaxAge = env.SOSMS_CACHE_MAX_AGE === undefined || env.SOSMS_CACHE_MAX_AGE === '' ? undefined : Number(env.SOSMS_CACHE_MAX_AGE);
if (cacheMaxAge !== undefined && !(Number.isInteger(cacheMaxAge) && cacheMaxAge >= 0)) {
  refuseSetting(`SOSMS_CACHE_MAX_AGE doit être un nombre entier de secondes (reçu « ${env.SOSMS_CACHE_MAX_AGE} »).`, `SOSMS_CACHE_MAX_AGE must be a whole number of seconds (got "${env.SOSMS_CACHE_MAX_AGE}").`);
}
// SOSMS_PERSISTED_QUERIES_FILE: a JSON array of query texts registered at start (for the widgets, the output of
// widgetQueryTexts()); SOSMS_PERSISTED_QUERIES=only refuses every other query (a locked-down deployment).
const persistedOnly = env.SOSMS_PERSISTED_QUERIES === 'only';
if (env.SOSMS_PERSISTED_QUERIES && !persistedOnly) {
  refuseSetting(`SOSMS_PERSISTED_QUERIES ne connaît que « only » (reçu « ${env.SOSMS_PERSISTED_QUERIES} »).`, `SOSMS_PERSISTED_QUERIES only knows "only" (got "${env.SOSMS_PERSISTED_QUERIES}").`);
}
let persistedTexts: string[] = [];
if (env.SOSMS_PERSISTED_QUERIES_FILE) {
  const file = resolve(env.INIT_CWD ?? process.cwd(), env.SOSMS_PERSISTED_QUERIES_FILE);
  try {
    const texts: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(texts) || !texts.every((t) => typeof t === 'string')) throw new Error('not an array of texts');
    persistedTexts = texts;
  } catch (error) {
    refuseSetting(
      `SOSMS_PERSISTED_QUERIES_FILE : ${file} doit être un tableau JSON de textes de requêtes (${error instanceof Error ? error.message : String(error)}).`,
      `SOSMS_PERSISTED_QUERIES_FILE: ${file} must be a JSON array of query texts (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}
const withoutDemo = process.argv.slice(2).includes('--no-demo') || noDemo(env);
const location = resolveStoreLocation(env.DATABASE_URL, env.INIT_CWD ?? process.cwd());

// The gateway's modules (Apollo, the Pothos schema) load while the store opens: both take about a second.
const gatewayModule: Promise<{ createGateway: typeof CreateGateway }> = import('./server.ts');

let store: Store;
try {
  store = await createStore({
    location: locationString(location),
    holder: 'passerelle GraphQL (npm start)',
    statementTimeoutMs: Number(env.SOSMS_STATEMENT_TIMEOUT_MS ?? 10_000),
  });
} catch (error) {
  if (!(error instanceof StoreError)) throw error;
  process.stderr.write(`${error.text.fr}\n${error.text.en}\n`);
  process.exit(1);
}
if (store.created && !withoutDemo) {
  const loaded = await loadDemoSchemes(store.db);
  jsonLogger({ level: 'info', msg: 'demo schemes loaded', schemes: loaded.map((r) => r.schemeCode) });
} else if (store.created) {
  await markStoreSetUp(store.db);
  jsonLogger({ level: 'info', msg: 'new empty store (--no-demo)' });
}
// Read replicas (comma-separated PostgreSQL URLs of streaming standbys): anonymous reads go to them in turn.
const replicas = await Promise.all(
  (env.SOSMS_READ_DATABASE_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => createStore({ location: url, migrate: false, statementTimeoutMs: Number(env.SOSMS_STATEMENT_TIMEOUT_MS ?? 10_000) })),
);
// A PGlite folder has one process: the CLI sends its commands here, with the folder's operator key.
const routes: Record<string, OperatorRoute> = store.folder ? { [OPERATOR_PATH]: createOperatorRoute({ secret: ensureOperatorSecret(store.folder), db: store.db }) } : {};
const { createGateway } = await gatewayModule;
const gateway = await createGateway({
  store,
  readDbs: replicas.map((r) => r.db),
  introspection,
  limits,
  trustProxy: env.SOSMS_TRUST_PROXY === 'true',
  routes,
  ...(cacheMaxAge !== undefined ? { cacheMaxAgeSeconds: cacheMaxAge } : {}),
  persistedQueries: { queries: persistedTexts, only: persistedOnly },
});
// A port already taken (another gateway, another program) or not allowed: one sentence in French and English
// naming the setting, the store closed (its lock released), exit 1; never Node's unhandled 'error' stack.
gateway.server.once('error', (error: NodeJS.ErrnoException) => {
  const where = `${host}:${port}`;
  const text =
    error.code === 'EADDRINUSE'
      ? { fr: `Le port ${port} de ${host} est déjà pris (une autre passerelle ?) : choisissez-en un autre, par exemple PORT=${port + 1} npm start.`, en: `Port ${port} on ${host} is already in use (another gateway?): choose another one, e.g. PORT=${port + 1} npm start.` }
      : { fr: `La passerelle ne peut pas écouter sur ${where} (${error.code ?? error.message}) : changez HOST ou PORT.`, en: `The gateway cannot listen on ${where} (${error.code ?? error.message}): change HOST or PORT.` };
  process.stderr.write(`${text.fr}\n${text.en}\n`);
  void Promise.allSettled([gateway.close(), store.close(), ...replicas.map((r) => r.close())]).then(() => process.exit(1));
});
gateway.server.listen(port, host, () => {
  const address = gateway.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}/graphql`;
  const local = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  store.lock?.update({ url: local });
  jsonLogger({ level: 'info', msg: 'listening', url, engine: store.engine, store: store.folder ?? (store.engine === 'postgres' ? 'postgres' : 'memory'), introspection, readReplicas: replicas.length });
  process.stdout.write(`Passerelle GraphQL prête / GraphQL gateway ready: ${url}\n`);
});

// Graceful shutdown: stop accepting connections, let the requests in flight finish (new ones on kept-alive
// connections get 503 SHUTTING_DOWN), close the store. Past SOSMS_SHUTDOWN_GRACE_MS (default 15 s) the
// remaining connections are cut and the process exits with code 1.
const graceMs = Number(env.SOSMS_SHUTDOWN_GRACE_MS ?? 15_000);
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  jsonLogger({ level: 'info', msg: 'shutting down', signal, inFlight: gateway.handler.inFlight(), graceMs });
  setTimeout(() => {
    jsonLogger({ level: 'error', msg: 'shutdown grace period over: connections cut', inFlight: gateway.handler.inFlight() });
    gateway.server.closeAllConnections();
    process.exit(1);
  }, graceMs).unref();
  await gateway.close();
  await store.close();
  for (const replica of replicas) await replica.close();
  jsonLogger({ level: 'info', msg: 'stopped' });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
