import { createStore, listSchemes, loadDemoSchemes } from '@sosms/core';
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.ts';
import { jsonLogger } from './log.ts';
import { createGateway } from './server.ts';

// Only listens: everything else lives in server.ts and handler.ts so that tests run the gateway in-process.
// Settings come from the environment (README « Réglages »), each with a documented default.
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

const store = await createStore({
  location: env.DATABASE_URL || undefined,
  statementTimeoutMs: Number(env.SOSMS_STATEMENT_TIMEOUT_MS ?? 10_000),
});
const { totalCount } = await listSchemes(store.db, { visibility: { all: true } }, { limit: 1 });
if (totalCount === 0) {
  const loaded = await loadDemoSchemes(store.db);
  jsonLogger({ level: 'info', msg: 'demo schemes loaded', schemes: loaded.map((r) => r.schemeCode) });
}
// Read replicas (comma-separated PostgreSQL URLs of streaming standbys): anonymous reads go to them in turn.
const replicas = await Promise.all(
  (env.SOSMS_READ_DATABASE_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => createStore({ location: url, migrate: false, statementTimeoutMs: Number(env.SOSMS_STATEMENT_TIMEOUT_MS ?? 10_000) })),
);
const gateway = await createGateway({ db: store.db, readDbs: replicas.map((r) => r.db), introspection, limits, trustProxy: env.SOSMS_TRUST_PROXY === 'true' });
gateway.server.listen(port, host, () => {
  const address = gateway.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}/graphql`;
  jsonLogger({ level: 'info', msg: 'listening', url, engine: store.engine, introspection, readReplicas: replicas.length });
  process.stdout.write(`Passerelle GraphQL prête / GraphQL gateway ready: ${url}\n`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  jsonLogger({ level: 'info', msg: 'shutting down', signal });
  await gateway.close();
  await store.close();
  for (const replica of replicas) await replica.close();
  jsonLogger({ level: 'info', msg: 'stopped' });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
