import { DomainError, type Lang } from '../validation/issues.ts';

/**
 * Roles of an API token: an `editor` writes everything in its départements' schemes; a `contributor`
 * only records measurements of the indicators named on its token.
 */
export const ROLES = ['editor', 'contributor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the token behind a request (never its secret). */
export interface Principal {
  readonly tokenId: string;
  readonly label: string;
  readonly role: Role;
  readonly departments: readonly string[];
  /** Indicator ids a contributor may record measurements for (empty for editors). */
  readonly indicatorIds: readonly string[];
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
  editor_only: {
    fr: 'Cette opération est réservée aux jetons « editor »',
    en: 'This operation is reserved for "editor" tokens',
  },
  wrong_indicator: {
    fr: "Ce jeton ne permet pas d'enregistrer des mesures pour cet indicateur",
    en: 'This token cannot record measurements for this indicator',
  },
} as const;

/**
 * A French (or English) message of the access rules.
 *
 * ### Examples
 * ```ts
 * accessMessage('editor_only', 'en'); // 'This operation is reserved for "editor" tokens'
 * ```
 */
export function accessMessage(code: keyof typeof MESSAGES, lang: Lang = 'fr'): string {
  return MESSAGES[code][lang];
}

/**
 * Whether a principal covers at least one of the given départements (a scheme may belong to two).
 *
 * ### Examples
 * ```ts
 * coversDepartments({ departments: ['92'] } as Principal, ['92', '78']); // true
 * ```
 */
export function coversDepartments(principal: Principal | undefined, departments: readonly string[]): boolean {
  return principal !== undefined && departments.some((d) => principal.departments.includes(d));
}

/**
 * Refuse unless an editor token covers one of the scheme's départements.
 * Throws `DomainError` UNAUTHENTICATED without a token, FORBIDDEN otherwise.
 *
 * ### Examples
 * ```ts
 * assertCanEditScheme(principal, scheme.departments, 'fr');
 * ```
 */
export function assertCanEditScheme(principal: Principal | undefined, departments: readonly string[], lang: Lang = 'fr'): asserts principal is Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED', accessMessage('unauthenticated', lang));
  if (principal.role !== 'editor') throw new DomainError('FORBIDDEN', accessMessage('editor_only', lang));
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
