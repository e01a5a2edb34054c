import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { departmentCode } from '../validation/primitives.ts';
import { DomainError, translate, type Lang } from '../validation/issues.ts';
import { withAccessTables, type ApiTokenRow } from './access.table.ts';
import { ROLES, type Principal, type Role } from './access.ts';

/** A stored token as listed (never with its secret). */
export interface ApiToken {
  readonly id: string;
  readonly label: string;
  readonly role: Role;
  readonly departments: readonly string[];
  readonly indicatorIds: readonly string[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** What {@link createToken} needs. */
export interface NewToken {
  readonly label: string;
  readonly role: Role;
  readonly departments: readonly string[];
  readonly indicatorIds?: readonly string[];
}

const TOKEN_PREFIX = 'sosms_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An indicator id as stored (UUID), also accepted as the GraphQL global id the API shows (`Indicator:<uuid>` in base64). */
function fromGlobalId(id: string): string {
  const trimmed = id.trim();
  if (UUID.test(trimmed)) return trimmed;
  const decoded = Buffer.from(trimmed, 'base64').toString('utf8');
  return decoded.startsWith('Indicator:') ? decoded.slice('Indicator:'.length) : trimmed;
}

/**
 * The SHA-256 hash (hex) under which a token's secret is stored.
 *
 * ### Examples
 * ```ts
 * hashToken('sosms_abc').length; // 64
 * ```
 */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    label: row.label,
    role: row.role as Role,
    departments: row.departments,
    indicatorIds: row.indicators,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}

/**
 * Create a token: 32 random bytes, returned once as `secret`; only its hash is stored.
 * Throws `DomainError('VALIDATION')` for an unknown role, a bad département code, no département,
 * a contributor without indicators, or an indicator that is unknown or outside the token's départements
 * (indicators are given by id or by GraphQL global id).
 *
 * ### Examples
 * ```ts
 * const { secret, token } = await createToken(db, { label: 'Équipe schéma 92', role: 'editor', departments: ['92'] });
 * // give `secret` to the team: it is not shown again
 * ```
 */
export async function createToken(db: Kysely<Database>, input: NewToken, lang: Lang = 'fr'): Promise<{ secret: string; token: ApiToken }> {
  const issues: { path: string; code: string; message: string }[] = [];
  if (!input.label.trim()) issues.push({ path: 'label', code: 'too_small', message: lang === 'fr' ? 'libellé obligatoire' : 'label required' });
  if (!(ROLES as readonly string[]).includes(input.role)) {
    issues.push({ path: 'role', code: 'invalid_value', message: lang === 'fr' ? 'rôle attendu : editor ou contributor' : 'role expected: editor or contributor' });
  }
  if (input.departments.length === 0) {
    issues.push({ path: 'departments', code: 'too_small', message: lang === 'fr' ? 'au moins un département' : 'at least one département' });
  }
  input.departments.forEach((d, i) => {
    if (!departmentCode.safeParse(d).success) {
      issues.push({ path: `departments[${i}]`, code: 'department_code', message: lang === 'fr' ? 'code de département INSEE invalide (ex. 92, 2A, 974)' : 'invalid INSEE département code (e.g. 92, 2A, 974)' });
    }
  });
  const indicatorIds = (input.indicatorIds ?? []).map(fromGlobalId);
  if (input.role === 'contributor' && indicatorIds.length === 0) {
    issues.push({ path: 'indicators', code: 'too_small', message: lang === 'fr' ? 'un jeton contributor nomme au moins un indicateur' : 'a contributor token names at least one indicator' });
  }
  if (indicatorIds.length > 0 && issues.length === 0) {
    const valid = indicatorIds.filter((id) => UUID.test(id));
    const found = valid.length
      ? await db
          .selectFrom('indicator')
          .innerJoin('scheme', 'scheme.id', 'indicator.scheme_id')
          .select(['indicator.id', 'scheme.departments'])
          .where('indicator.id', 'in', valid)
          .execute()
      : [];
    indicatorIds.forEach((id, i) => {
      const indicator = found.find((f) => f.id === id);
      if (!indicator) {
        issues.push({ path: `indicators[${i}]`, code: 'unknown_indicator', message: `${translate('unknown_indicator', lang)} : ${id}` });
      } else if (!indicator.departments.some((d) => input.departments.includes(d))) {
        issues.push({
          path: `indicators[${i}]`,
          code: 'wrong_department',
          message: lang === 'fr' ? "l'indicateur n'appartient pas aux départements du jeton" : "the indicator does not belong to the token's départements",
        });
      }
    });
  }
  if (issues.length > 0) {
    throw new DomainError('VALIDATION', lang === 'fr' ? 'Jeton invalide' : 'Invalid token', issues);
  }
  const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row = await withAccessTables(db)
    .insertInto('api_token')
    .values({
      id: randomUUID(),
      label: input.label.trim(),
      hash: hashToken(secret),
      role: input.role,
      departments: [...input.departments],
      indicators: [...indicatorIds],
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { secret, token: toApiToken(row) };
}

/**
 * Revoke a token by id; a revoked token authenticates nothing. Throws NOT_FOUND for an unknown id.
 *
 * ### Examples
 * ```ts
 * await revokeToken(db, token.id);
 * ```
 */
export async function revokeToken(db: Kysely<Database>, id: string, lang: Lang = 'fr'): Promise<ApiToken> {
  const isUuid = UUID.test(id);
  const row = isUuid
    ? await withAccessTables(db)
        .updateTable('api_token')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError('NOT_FOUND', lang === 'fr' ? `Jeton inconnu : ${id}` : `Unknown token: ${id}`);
  return toApiToken(row);
}

/**
 * Every token, newest first, without secrets.
 *
 * ### Examples
 * ```ts
 * for (const t of await listTokens(db)) console.log(t.id, t.label, t.role, t.departments.join(','));
 * ```
 */
export async function listTokens(db: Kysely<Database>): Promise<ApiToken[]> {
  const rows = await withAccessTables(db).selectFrom('api_token').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toApiToken);
}

/**
 * The principal behind a secret, or undefined when the secret is unknown or revoked (one statement).
 *
 * ### Examples
 * ```ts
 * const principal = await authenticateToken(db, header.replace(/^Bearer /, ''));
 * ```
 */
export async function authenticateToken(db: Kysely<Database>, secret: string): Promise<Principal | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await withAccessTables(db)
    .selectFrom('api_token')
    .selectAll()
    .where('hash', '=', hashToken(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const schemeIds = row.indicators.length
    ? (await db.selectFrom('indicator').select('scheme_id').distinct().where('id', 'in', row.indicators).execute()).map((r) => r.scheme_id)
    : [];
  return { tokenId: row.id, label: row.label, role: row.role, departments: row.departments, indicatorIds: row.indicators, schemeIds };
}
