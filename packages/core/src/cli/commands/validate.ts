import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../database/store.ts';
import { StoreError } from '../../database/lock.ts';
import { parseSchemeFile } from '../../scheme-file/read-file.ts';
import { validateSchemeFile } from '../../scheme-file/validate.ts';
import { isKnownTerritory } from '../../territory/geography.ts';
import type { ValidationIssue } from '../../validation/issues.ts';
import { EXIT, UsageError, type Context } from '../context.ts';
import { describe, printIssues } from '../messages.ts';
import { declaredPartners, knownPartnerCodes, knownSchemes } from './import.ts';

/**
 * Open the database for `validate` when one is there to check against: the gateway's (through it), an existing
 * PGlite folder, a reachable PostgreSQL. A folder that does not exist yet is not created: the file is then
 * checked alone.
 */
async function storeForValidation(ctx: Context): Promise<{ store?: Store; where: string }> {
  const location = ctx.location;
  if (ctx.io.store) return { store: await ctx.openStore(), where: ctx.fr ? 'la base de la passerelle' : "the gateway's database" };
  if (location.kind === 'memory') return { where: '' };
  if (location.kind === 'folder' && !existsSync(join(location.path, 'PG_VERSION'))) return { where: '' };
  try {
    const where = location.kind === 'folder' ? (ctx.fr ? `la base ${location.path}` : `the database ${location.path}`) : ctx.fr ? 'la base PostgreSQL' : 'the PostgreSQL database';
    return { store: await ctx.openStore(), where };
  } catch (error) {
    if (!(error instanceof StoreError) || error.reason !== 'unreachable') throw error;
    ctx.err(error.in(ctx.lang));
    return { where: '' };
  }
}

/**
 * `validate FILE…`: every check of `import`, writing nothing. `--json` prints
 * `{ ok, database, files: [{ file, ok, scheme, issues }] }` (`database` null when the file was checked alone).
 */
export async function validateCommand(ctx: Context, files: readonly string[]): Promise<number> {
  if (files.length === 0) throw new UsageError(ctx.fr ? 'validate : indiquez au moins un fichier' : 'validate: give at least one file');
  // The same checks as `import`: against the partners of the database when there is one, and of every file given.
  const { store, where } = await storeForValidation(ctx);
  try {
    const partners = store ? await knownPartnerCodes(store) : new Set<string>();
    const parsed: { file: string; result: Awaited<ReturnType<typeof parseSchemeFile>> }[] = [];
    for (const file of files) parsed.push({ file, result: await parseSchemeFile(ctx.path(file), ctx.lang) });
    for (const { result } of parsed) if (result.ok) for (const code of declaredPartners(result.data)) partners.add(code);
    // With a database, the schemes too, as the import checks them: predecessors stored (or given here), no step back.
    const schemes = store ? await knownSchemes(store, parsed) : {};
    ctx.err(
      store
        ? ctx.fr ? `Vérification avec ${where} (partenaires et schémas existants) et les territoires officiels.` : `Checking against ${where} (existing partners and schemes) and the official territories.`
        : ctx.fr ? 'Vérification du fichier seul (pas de base à consulter) : les partenaires doivent être déclarés dans les fichiers donnés.' : 'Checking the file alone (no database to consult): partners must be declared in the files given.',
    );
    let failed = false;
    const reports: { file: string; ok: boolean; scheme?: string; issues?: readonly ValidationIssue[] }[] = [];
    for (const { file, result } of parsed) {
      const valid = result.ok ? validateSchemeFile(result.data, ctx.lang, { partners, isOfficialTerritory: isKnownTerritory, ...schemes }) : result;
      if (valid.ok) {
        reports.push({ file, ok: true, scheme: valid.data.scheme.code });
        if (!ctx.json) ctx.out(ctx.fr ? `✓ ${file} : schéma ${valid.data.scheme.code} valide (${describe(ctx, valid.data)})` : `✓ ${file}: scheme ${valid.data.scheme.code} is valid (${describe(ctx, valid.data)})`);
      } else {
        failed = true;
        reports.push({ file, ok: false, issues: valid.issues });
        printIssues(ctx, `✗ ${file}`, valid.issues);
      }
    }
    if (ctx.json) ctx.out(JSON.stringify({ ok: !failed, database: store ? where : null, files: reports }));
    return failed ? EXIT.invalid : EXIT.ok;
  } finally {
    await store?.close();
  }
}
