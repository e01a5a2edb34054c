import { DomainError, type Lang } from '../validation/issues.ts';
import { translator } from '../validation/texts.ts';

/**
 * Roles of an API token: an `editor` writes everything in its départements' schemes; a `contributor`
 * only records measurements of the indicators named on its token.
 */
export const ROLES = ['editor', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling: the token behind a request (never its secret), or the operator: the local process that
 * holds the data folder (the CLI), which may do anything (`tokenId` null).
 */
export interface Principal {
  readonly tokenId: string | null;
  readonly label: string;
  readonly role: Role | 'operator';
  readonly departments: readonly string[];
  /** Indicator ids a contributor may record measurements for (empty for editors). */
  readonly indicatorIds: readonly string[];
  /** The schemes of those indicators: all a contributor may see beyond public schemes. */
  readonly schemeIds?: readonly string[];
}

const MESSAGES = {
  unauthenticated: {
    fr: 'Authentification requise : jeton « Authorization: Bearer … » absent, inconnu ou révoqué',
    en: 'Authentication required: "Authorization: Bearer …" token missing, unknown or revoked',
  },
  wrong_department: {
    fr: "Ce jeton ne donne pas accès aux schémas de ce département",
    en: "This token does not give access to this département's schemes",
  },
  operator_only: {
    fr: "Cette opération est réservée à l'opérateur (la ligne de commande sur le serveur)",
    en: 'This operation is reserved for the operator (the command line on the server)',
  },
  editor_only: {
    fr: 'Cette opération est réservée aux jetons « editor »',
    en: 'This operation is reserved for "editor" tokens',
  },
  wrong_indicator: {
    fr: "Ce jeton ne permet pas d'enregistrer des mesures pour cet indicateur",
    en: 'This token cannot record measurements for this indicator',
  },
} as const;

const message = translator(MESSAGES);

/**
 * A French (or English) message of the access rules.
 *
 * ### Examples
 * ```ts
 * accessMessage('editor_only', 'en'); // 'This operation is reserved for "editor" tokens'
 * ```
 */
export function accessMessage(code: keyof typeof MESSAGES, lang: Lang = 'fr'): string {
  return message(code, lang);
}

/**
 * The operator: the process that holds the store (the CLI, a script of the département's own team). It may
 * write every scheme; its writes are audited under the label given.
 *
 * ### Examples
 * ```ts
 * await importSchemeFileCommand(db, { principal: operator('sosms import') }, file);
 * ```
 */
export function operator(label = 'operator'): Principal {
  return { tokenId: null, label, role: 'operator', departments: [], indicatorIds: [] };
}

/**
 * Whether a principal covers every one of the given départements: a write to a scheme shared by two
 * départements needs a token of both, and a scheme moved to another département needs a token of each
 * département before and after.
 *
 * ### Examples
 * ```ts
 * coversDepartments({ departments: ['92'] } as Principal, ['92', '78']); // false
 * coversDepartments({ departments: ['92', '78'] } as Principal, ['92', '78']); // true
 * ```
 */
export function coversDepartments(principal: Principal | undefined, departments: readonly string[]): boolean {
  if (principal === undefined) return false;
  if (principal.role === 'operator') return true;
  return departments.length > 0 && departments.every((d) => principal.departments.includes(d));
}

/**
 * Refuse unless an editor token (or the operator) covers every one of the scheme's départements.
 * Throws `DomainError` UNAUTHENTICATED without a token, FORBIDDEN otherwise.
 *
 * ### Examples
 * ```ts
 * assertCanEditScheme(principal, scheme.departments, 'fr');
 * ```
 */
export function assertCanEditScheme(principal: Principal | undefined, departments: readonly string[], lang: Lang = 'fr'): asserts principal is Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED', accessMessage('unauthenticated', lang));
  if (principal.role === 'contributor') throw new DomainError('FORBIDDEN', accessMessage('editor_only', lang));
  if (!coversDepartments(principal, departments)) throw new DomainError('FORBIDDEN', accessMessage('wrong_department', lang));
}

/**
 * Refuse unless the principal may record a measurement of this indicator: an editor of the scheme's
 * départements, or a contributor of those départements whose token names the indicator.
 *
 * ### Examples
 * ```ts
 * assertCanRecordMeasurement(principal, { id: indicator.id, departments: scheme.departments }, 'fr');
 * ```
 */
export function assertCanRecordMeasurement(
  principal: Principal | undefined,
  indicator: { readonly id: string; readonly departments: readonly string[] },
  lang: Lang = 'fr',
): asserts principal is Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED', accessMessage('unauthenticated', lang));
  if (!coversDepartments(principal, indicator.departments)) throw new DomainError('FORBIDDEN', accessMessage('wrong_department', lang));
  if (principal.role === 'contributor' && !principal.indicatorIds.includes(indicator.id)) {
    throw new DomainError('FORBIDDEN', accessMessage('wrong_indicator', lang));
  }
}

/**
 * Refuse a request that has no valid token.
 *
 * ### Examples
 * ```ts
 * assertAuthenticated(ctx.principal, ctx.lang);
 * ```
 */
export function assertAuthenticated(principal: Principal | undefined, lang: Lang = 'fr'): asserts principal is Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED', accessMessage('unauthenticated', lang));
}
