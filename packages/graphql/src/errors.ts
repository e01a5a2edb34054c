import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { PothosValidationError } from '@pothos/core';
import { DomainError, translator, type Lang } from '@sosms/core';

/** The message of every unexpected error (details go to the server log, never to the client). */
export const INTERNAL_ERROR_MESSAGE = { fr: 'Erreur interne', en: 'Internal error' } as const;

/**
 * Errors the HTTP layer answers before or around GraphQL, each with its message in French and English.
 * `{name}` placeholders take the error's parameters (limits, counts), never free client text.
 */
export const HTTP_ERRORS = {
  BAD_REQUEST: { fr: 'Requête invalide : {reason}', en: 'Bad request: {reason}' },
  INVALID_JSON: { fr: 'Corps de requête JSON invalide', en: 'Invalid JSON request body' },
  MISSING_QUERY: { fr: 'Requête GraphQL absente : envoyez « query » (ou « extensions.persistedQuery »)', en: 'Missing GraphQL query: send "query" (or "extensions.persistedQuery")' },
  INVALID_VARIABLES: { fr: 'Les variables doivent être un objet JSON', en: 'Variables must be a JSON object' },
  BODY_TOO_LARGE: { fr: 'Requête trop volumineuse (limite {limit} octets)', en: 'Request too large (limit {limit} bytes)' },
  UNSUPPORTED_MEDIA_TYPE: { fr: 'Type de contenu non pris en charge : envoyez « Content-Type: application/json »', en: 'Unsupported content type: send "Content-Type: application/json"' },
  METHOD_NOT_ALLOWED: { fr: 'Méthode non permise : GET ou POST', en: 'Method not allowed: GET or POST' },
  MUTATION_OVER_GET: { fr: 'Une mutation s’envoie en POST, pas en GET', en: 'A mutation must be sent with POST, not GET' },
  SUBSCRIPTION_NOT_SUPPORTED: { fr: 'Les abonnements (subscription) ne sont pas pris en charge', en: 'Subscriptions are not supported' },
  GRAPHQL_PARSE_FAILED: { fr: 'Erreur de syntaxe GraphQL : {detail}', en: 'GraphQL syntax error: {detail}' },
  QUERY_TOO_COMPLEX: { fr: 'Requête refusée : {limitFr} supérieur à la limite de {limit}. Simplifiez la requête ou découpez-la.', en: 'Query refused: {limitEn} above the limit of {limit}. Simplify or split the query.' },
  BATCH_TOO_LARGE: { fr: 'Lot de requêtes trop grand (limite {limit})', en: 'Batch too large (limit {limit})' },
  PERSISTED_QUERY_NOT_FOUND: { fr: 'Requête enregistrée inconnue : renvoyez-la avec son texte', en: 'Unknown persisted query: send it again with its text' },
  PERSISTED_QUERY_HASH_MISMATCH: { fr: 'L’empreinte SHA-256 ne correspond pas au texte de la requête', en: 'The SHA-256 hash does not match the query text' },
  PERSISTED_QUERY_REQUIRED: { fr: 'Cette passerelle n’accepte que des requêtes enregistrées (empreinte connue)', en: 'This gateway only accepts persisted queries (a known hash)' },
  OPERATION_NOT_FOUND: { fr: 'Opération introuvable dans le document', en: 'Operation not found in the document' },
  UNAUTHENTICATED: { fr: 'Jeton inconnu, expiré ou révoqué', en: 'Unknown, expired or revoked token' },
  RATE_LIMITED: { fr: 'Trop de requêtes : budget de {budget} points par minute dépassé, réessayez dans {retryAfter} s', en: 'Too many requests: budget of {budget} points per minute exceeded, retry in {retryAfter} s' },
  STATEMENT_TIMEOUT: { fr: 'La requête demande trop de travail à la base de données (délai par instruction dépassé) : restreignez-la', en: 'The request asks too much of the database (statement timeout): narrow it' },
  REQUEST_TIMEOUT: { fr: 'La requête a dépassé {limit} ms', en: 'The request took more than {limit} ms' },
  DATABASE_UNAVAILABLE: { fr: 'Base de données momentanément indisponible, réessayez dans {retryAfter} s', en: 'Database temporarily unavailable, retry in {retryAfter} s' },
  SHUTTING_DOWN: { fr: 'La passerelle s’arrête, réessayez', en: 'The gateway is shutting down, retry' },
  NOT_FOUND: { fr: 'Introuvable : utilisez {path}', en: 'Not found: use {path}' },
  INTERNAL_SERVER_ERROR: { fr: INTERNAL_ERROR_MESSAGE.fr, en: INTERNAL_ERROR_MESSAGE.en },
} as const satisfies Record<string, { fr: string; en: string }>;

const httpErrorText = translator(HTTP_ERRORS);

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/**
 * The message of an HTTP-level error in a language, parameters filled in.
 *
 * ### Examples
 * ```ts
 * httpErrorMessage('BODY_TOO_LARGE', 'en', { limit: 1000000 }); // 'Request too large (limit 1000000 bytes)'
 * ```
 */
export function httpErrorMessage(code: HttpErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  return httpErrorText(code, lang, params);
}

/** Error codes a client can act on; anything else an unexpected error masks. */
const PUBLIC_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

const LIMIT_NAMES = {
  'Query depth': { fr: 'profondeur de requête', en: 'query depth' },
  Aliases: { fr: "nombre d'alias", en: 'number of aliases' },
  'Query Cost': { fr: 'coût de requête', en: 'query cost' },
  Directives: { fr: 'nombre de directives', en: 'number of directives' },
} as const;
const LIMIT_MESSAGE = /^Syntax Error: (Query depth|Aliases|Query Cost|Directives) limit of (\d+) exceeded/;
// graphql-js 16 writes « more that ».
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * Where the English version of a French message travels from `formatError` (which does not know the
 * request's language) to {@link localizeErrors} (which does and removes it): inside the error itself,
 * so nothing is kept between requests.
 */
const ENGLISH = 'sosmsEnglishMessage';

/** A GraphQL Armor or graphql-js limit rejection (depth, aliases, cost, directives, tokens) as QUERY_TOO_COMPLEX. */
export function limitError(message: string): GraphQLFormattedError | undefined {
  const tokens = TOKEN_LIMIT_MESSAGE.exec(message);
  const match = LIMIT_MESSAGE.exec(message);
  if (!tokens && !match) return undefined;
  const names = tokens ? { fr: 'nombre de jetons lexicaux', en: 'number of tokens' } : LIMIT_NAMES[match![1] as keyof typeof LIMIT_NAMES];
  const limit = Number(tokens ? tokens[1] : match![2]);
  const params = { limitFr: names.fr, limitEn: names.en, limit };
  return {
    message: httpErrorMessage('QUERY_TOO_COMPLEX', 'fr', params),
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, [ENGLISH]: httpErrorMessage('QUERY_TOO_COMPLEX', 'en', params) },
  };
}

/**
 * Apollo's `formatError`: a `DomainError` becomes `extensions.code` (VALIDATION, NOT_FOUND, FORBIDDEN,
 * UNAUTHENTICATED, CONFLICT) with its message and `extensions.issues`; request errors (syntax,
 * validation) pass through; limits become `QUERY_TOO_COMPLEX`; anything else is masked as « Erreur interne » and logged.
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
      return {
        message: `Argument invalide : ${original.message}`,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT', [ENGLISH]: `Invalid argument: ${original.message}` },
      };
    }
    const limit = limitError(formatted.message);
    if (limit) return limit;
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && formatted.message === 'Validation aborted.') {
      // graphql-js gives up comparing fields that may overlap (a field repeated a thousand times) past its own budget.
      return {
        message: 'Requête refusée : trop de champs à comparer entre eux (un même champ répété, des fragments qui se recouvrent). Simplifiez la requête ou découpez-la.',
        extensions: { code: 'QUERY_TOO_COMPLEX', [ENGLISH]: 'Query refused: too many fields to compare with each other (a field repeated, overlapping fragments). Simplify or split the query.' },
      };
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED') {
      // graphql-js writes these in English; the French sentence leads, the English one follows on request.
      const detail = formatted.message.replace(/^Syntax Error: /, '');
      const [fr, en] = code === 'GRAPHQL_PARSE_FAILED' ? ['Erreur de syntaxe GraphQL', 'GraphQL syntax error'] : ['Requête GraphQL invalide', 'Invalid GraphQL query'];
      return { message: `${fr} : ${detail}`, locations: formatted.locations, path: formatted.path, extensions: { code, [ENGLISH]: `${en}: ${detail}` } };
    }
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    logError(original);
    return {
      message: INTERNAL_ERROR_MESSAGE.fr,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', [ENGLISH]: INTERNAL_ERROR_MESSAGE.en },
    };
  };
}

/**
 * Put errors in the request language: the English message carried by the formatter replaces the French
 * one for `en`; the carrier field is removed in both languages.
 *
 * ### Examples
 * ```ts
 * localizeErrors(result.errors, 'en');
 * ```
 */
export function localizeErrors(errors: readonly GraphQLFormattedError[] | undefined, lang: Lang): GraphQLFormattedError[] | undefined {
  if (!errors) return undefined;
  return errors.map((e) => {
    if (lang === 'en' && e.extensions?.code === 'INTERNAL_SERVER_ERROR' && e.message === INTERNAL_ERROR_MESSAGE.fr && !(ENGLISH in e.extensions)) {
      return { ...e, message: INTERNAL_ERROR_MESSAGE.en };
    }
    if (!e.extensions || !(ENGLISH in e.extensions)) return e;
    const { [ENGLISH]: english, ...extensions } = e.extensions;
    return { ...e, message: lang === 'en' && typeof english === 'string' ? english : e.message, extensions };
  });
}
