import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { DomainError, type Lang } from '../validation/issues.ts';
import { formatInstant } from '../rules/dates.ts';
import { ROLES, type Role } from './access.ts';
import { createToken, DEFAULT_TOKEN_DAYS, listTokens, revokeToken, rotateToken } from './token.repository.ts';

/** Where a command writes: a stream (`process.stdout`) or a function taking text. */
export type TokenCommandOutput = { write(chunk: string): unknown } | ((text: string) => void);

/** Input/output of {@link runTokenCommand}, as the CLI passes them (tests pass collectors). */
export interface TokenCommandIo {
  readonly stdout: TokenCommandOutput;
  readonly stderr: TokenCommandOutput;
  readonly lang?: Lang;
}

function writer(out: TokenCommandOutput): (line: string) => void {
  return typeof out === 'function' ? (line) => out(`${line}\n`) : (line) => void out.write(`${line}\n`);
}

const USAGE = {
  fr: [
    'Usage :',
    '  sosms token create --departments 92,78 --role editor|contributor --label "…" [--indicators id1,id2] [--expires AAAA-MM-JJ]',
    '  sosms token rotate ID [--expires AAAA-MM-JJ]',
    '  sosms token revoke ID',
    '  sosms token list',
    'Le secret du jeton est affiché une seule fois ; seule son empreinte SHA-256 est conservée.',
    `Un jeton expire à la fin du jour --expires (UTC), par défaut ${DEFAULT_TOKEN_DAYS} jours après sa création, au plus trois ans.`,
    'rotate : nouveau secret (mêmes droits), l’ancien est révoqué immédiatement.',
  ],
  en: [
    'Usage:',
    '  sosms token create --departments 92,78 --role editor|contributor --label "…" [--indicators id1,id2] [--expires YYYY-MM-DD]',
    '  sosms token rotate ID [--expires YYYY-MM-DD]',
    '  sosms token revoke ID',
    '  sosms token list',
    'The token secret is shown once; only its SHA-256 hash is stored.',
    `A token expires at the end of the --expires day (UTC), by default ${DEFAULT_TOKEN_DAYS} days after its creation, at most three years.`,
    'rotate: a new secret (same rights); the old one is revoked at once.',
  ],
} as const;

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/**
 * Run `token create|rotate|revoke|list` against an open store; returns the exit code
 * (0 success, 1 refused input, 2 usage error).
 *
 * ### Examples
 * ```ts
 * const code = await runTokenCommand(['create', '--departments', '92,78', '--role', 'editor', '--label', 'Équipe schéma'], { stdout: process.stdout, stderr: process.stderr }, store.db);
 * ```
 */
export async function runTokenCommand(args: readonly string[], io: TokenCommandIo, db: Kysely<Database>): Promise<number> {
  const out = writer(io.stdout);
  const err = writer(io.stderr);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        departments: { type: 'string' },
        role: { type: 'string' },
        label: { type: 'string' },
        indicators: { type: 'string' },
        expires: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const lang = io.lang ?? 'fr';
    err(String((error as Error).message));
    for (const line of USAGE[lang]) err(line);
    return 2;
  }
  const lang: Lang = parsed.values.lang === 'en' ? 'en' : parsed.values.lang === 'fr' ? 'fr' : (io.lang ?? 'fr');
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    for (const line of USAGE[lang]) (parsed.values.help ? out : err)(line);
    return parsed.values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'create': {
        const role = parsed.values.role ?? '';
        if (!parsed.values.label || !parsed.values.departments || !role) {
          err(lang === 'fr' ? 'Options obligatoires : --departments, --role, --label' : 'Required options: --departments, --role, --label');
          for (const line of USAGE[lang]) err(line);
          return 2;
        }
        if (!(ROLES as readonly string[]).includes(role)) {
          err(lang === 'fr' ? `Rôle inconnu : ${role} (editor ou contributor)` : `Unknown role: ${role} (editor or contributor)`);
          return 2;
        }
        const { secret, token } = await createToken(
          db,
          { label: parsed.values.label, role: role as Role, departments: list(parsed.values.departments), indicatorIds: list(parsed.values.indicators), expires: parsed.values.expires },
          lang,
        );
        out(lang === 'fr' ? `Jeton créé : ${token.id} (${token.role}, départements ${token.departments.join(', ')})` : `Token created: ${token.id} (${token.role}, départements ${token.departments.join(', ')})`);
        out(lang === 'fr' ? `Expire le ${formatInstant(token.expiresAt, lang)}` : `Expires on ${formatInstant(token.expiresAt, lang)}`);
        out(lang === 'fr' ? 'Secret (affiché une seule fois, à conserver) :' : 'Secret (shown once, keep it safe):');
        out(secret);
        return 0;
      }
      case 'rotate': {
        const id = rest[0];
        if (!id) {
          for (const line of USAGE[lang]) err(line);
          return 2;
        }
        const { secret, token, replaced } = await rotateToken(db, id, { expires: parsed.values.expires }, lang);
        out(lang === 'fr' ? `Jeton renouvelé : ${token.id} remplace ${replaced.id} (${token.label}), révoqué dès maintenant` : `Token rotated: ${token.id} replaces ${replaced.id} (${token.label}), revoked from now on`);
        out(lang === 'fr' ? `Expire le ${formatInstant(token.expiresAt, lang)}` : `Expires on ${formatInstant(token.expiresAt, lang)}`);
        out(lang === 'fr' ? 'Nouveau secret (affiché une seule fois, à conserver) :' : 'New secret (shown once, keep it safe):');
        out(secret);
        return 0;
      }
      case 'revoke': {
        const id = rest[0];
        if (!id) {
          for (const line of USAGE[lang]) err(line);
          return 2;
        }
        const token = await revokeToken(db, id, lang);
        out(lang === 'fr' ? `Jeton révoqué : ${token.id} (${token.label})` : `Token revoked: ${token.id} (${token.label})`);
        return 0;
      }
      case 'list': {
        const tokens = await listTokens(db);
        if (tokens.length === 0) out(lang === 'fr' ? 'Aucun jeton.' : 'No tokens.');
        for (const t of tokens) {
          const expired = !t.revokedAt && Date.parse(t.expiresAt) <= Date.now();
          const state = t.revokedAt
            ? lang === 'fr' ? `révoqué le ${t.revokedAt}` : `revoked on ${t.revokedAt}`
            : expired
              ? lang === 'fr' ? `expiré le ${t.expiresAt}` : `expired on ${t.expiresAt}`
              : lang === 'fr' ? `actif jusqu'au ${t.expiresAt}` : `active until ${t.expiresAt}`;
          const used = t.lastUsedAt ? (lang === 'fr' ? `utilisé le ${t.lastUsedAt}` : `used on ${t.lastUsedAt}`) : lang === 'fr' ? 'jamais utilisé' : 'never used';
          const indicators = t.indicatorIds.length > 0 ? `\t${t.indicatorIds.join(',')}` : '';
          out(`${t.id}\t${t.role}\t${t.departments.join(',')}\t${t.label}\t${state}\t${used}${indicators}`);
        }
        return 0;
      }
      default:
        err(lang === 'fr' ? `Commande inconnue : token ${command}` : `Unknown command: token ${command}`);
        for (const line of USAGE[lang]) err(line);
        return 2;
    }
  } catch (error) {
    if (error instanceof DomainError) {
      err(error.message);
      for (const issue of error.issues) err(`  ${issue.path} : ${issue.message}`);
      return 1;
    }
    throw error;
  }
}
