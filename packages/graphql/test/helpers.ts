import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadDemoSchemes, type Store } from '@sosms/core';
import { openTestStore } from '@sosms/core/testing';
import { createGateway, type Gateway, type GatewayOptions } from '../src/server.ts';

/** A store seeded with the five real schemes and a gateway listening on 127.0.0.1 (random port). */
export interface TestGateway {
  readonly store: Store;
  readonly gateway: Gateway;
  readonly url: string;
  /** Every log line the gateway wrote. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * Open a fresh store on an engine, load the real schemes and listen on a random port.
 *
 * ### Examples
 * ```ts
 * const t = await startTestGateway('pglite');
 * await fetch(`${t.url}/healthz`);
 * ```
 */
export async function startTestGateway(
  engine: 'pglite' | 'postgres',
  options: { onQuery?: (sql: string) => void; seed?: boolean; statementTimeoutMs?: number } & Partial<Omit<GatewayOptions, 'db'>> = {},
): Promise<TestGateway> {
  const { onQuery, seed, statementTimeoutMs, ...gatewayOptions } = options;
  const store = await openTestStore(engine, { onQuery, statementTimeoutMs });
  if (seed !== false) await loadDemoSchemes(store.db);
  const logs: Record<string, unknown>[] = [];
  const gateway = await createGateway({ store, log: (entry) => void logs.push(entry), today: () => '2026-11-23', ...gatewayOptions });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.server.address() as AddressInfo;
  return {
    store,
    gateway,
    url: `http://127.0.0.1:${port}`,
    logs,
    async close() {
      await gateway.close();
      await store.close();
    },
  };
}

/** A GraphQL response body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GraphQLBody = { data?: any; errors?: any };

/** POST a GraphQL operation and return the status and parsed body. */
export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLBody; headers: Headers }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody, headers: response.headers };
}

const QUERIES = new URL('../../../examples/queries/', import.meta.url);
/** The read-only example operations and their variables. */
export function exampleOperations(): { name: string; query: string; variables: Record<string, unknown> }[] {
  return readdirSync(QUERIES)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const query = readFileSync(new URL(name, QUERIES), 'utf8');
      const line = /^# variables: (.*)$/m.exec(query);
      return { name: name.replace(/\.graphql$/, ''), query, variables: line ? (JSON.parse(line[1]!) as Record<string, unknown>) : {} };
    })
    .filter((op) => !/^\s*mutation\b/m.test(op.query));
}
