import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { Context } from './context.ts';
import { compiledReadsPlugin } from './compiled.ts';
import { createErrorFormatter, localizeErrors } from './errors.ts';
import { isDatabaseUnavailable } from './unavailable.ts';
import { DEFAULT_LIMITS, type GatewayLimits } from './limits.ts';
import type { Logger } from './log.ts';
import { schema } from './schema/index.ts';

/** Options of {@link createApollo}. */
export interface ApolloOptions {
  readonly limits?: Partial<GatewayLimits>;
  /** On unless said otherwise; never switched by `NODE_ENV` (Apollo's own default would be). */
  readonly introspection?: boolean;
}

/**
 * The validation rules of the operation limits (depth, aliases, cost, directives), by GraphQL Armor, that
 * Apollo runs after graphql-js's own (`specifiedRules`); the direct answers of compiled reads check them too.
 *
 * ### Examples
 * ```ts
 * validate(schema, document, [...specifiedRules, ...limitRules(DEFAULT_LIMITS)]);
 * ```
 */
export function limitRules(limits: GatewayLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    // graphql-armor's token limit throws from a plugin, which Apollo answers with HTTP 500: parse's own maxTokens instead.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // Suggestions (« Did you mean … ») help analysts write queries; the schema is public anyway.
    blockFieldSuggestion: { enabled: false },
  });
  // graphql-armor's types come from Apollo's CommonJS build: same objects, distinct declarations.
  // With these options graphql-armor gives validation rules only, no Apollo plugin (its token limit, off, would be one).
  const protection = armor.protect() as unknown as { plugins: unknown[]; validationRules: ValidationRule[] };
  if (protection.plugins.length > 0) throw new Error('graphql-armor: unexpected plugins');
  return protection.validationRules;
}

/**
 * The Apollo server over the schema: depth, aliases, cost and directives limited by GraphQL Armor's
 * validation rules, tokens by graphql-js `parse` itself (a syntax error stays a 400), domain errors as
 * codes, unexpected errors masked, no landing page, no stack traces.
 *
 * ### Examples
 * ```ts
 * const apollo = createApollo(jsonLogger);
 * await apollo.start();
 * ```
 */
export function createApollo(log: Logger, options: ApolloOptions = {}): ApolloServer<Context> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const requestPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          contextValue.meta.operationName = operationName ?? undefined;
        },
        async didEncounterErrors({ contextValue, errors }) {
          if (errors.some((e) => isDatabaseUnavailable(e.originalError ?? e))) contextValue.meta.databaseUnavailable = true;
          if (errors.some((e) => (e.originalError as { code?: unknown } | undefined)?.code === '57014')) contextValue.meta.statementTimeout = true;
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.errors = localizeErrors(response.body.singleResult.errors, contextValue.lang);
            // Codes of the errors inside a 200 answer, for the metrics (our formatter's own codes: a bounded set).
            for (const e of response.body.singleResult.errors ?? []) (contextValue.meta.errorCodes ??= []).push(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          }
        },
      };
    },
  };
  const say = (level: string) => (...message: unknown[]) => log({ level, msg: message.map(String).join(' '), source: 'apollo' });
  return new ApolloServer<Context>({
    schema,
    // Apollo's own messages go to the gateway's structured log (never to console).
    logger: { debug: say('debug'), info: say('info'), warn: say('warn'), error: say('error') },
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: options.introspection ?? true,
    // The HTTP layer (handler.ts) checks and caps batches itself.
    allowBatchedHttpRequests: true,
    // Persisted queries are resolved by the HTTP layer (bounded, hash checked, a locked-down mode).
    persistedQueries: false,
    // Cache control would wrap every field resolver; the HTTP layer sets Cache-Control and ETag.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), requestPlugin, compiledReadsPlugin()],
    formatError: createErrorFormatter((error) => log({ level: 'error', msg: 'unexpected error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) })),
    includeStacktraceInErrorResponses: false,
    // Tokens travel in the Authorization header, never in cookies: a cross-site request cannot borrow
    // them; POST bodies must be application/json (checked by the HTTP layer), so CSRF prevention is not needed.
    csrfPrevention: false,
    // The gateway shuts down on SIGTERM itself (stop listening, finish requests, close the store).
    stopOnTerminationSignals: false,
  });
}
