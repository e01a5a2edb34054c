import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { departmentCode } from '../validation/primitives.ts';
import { DomainError, translate, type Lang } from '../validation/issues.ts';
import { withAccessTables, type ApiTokenRow } from './access.table.ts';
import { operator, ROLES, type Principal, type Role } from './access.ts';
import { runCommand } from './command.ts';

/** A stored token as listed (never with its secret). */
export interface ApiToken {
  readonly id: string;
  readonly label: string;
  readonly role: Role;
  readonly departments: readonly string[];
  readonly indicatorIds: readonly string[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** When it stops authenticating (ISO instant). */
  readonly expiresAt: string;
  /** The last request it authenticated (written at most once a minute), null if never used. */
  readonly lastUsedAt: string | null;
  /** The token it replaced by rotation, if any. */
  readonly rotatedFrom: string | null;
}

/** What {@link createToken} needs. */
export interface NewToken {
  readonly label: string;
  readonly role: Role;
  readonly departments: readonly string[];
  readonly indicatorIds?: readonly string[];
  /**
   * Last day of validity, `YYYY-MM-DD` (the token stops at the end of that day, UTC), at most
   * {@link MAX_TOKEN_DAYS} days ahead; {@link DEFAULT_TOKEN_DAYS} days from now when absent.
   */
  readonly expires?: string;
}

/** A token's lifetime when `--expires` is not given: one year. */
export const DEFAULT_TOKEN_DAYS = 365;
/** The longest lifetime a token may be given: three years. */
export const MAX_TOKEN_DAYS = 3 * 365 + 1;
/** `last_used_at` is written at most this often per token (and per gateway process). */
export const LAST_USED_PRECISION_MS = 60_000;

const DAY_MS = 86_400_000;

/**
 * The instant a token given `expires` (`YYYY-MM-DD`, its last valid day) stops authenticating: the end of
 * that day (UTC). Without `expires`, {@link DEFAULT_TOKEN_DAYS} days from `now`. Returns an issue instead
 * for a malformed date, a day already over, or one more than {@link MAX_TOKEN_DAYS} days ahead.
 *
 * ### Examples
 * ```ts
 * tokenExpiry('2027-06-30', 'fr', new Date('2026-12-01')); // { at: 2027-07-01T00:00:00.000Z }
 * tokenExpiry('2020-01-01', 'fr').issue?.message; // 'date d'expiration déjà passée : 2020-01-01'
 * ```
 */
export function tokenExpiry(expires: string | undefined, lang: Lang = 'fr', now = new Date()): { at: Date; issue?: undefined } | { at?: undefined; issue: { path: string; code: string; message: string } } {
  if (expires === undefined || expires.trim() === '') return { at: new Date(now.getTime() + DEFAULT_TOKEN_DAYS * DAY_MS) };
  const text = expires.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!match || !day || day.toISOString().slice(0, 10) !== text) {
    return { issue: { path: 'expires', code: 'invalid_date', message: lang === 'fr' ? `date d'expiration attendue au format AAAA-MM-JJ : ${text.slice(0, 40)}` : `expiry date expected as YYYY-MM-DD: ${text.slice(0, 40)}` } };
  }
  const at = new Date(day.getTime() + DAY_MS);
  if (at.getTime() <= now.getTime()) {
    return { issue: { path: 'expires', code: 'too_small', message: lang === 'fr' ? `date d'expiration déjà passée : ${text}` : `expiry date already past: ${text}` } };
  }
  if (at.getTime() - now.getTime() > MAX_TOKEN_DAYS * DAY_MS) {
    return { issue: { path: 'expires', code: 'too_big', message: lang === 'fr' ? `date d'expiration à plus de trois ans : ${text}` : `expiry date more than three years ahead: ${text}` } };
  }
  return { at };
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
    expiresAt: new Date(row.expires_at).toISOString(),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
    rotatedFrom: row.rotated_from,
  };
}

const newSecret = () => TOKEN_PREFIX + randomBytes(32).toString('base64url');


/**
 * Create a token: 32 random bytes, returned once as `secret`; only its hash is stored. It expires at the
 * end of `input.expires` (default {@link DEFAULT_TOKEN_DAYS} days). A command (`token:create`, reserved
 * to the operator): audited, with the token (never its secret nor its hash) as the row after.
 * Throws `DomainError('VALIDATION')` for an unknown role, a bad département code, no département,
 * a contributor without indicators, an indicator that is unknown or outside the token's départements
 * (indicators are given by id or by GraphQL global id), or a bad expiry date.
 *
 * ### Examples
 * ```ts
 * const { secret, token } = await createToken(db, { label: 'Équipe schéma 92', role: 'editor', departments: ['92'], expires: '2027-06-30' });
 * // give `secret` to the team: it is not shown again
 * ```
 */
export async function createToken(
  db: Kysely<Database>,
  input: NewToken,
  lang: Lang = 'fr',
  by: Principal = operator('sosms token'),
): Promise<{ secret: string; token: ApiToken }> {
  return runCommand(db, { principal: by, lang }, 'token:create', async ({ trx }) => {
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
    const expiry = tokenExpiry(input.expires, lang);
    if (expiry.issue) issues.push(expiry.issue);
    const indicatorIds = (input.indicatorIds ?? []).map(fromGlobalId);
    if (input.role === 'contributor' && indicatorIds.length === 0) {
      issues.push({ path: 'indicators', code: 'too_small', message: lang === 'fr' ? 'un jeton contributor nomme au moins un indicateur' : 'a contributor token names at least one indicator' });
    }
    if (indicatorIds.length > 0 && issues.length === 0) {
      const valid = indicatorIds.filter((id) => UUID.test(id));
      const found = valid.length
        ? await trx
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
    if (issues.length > 0 || !expiry.at) {
      throw new DomainError('VALIDATION', lang === 'fr' ? 'Jeton invalide' : 'Invalid token', issues);
    }
    const secret = newSecret();
    const row = await withAccessTables(trx)
      .insertInto('api_token')
      .values({
        id: randomUUID(),
        label: input.label.trim(),
        hash: hashToken(secret),
        role: input.role,
        departments: [...input.departments],
        indicators: [...indicatorIds],
        expires_at: expiry.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const token = toApiToken(row);
    return { value: { secret, token }, entityId: token.id, before: null, after: token };
  });
}

/** The token row of `id` locked for update, or NOT_FOUND. */
async function lockToken(trx: Kysely<Database>, id: string, lang: Lang): Promise<ApiTokenRow> {
  const row = UUID.test(id) ? await withAccessTables(trx).selectFrom('api_token').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() : undefined;
  if (!row) throw new DomainError('NOT_FOUND', lang === 'fr' ? `Jeton inconnu : ${id.slice(0, 80)}` : `Unknown token: ${id.slice(0, 80)}`);
  return row;
}

/**
 * Revoke a token by id: from the next request on, on every gateway process (each request reads the token
 * from the database), it authenticates nothing. Revoking a revoked token keeps its first revocation date.
 * A command (`token:revoke`, operator only), audited. Throws NOT_FOUND for an unknown id.
 *
 * ### Examples
 * ```ts
 * await revokeToken(db, token.id);
 * ```
 */
export async function revokeToken(db: Kysely<Database>, id: string, lang: Lang = 'fr', by: Principal = operator('sosms token')): Promise<ApiToken> {
  return runCommand(db, { principal: by, lang }, 'token:revoke', async ({ trx }) => {
    const before = toApiToken(await lockToken(trx, id.trim(), lang));
    const row = await withAccessTables(trx)
      .updateTable('api_token')
      .set({ revoked_at: before.revokedAt ? new Date(before.revokedAt) : new Date() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toApiToken(row);
    return { value: after, entityId: after.id, before, after };
  });
}

/**
 * Rotate a token: a new secret with the same label, role, départements and indicators (returned once),
 * and the old token revoked in the same transaction, so that the old secret fails from the next request
 * on. The new token expires at the end of `options.expires`, else {@link DEFAULT_TOKEN_DAYS} days from now.
 * A command (`token:rotate`, operator only), audited with the old token before and the new one after.
 * Throws NOT_FOUND for an unknown id, VALIDATION for a revoked token or a bad expiry date.
 *
 * ### Examples
 * ```ts
 * const { secret, token, replaced } = await rotateToken(db, old.id);
 * replaced.revokedAt !== null; // true
 * ```
 */
export async function rotateToken(
  db: Kysely<Database>,
  id: string,
  options: { readonly expires?: string } = {},
  lang: Lang = 'fr',
  by: Principal = operator('sosms token'),
): Promise<{ secret: string; token: ApiToken; replaced: ApiToken }> {
  return runCommand(db, { principal: by, lang }, 'token:rotate', async ({ trx }) => {
    const old = await lockToken(trx, id.trim(), lang);
    const expiry = tokenExpiry(options.expires, lang);
    const issues = expiry.issue ? [expiry.issue] : [];
    if (old.revoked_at) {
      issues.push({ path: 'id', code: 'revoked', message: lang === 'fr' ? 'jeton déjà révoqué : créez-en un nouveau' : 'token already revoked: create a new one' });
    }
    if (issues.length > 0 || !expiry.at) throw new DomainError('VALIDATION', lang === 'fr' ? 'Renouvellement du jeton impossible' : 'Token cannot be rotated', issues);
    const now = new Date();
    const replaced = toApiToken(
      await withAccessTables(trx).updateTable('api_token').set({ revoked_at: now }).where('id', '=', old.id).returningAll().executeTakeFirstOrThrow(),
    );
    const secret = newSecret();
    const row = await withAccessTables(trx)
      .insertInto('api_token')
      .values({
        id: randomUUID(),
        label: old.label,
        hash: hashToken(secret),
        role: old.role,
        departments: [...old.departments],
        indicators: [...old.indicators],
        expires_at: expiry.at,
        rotated_from: old.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const token = toApiToken(row);
    return { value: { secret, token, replaced }, entityId: token.id, before: toApiToken(old), after: { token, replaced } };
  });
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

/** When this process last wrote `last_used_at` of each token (ids of valid tokens only: bounded by the table). */
const lastTouched = new Map<string, number>();

/**
 * The principal behind a secret, or undefined when the secret is unknown, revoked or expired. Read from
 * the database on every call (no cache), so that a revocation or a rotation holds at once on every
 * gateway process. The row is found by the SHA-256 hash of the secret (a lookup whose timing depends on
 * the hash only, which no caller can steer towards a valid secret), then the hashes are compared with
 * `crypto.timingSafeEqual`. `last_used_at` is written at most once a minute per token.
 *
 * ### Examples
 * ```ts
 * const principal = await authenticateToken(db, header.replace(/^Bearer /, ''));
 * ```
 */
export async function authenticateToken(db: Kysely<Database>, secret: string, now = Date.now()): Promise<Principal | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return undefined;
  const hash = hashToken(secret);
  const row = await withAccessTables(db)
    .selectFrom('api_token')
    .selectAll()
    .where('hash', '=', hash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date(now))
    .executeTakeFirst();
  if (!row || row.hash.length !== hash.length || !timingSafeEqual(Buffer.from(row.hash, 'utf8'), Buffer.from(hash, 'utf8'))) return undefined;
  const touched = lastTouched.get(row.id);
  const lastUsed = row.last_used_at ? new Date(row.last_used_at).getTime() : undefined;
  if ((lastUsed === undefined || now - lastUsed >= LAST_USED_PRECISION_MS) && (touched === undefined || now - touched >= LAST_USED_PRECISION_MS)) {
    if (lastTouched.size >= 10_000) lastTouched.clear();
    lastTouched.set(row.id, now);
    // Another process may have written it meanwhile: the condition keeps one write a minute in all.
    await withAccessTables(db)
      .updateTable('api_token')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', new Date(now - LAST_USED_PRECISION_MS))]))
      .execute();
  }
  const schemeIds = row.indicators.length
    ? (await db.selectFrom('indicator').select('scheme_id').distinct().where('id', 'in', row.indicators).execute()).map((r) => r.scheme_id)
    : [];
  return { tokenId: row.id, label: row.label, role: row.role, departments: row.departments, indicatorIds: row.indicators, schemeIds };
}
