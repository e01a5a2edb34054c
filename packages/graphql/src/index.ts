import type { Kysely } from 'kysely';
import type { GraphQLFormattedError } from 'graphql';
import { authenticateToken, type Database, type Lang } from '@sosms/core';
import type { ApolloServer } from '@apollo/server';
import { createContext, type Context } from './context.ts';
import { localizeErrors } from './errors.ts';
import { createApollo } from './apollo.ts';

export { createGateway, createApollo, OPERATION_LIMITS, jsonLogger, type Gateway, type GatewayOptions, type Logger } from './server.ts';
export { createGatewayHandler, type GatewayHandler, type GatewayHandlerOptions } from './handler.ts';
export { DEFAULT_LIMITS, type GatewayLimits } from './limits.ts';
export { createContext, languageOf, type Context } from './context.ts';
export { schema } from './schema/index.ts';

/** The result of {@link executeQuery}: GraphQL's `{ data, errors }`. */
export interface QueryResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphQLFormattedError[];
}

const servers = new WeakMap<Kysely<Database>, Promise<ApolloServer<Context>>>();

function apolloFor(db: Kysely<Database>): Promise<ApolloServer<Context>> {
  let server = servers.get(db);
  if (!server) {
    const apollo = createApollo(() => {});
    server = apollo.start().then(() => apollo);
    servers.set(db, server);
  }
  return server;
}

/**
 * Run a GraphQL operation in-process, without HTTP (static widget exports, tests). Same schema,
 * limits and error handling as the HTTP gateway; anonymous unless a token secret is given.
 *
 * ### Examples
 * ```ts
 * const { data, errors } = await executeQuery(store.db, 'query ($code: String!) { scheme(code: $code) { title progress } }', { code: '48-2018-2022' });
 * ```
 */
export async function executeQuery(
  db: Kysely<Database>,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; lang?: Lang; today?: string } = {},
): Promise<QueryResult> {
  const apollo = await apolloFor(db);
  const principal = options.token ? await authenticateToken(db, options.token) : undefined;
  const lang = options.lang ?? 'fr';
  const contextValue = createContext(db, { principal, lang, today: options.today });
  const response = await apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('Réponse incrémentale inattendue / unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  return errors ? { data: data as Record<string, unknown> | null | undefined, errors: localizeErrors(errors, lang) } : { data: data as Record<string, unknown> | null };
}
