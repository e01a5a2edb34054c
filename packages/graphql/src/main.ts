import { createStore, listSchemes, loadDemoSchemes } from '@sosms/core';
import { createGateway, jsonLogger } from './server.ts';

// Only listens: everything else lives in server.ts so that tests run the gateway in-process.
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4000);

const store = await createStore({ location: process.env.DATABASE_URL || undefined });
const { totalCount } = await listSchemes(store.db, { visibility: { all: true } }, { limit: 1 });
if (totalCount === 0) {
  const loaded = await loadDemoSchemes(store.db);
  jsonLogger({ level: 'info', msg: 'demo schemes loaded', schemes: loaded.map((r) => r.schemeCode) });
}
const gateway = await createGateway({ db: store.db });
gateway.server.listen(port, host, () => {
  const address = gateway.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}/graphql`;
  jsonLogger({ level: 'info', msg: 'listening', url, engine: store.engine });
  process.stdout.write(`Passerelle GraphQL prête / GraphQL gateway ready: ${url}\n`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  jsonLogger({ level: 'info', msg: 'shutting down', signal });
  await gateway.close();
  await store.close();
  jsonLogger({ level: 'info', msg: 'stopped' });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
