import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import { DomainError, type Lang } from '@sosms/core';

/** The message of every unexpected error (details go to the server log, never to the client). */
export const INTERNAL_ERROR_MESSAGE = { fr: 'Erreur interne', en: 'Internal error' } as const;

/** Error codes a client can act on; anything else an unexpected error masks. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const LIMIT_NAMES = {
  'Query depth': { fr: 'profondeur de requête', en: 'query depth' },
  Aliases: { fr: "nombre d'alias", en: 'number of aliases' },
  'Query Cost': { fr: 'coût de requête', en: 'query cost' },
  Token: { fr: 'nombre de jetons lexicaux', en: 'number of tokens' },
  Directives: { fr: 'nombre de directives', en: 'number of directives' },
} as const;
const LIMIT_MESSAGE = /^Syntax Error: (Query depth|Aliases|Query Cost|Token|Directives) limit of (\d+) exceeded(?:, found (\d+))?/;
/** English versions of the French limit messages, to answer `Accept-Language: en`. */
const englishMessages = new Map<string, string>();

/** A GraphQL Armor rejection (depth, aliases, cost, tokens) as a clear French/English error. */
function limitError(message: string): GraphQLFormattedError | undefined {
  const match = LIMIT_MESSAGE.exec(message);
  if (!match) return undefined;
  const names = LIMIT_NAMES[match[1] as keyof typeof LIMIT_NAMES];
  const found = match[3] ? ` (${match[3]})` : '';
  const fr = `Requête refusée : ${names.fr} supérieur à la limite de ${match[2]}${found}. Simplifiez la requête ou découpez-la.`;
  englishMessages.set(fr, `Query refused: ${names.en} above the limit of ${match[2]}${found}. Simplify or split the query.`);
  return { message: fr, extensions: { code: 'QUERY_TOO_COMPLEX', limit: Number(match[2]) } };
}

/**
 * Apollo's `formatError`: a `DomainError` becomes `extensions.code` (VALIDATION, NOT_FOUND, FORBIDDEN,
 * UNAUTHENTICATED, CONFLICT) with its message and `extensions.issues`; request errors (syntax,
 * validation) pass through; GraphQL Armor limits become `QUERY_TOO_COMPLEX`; anything else is masked as « Erreur interne » and logged.
 *
 * ### Examples
 * ```ts
 * new ApolloServer({ schema, formatError: createErrorFormatter((e) => console.error(e)) });
 * ```
 */
export function createErrorFormatter(logError: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, issues: original.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })) },
      };
    }
    if (original instanceof PothosValidationError) {
      // Bad arguments Pothos checks itself (an undecodable global id, a bad cursor).
      const fr = `Argument invalide : ${original.message}`;
      englishMessages.set(fr, `Invalid argument: ${original.message}`);
      return { message: fr, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const limit = limitError(formatted.message);
    if (limit) return limit;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    logError(original);
    return {
      message: INTERNAL_ERROR_MESSAGE.fr,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * Translate masked internal errors to the request language (the formatter has no request context).
 *
 * ### Examples
 * ```ts
 * localizeErrors(result.errors, 'en');
 * ```
 */
export function localizeErrors(errors: readonly GraphQLFormattedError[] | undefined, lang: Lang): GraphQLFormattedError[] | undefined {
  if (!errors || lang === 'fr') return errors as GraphQLFormattedError[] | undefined;
  return errors.map((e) => {
    if (e.extensions?.code === 'INTERNAL_SERVER_ERROR' && e.message === INTERNAL_ERROR_MESSAGE.fr) return { ...e, message: INTERNAL_ERROR_MESSAGE.en };
    const english = englishMessages.get(e.message);
    return english ? { ...e, message: english } : e;
  });
}
