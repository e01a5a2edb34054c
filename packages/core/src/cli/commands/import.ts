import { inTransaction } from '../../shared/transaction.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import type { Store } from '../../database/store.ts';
import { listPartners } from '../../partner/partner.repository.ts';
import { storedSchemes, type ImportProgress } from '../../scheme-file/import.ts';
import { importSchemeFileCommand } from '../../scheme-file/import-command.ts';
import { parseSchemeFile } from '../../scheme-file/read-file.ts';
import type { SchemeFile } from '../../scheme-file/scheme-file.ts';
import { referencedPartnerCodes, validateSchemeFile, walkActions, walkIndicators, walkOrientations, type KnownCodes } from '../../scheme-file/validate.ts';
import { isKnownTerritory } from '../../territory/geography.ts';
import { schemePredecessors } from '../../scheme/scheme.ts';
import { DomainError, type ValidationIssue } from '../../validation/issues.ts';
import { EXIT, UsageError, type Context } from '../context.ts';
import { describeDatabaseError, isDatabaseError, plural, printIssues } from '../messages.ts';

/** Every partner code the database holds, so files may use partners declared by other schemes. */
export async function knownPartnerCodes(store: Store): Promise<Set<string>> {
  const codes = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await listPartners(store.db, {}, { limit: 500, offset });
    for (const p of page.items) codes.add(p.code);
    if (page.items.length < 500) return codes;
  }
}

/** Partner codes a parsed (not yet validated) file declares, so files of one import may use each other's. */
export function declaredPartners(data: unknown): string[] {
  const partners = (data as { partners?: unknown } | null)?.partners;
  if (!Array.isArray(partners)) return [];
  return partners.map((p) => (p as { code?: unknown } | null)?.code).filter((c): c is string => typeof c === 'string');
}

/**
 * The stored schemes the parsed files name (their own codes, their predecessors) and their statuses, with the
 * codes of the files themselves, which may be each other's predecessors.
 */
export async function knownSchemes(store: Store, parsed: readonly { result: { ok: boolean; data?: unknown } }[]): Promise<Pick<KnownCodes, 'schemes' | 'statuses'>> {
  const inputs = parsed.filter(({ result }) => result.ok).map(({ result }) => result.data);
  const stored = await storedSchemes(store.db, inputs);
  const schemes = new Set(stored.schemes);
  for (const input of inputs) {
    const code = (input as { scheme?: { code?: unknown } } | null)?.scheme?.code;
    if (typeof code === 'string') schemes.add(code);
  }
  return { schemes, statuses: stored.statuses };
}

/** How many items each import stage handles, from the file. */
function expectedItems(file: SchemeFile): Record<ImportProgress['stage'], number> {
  const indicators = [...walkIndicators(file)];
  return {
    partners: file.partners?.length ?? 0,
    scheme: 1 + (file.districts?.length ?? 0),
    orientations: [...walkOrientations(file.orientations)].length,
    actions: [...walkActions(file)].length,
    indicators: indicators.length,
    measurements: indicators.reduce((n, { indicator }) => n + (indicator.measurements?.length ?? 0), 0),
    governance: file.governingBodies?.length ?? 0,
    consultation: (file.phases?.length ?? 0) + (file.consultationEvents?.length ?? 0) + (file.proposals?.length ?? 0),
  };
}

/** One file's outcome, as `--json` prints it. */
interface ImportReport {
  readonly file: string;
  readonly ok: boolean;
  readonly scheme?: string;
  readonly counts?: { created: number; updated: number; unchanged: number; measurements: number };
  readonly issues?: readonly ValidationIssue[];
}

/**
 * `import FILE…`: every file read and checked (the same checks as `validate`, against the database), then all
 * written in one transaction, or none. `--json` prints `{ ok, files: [{ file, ok, scheme, counts | issues }] }`.
 */
export async function importCommand(ctx: Context, files: readonly string[]): Promise<number> {
  if (files.length === 0) throw new UsageError(ctx.fr ? 'import : indiquez au moins un fichier' : 'import: give at least one file');
  const reports: ImportReport[] = [];
  const refused = (): number => {
    ctx.err(ctx.fr ? 'Rien n’a été importé.' : 'Nothing was imported.');
    if (ctx.json) ctx.out(JSON.stringify({ ok: false, files: reports }));
    return EXIT.invalid;
  };
  // Every file is read and checked before any is written: one bad file writes nothing. A file that cannot be
  // read (missing, not UTF-8, not YAML) is refused before the store is even opened (a first open loads the demo).
  const parsed: { file: string; result: Awaited<ReturnType<typeof parseSchemeFile>> }[] = [];
  for (const file of files) parsed.push({ file, result: await parseSchemeFile(ctx.path(file), ctx.lang) });
  if (parsed.some(({ result }) => !result.ok)) {
    for (const { file, result } of parsed) {
      if (result.ok) continue;
      printIssues(ctx, `✗ ${file}`, result.issues);
      reports.push({ file, ok: false, issues: result.issues });
    }
    return refused();
  }
  const store = await ctx.openStore();
  try {
    const partners = await knownPartnerCodes(store);
    for (const { result } of parsed) if (result.ok) for (const code of declaredPartners(result.data)) partners.add(code);
    const schemes = await knownSchemes(store, parsed);
    const checked: { file: string; data: SchemeFile }[] = [];
    for (const { file, result } of parsed) {
      const valid = result.ok ? validateSchemeFile(result.data, ctx.lang, { partners, isOfficialTerritory: isKnownTerritory, ...schemes }) : result;
      if (valid.ok) {
        checked.push({ file, data: valid.data });
        reports.push({ file, ok: true, scheme: valid.data.scheme.code });
      } else {
        printIssues(ctx, `✗ ${file}`, valid.issues);
        reports.push({ file, ok: false, issues: valid.issues });
      }
    }
    if (checked.length < files.length) return refused();
    // One transaction for all the files: a failure in any of them writes none. Summaries once committed.
    let summaries: { file: string; line: string; counts: NonNullable<ImportReport['counts']> }[];
    try {
      summaries = await inTransaction(store.db, async (trx) => {
        const done: typeof summaries = [];
        for (const { file, data } of importOrder(checked)) done.push({ file, ...(await importOne(ctx, trx, data)) });
        return done;
      }, ctx.io.signal ? { signal: ctx.io.signal } : {});
    } catch (error) {
      if (ctx.io.signal?.aborted) {
        ctx.err(ctx.fr ? 'Import interrompu : rien n’a été importé.' : 'Import interrupted: nothing was imported.');
        return EXIT.invalid;
      }
      if (isDatabaseError(error)) {
        // A constraint validation did not foresee: said in a sentence with the files, never as SQL.
        const names = checked.map((c) => c.file).join(', ');
        ctx.err(
          ctx.fr
            ? `✗ ${names} : la base a refusé l’écriture (${describeDatabaseError(error, 'fr')}). Rien n’a été importé. Signalez ce cas : la validation aurait dû le voir.`
            : `✗ ${names}: the database refused the write (${describeDatabaseError(error, 'en')}). Nothing was imported. Please report it: validation should have caught it.`,
        );
        if (ctx.json) ctx.out(JSON.stringify({ ok: false, files: checked.map(({ file }) => ({ file, ok: false, issues: [{ path: '', code: 'database', message: describeDatabaseError(error, ctx.lang) }] })) }));
        return EXIT.invalid;
      }
      if (!(error instanceof DomainError)) throw error;
      printIssues(ctx, error.message, error.issues);
      return refused();
    }
    if (ctx.json) ctx.out(JSON.stringify({ ok: true, files: summaries.map(({ file, counts }) => ({ file, ok: true, scheme: reports.find((r) => r.file === file)?.scheme, counts })) }));
    else for (const { line } of summaries) ctx.out(line);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/**
 * The files in an order where each comes after the files declaring the partners it uses and the schemes it
 * continues (the import checks both against the database). On a cycle the remaining files keep their order;
 * the import then refuses.
 */
function importOrder<T extends { data: SchemeFile }>(files: readonly T[]): T[] {
  // What a file gives and needs, by key: the partners it declares and names, its scheme and its predecessors.
  const declaredBy = new Map<string, T[]>();
  const declare = (key: string, f: T) => declaredBy.set(key, [...(declaredBy.get(key) ?? []), f]);
  for (const f of files) {
    for (const p of f.data.partners ?? []) declare(`partner:${p.code}`, f);
    declare(`scheme:${f.data.scheme.code}`, f);
  }
  const needs = (f: T) => [...referencedPartnerCodes(f.data).map((code) => `partner:${code}`), ...schemePredecessors(f.data.scheme).map((code) => `scheme:${code}`)];
  const ordered: T[] = [];
  // A partner or a predecessor is there for a file when no file gives it (it is in the database), or the file
  // itself or a file already ordered does.
  const available = (f: T, key: string) => {
    const declaring = declaredBy.get(key);
    return !declaring || declaring.some((d) => d === f || ordered.includes(d));
  };
  let remaining = [...files];
  while (remaining.length) {
    const ready = remaining.filter((f) => needs(f).every((key) => available(f, key)));
    if (ready.length === 0) return [...ordered, ...remaining];
    ordered.push(...ready);
    remaining = remaining.filter((f) => !ready.includes(f));
  }
  return ordered;
}

/** Import one checked file in the caller's transaction, progress on stderr; returns the summary line and counts. */
async function importOne(ctx: Context, trx: Transaction<Database>, data: SchemeFile): Promise<{ line: string; counts: NonNullable<ImportReport['counts']> }> {
  const code = data.scheme.code;
  // The file tells how many items each stage has; the import reports each stage as it ends.
  const expected = expectedItems(data);
  const total = Object.values(expected).reduce((n, v) => n + v, 0);
  const done = new Map<ImportProgress['stage'], number>();
  // A core command: the operator's import, audited with the scheme as stored before and after.
  const result = await importSchemeFileCommand(trx, ctx.caller('sosms import'), data, {
    lang: ctx.lang,
    isOfficialTerritory: isKnownTerritory,
    onProgress: (progress) => {
      // A kill of the CLI (or its client leaving the gateway) stops the import here: the transaction rolls back.
      if (ctx.io.signal?.aborted) throw new Error('aborted');
      const size = expected[progress.stage];
      done.set(progress.stage, progress.total === 0 ? size : Math.round((progress.done / progress.total) * size));
      const sum = [...done.values()].reduce((n, v) => n + v, 0);
      ctx.err(ctx.fr ? `Import de ${code} : ${sum}/${total} éléments` : `Importing ${code}: ${sum}/${total} items`);
    },
  });
  ctx.err(ctx.fr ? `Import de ${code} : ${total}/${total} éléments` : `Importing ${code}: ${total}/${total} items`);
  const { created, updated, unchanged } = result.counts;
  const line = ctx.fr
    ? `✓ ${code} importé : ${created} créés, ${updated} mis à jour, ${unchanged} inchangés (${plural(result.measurements, 'nouvelle valeur', 'nouvelles valeurs')} d'indicateurs)`
    : `✓ ${code} imported: ${created} created, ${updated} updated, ${unchanged} unchanged (${plural(result.measurements, 'new indicator value', 'new indicator values')})`;
  return { line, counts: { created, updated, unchanged, measurements: result.measurements } };
}
