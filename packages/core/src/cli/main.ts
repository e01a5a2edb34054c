import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import type { Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import { createStore, type Store } from '../database/store.ts';
import { isLockLive, lockedText, OPERATOR_FILE, readLock, readOperatorSecret, StoreError, type LockInfo } from '../database/lock.ts';
import { locationString, resolveStoreLocation, type StoreLocation } from '../database/location.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import { writeOpenData } from '../open-data/open-data.ts';
import { listPartners } from '../partner/partner.repository.ts';
import { listSchemes } from '../scheme/scheme.repository.ts';
import { exportSchemeFile } from '../scheme-file/export.ts';
import { importSchemeFileInTransaction, type ImportProgress } from '../scheme-file/import.ts';
import { parseSchemeFile, readSchemeFile } from '../scheme-file/read-file.ts';
import type { SchemeFile } from '../scheme-file/scheme-file.ts';
import { referencedPartnerCodes, validateSchemeFile, walkActions, walkIndicators, walkOrientations } from '../scheme-file/validate.ts';
import { importSpreadsheet } from '../spreadsheet/import-sheet.ts';
import { spreadsheetTemplate } from '../spreadsheet/template.ts';
import { isKnownTerritory } from '../territory/geography.ts';
import { DomainError, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { reportCommand, ReportUsageError } from './commands/report.ts';

/** Where the command line writes and what it reads from its environment (tests pass collectors). */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Writes the static JSON the widgets read (`export CODE --widget-json`). The widgets package provides it;
   * the root `pnpm sosms` passes it in, so the core does not depend on the gateway or the widgets.
   */
  readonly widgetJson?: (db: Store['db'], schemeCode: string, lang: Lang) => Promise<unknown>;
  /** Directory relative file names are resolved against (default: `INIT_CWD` set by pnpm, else the process's). */
  readonly cwd?: string;
  /**
   * A store already open in this process: the gateway that holds a PGlite folder runs the commands the CLI
   * sends it on its own store (operator route). Without it, the CLI opens the store its options name.
   */
  readonly store?: { readonly db: Store['db']; readonly via: 'gateway' };
}

/** The gateway route the CLI sends its commands to while a gateway holds the PGlite folder. */
export const OPERATOR_PATH = '/operator/cli';

/** Exit codes: success, refused input (errors listed), usage error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;


const HELP = {
  fr: `sosms — schémas départementaux des solidarités en ligne de commande

Usage : pnpm sosms <commande> [options]

Commandes :
  validate FICHIER…                       vérifie des fichiers de schéma (YAML ou JSON) sans rien écrire
  import FICHIER…                         importe des fichiers de schéma (créés ou mis à jour par leurs codes)
  export CODE [--format yaml|json] [--output FICHIER]
                                          exporte un schéma en fichier (sortie standard par défaut)
  export CODE --widget-json [--output FICHIER]
                                          écrit le JSON statique que lisent les widgets (attribut src)
  export --open-data DOSSIER              écrit les CSV open data (indicateurs-<dép>.csv, actions-<dép>.csv)
  list                                    liste les schémas de la base
  template [--output FICHIER]             écrit le modèle de tableur XLSX (feuilles « Actions » et « Mesures »)
  import-sheet FICHIER --scheme CODE      importe des actions ou des mesures depuis un XLSX ou un CSV
  token create|revoke|list                gère les jetons d'accès à l'API GraphQL
  report CODE --kind copil|annual|final|public --format html|pdf [--date AAAA-MM-JJ] --output FICHIER
                                          écrit un rapport (revue de COPIL, bilan annuel, évaluation finale,
                                          version publique) ; --token (ou SOSMS_TOKEN) pour un brouillon

Options :
  --database URL     la base : une URL postgres://…, ou un dossier PGlite (absolu, ou relatif au
                     dossier courant) ; sinon DATABASE_URL ; sinon .data/sosms à la racine du dépôt,
                     la base que sert aussi « npm start ». Si une passerelle tient ce dossier, les
                     commandes passent par elle (clé d’opérateur du dossier, lisible par vous seul).
  --lang fr|en       langue des messages (français par défaut)
  -h, --help         affiche cette aide

Codes de sortie : 0 succès, 1 données refusées (erreurs listées), 2 erreur d'utilisation.
`,
  en: `sosms — departmental solidarity schemes on the command line

Usage: pnpm sosms <command> [options]

Commands:
  validate FILE…                          check scheme files (YAML or JSON) without writing anything
  import FILE…                            import scheme files (created or updated by their codes)
  export CODE [--format yaml|json] [--output FILE]
                                          export a scheme as a file (standard output by default)
  export CODE --widget-json [--output FILE]
                                          write the static JSON the widgets read (src attribute)
  export --open-data DIR                  write the open-data CSV files (indicateurs-<dep>.csv, actions-<dep>.csv)
  list                                    list the schemes in the database
  template [--output FILE]                write the XLSX spreadsheet template ("Actions" and "Mesures" sheets)
  import-sheet FILE --scheme CODE         import actions or measurements from an XLSX or CSV file
  token create|revoke|list                manage GraphQL API access tokens
  report CODE --kind copil|annual|final|public --format html|pdf [--date YYYY-MM-DD] --output FILE
                                          write a report (COPIL review, annual report, final evaluation,
                                          public version); --token (or SOSMS_TOKEN) for a draft

Options:
  --database URL     the database: a postgres://… URL, or a PGlite folder (absolute, or relative to
                     the current directory); else DATABASE_URL; else .data/sosms at the repository
                     root, the database "npm start" serves too. When a gateway holds that folder,
                     commands go through it (the folder's operator key, readable by you only).
  --lang fr|en       language of messages (French by default)
  -h, --help         show this help

Exit codes: 0 success, 1 refused input (errors listed), 2 usage error.
`,
} as const;

const OPTIONS = {
  database: { type: 'string' },
  lang: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'open-data': { type: 'string' },
  scheme: { type: 'string' },
  'widget-json': { type: 'boolean' },
  kind: { type: 'string' },
  date: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMMANDS = ['validate', 'import', 'export', 'list', 'template', 'import-sheet', 'token', 'report'] as const;
type Command = (typeof COMMANDS)[number];

class UsageError extends Error {}

/** A small context every command receives. */
interface Context {
  readonly lang: Lang;
  readonly io: CliIo;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly path: (file: string) => string;
  readonly openStore: () => Promise<Store>;
  readonly location: StoreLocation;
  readonly fr: boolean;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function printIssues(ctx: Context, title: string, issues: readonly ValidationIssue[]): void {
  const colon = ctx.fr ? ' :' : ':';
  ctx.err(`${title}${colon} ${plural(issues.length, ctx.fr ? 'erreur' : 'error', ctx.fr ? 'erreurs' : 'errors')}`);
  for (const issue of issues) ctx.err(issue.path ? `  - ${issue.path}${colon} ${issue.message}` : `  - ${issue.message}`);
}

function describe(ctx: Context, file: SchemeFile): string {
  const orientations = [...walkOrientations(file.orientations)].length;
  const actions = [...walkActions(file)].length;
  const indicators = [...walkIndicators(file)].length;
  return ctx.fr
    ? `${plural(orientations, 'orientation', 'orientations')}, ${plural(actions, 'action', 'actions')}, ${plural(indicators, 'indicateur', 'indicateurs')}`
    : `${plural(orientations, 'orientation', 'orientations')}, ${plural(actions, 'action', 'actions')}, ${plural(indicators, 'indicator', 'indicators')}`;
}

/** Every partner code the database holds, so files may use partners declared by other schemes. */
async function knownPartnerCodes(store: Store): Promise<Set<string>> {
  const codes = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await listPartners(store.db, {}, { limit: 500, offset });
    for (const p of page.items) codes.add(p.code);
    if (page.items.length < 500) return codes;
  }
}

/** Partner codes a parsed (not yet validated) file declares, so files of one import may use each other's. */
function declaredPartners(data: unknown): string[] {
  const partners = (data as { partners?: unknown } | null)?.partners;
  if (!Array.isArray(partners)) return [];
  return partners.map((p) => (p as { code?: unknown } | null)?.code).filter((c): c is string => typeof c === 'string');
}

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
    return { store: await ctx.openStore(), where: location.kind === 'folder' ? location.path : ctx.fr ? 'la base PostgreSQL' : 'the PostgreSQL database' };
  } catch (error) {
    if (!(error instanceof StoreError) || error.reason !== 'unreachable') throw error;
    ctx.err(error.in(ctx.lang));
    return { where: '' };
  }
}

async function validateCommand(ctx: Context, files: readonly string[]): Promise<number> {
  if (files.length === 0) throw new UsageError(ctx.fr ? 'validate : indiquez au moins un fichier' : 'validate: give at least one file');
  // The same checks as `import`: against the partners of the database when there is one, and of every file given.
  const { store, where } = await storeForValidation(ctx);
  try {
    const partners = store ? await knownPartnerCodes(store) : new Set<string>();
    const parsed: { file: string; result: Awaited<ReturnType<typeof parseSchemeFile>> }[] = [];
    for (const file of files) parsed.push({ file, result: await parseSchemeFile(ctx.path(file), ctx.lang) });
    for (const { result } of parsed) if (result.ok) for (const code of declaredPartners(result.data)) partners.add(code);
    ctx.err(
      store
        ? ctx.fr ? `Vérification avec la base ${where} (partenaires existants) et les territoires officiels.` : `Checking against the database ${where} (existing partners) and the official territories.`
        : ctx.fr ? 'Vérification du fichier seul (pas de base à consulter) : les partenaires doivent être déclarés dans les fichiers donnés.' : 'Checking the file alone (no database to consult): partners must be declared in the files given.',
    );
    let failed = false;
    for (const { file, result } of parsed) {
      const valid = result.ok ? validateSchemeFile(result.data, ctx.lang, { partners, isOfficialTerritory: isKnownTerritory }) : result;
      if (valid.ok) ctx.out(ctx.fr ? `✓ ${file} : schéma ${valid.data.scheme.code} valide (${describe(ctx, valid.data)})` : `✓ ${file}: scheme ${valid.data.scheme.code} is valid (${describe(ctx, valid.data)})`);
      else {
        failed = true;
        printIssues(ctx, `✗ ${file}`, valid.issues);
      }
    }
    return failed ? EXIT.invalid : EXIT.ok;
  } finally {
    await store?.close();
  }
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

async function importCommand(ctx: Context, files: readonly string[]): Promise<number> {
  if (files.length === 0) throw new UsageError(ctx.fr ? 'import : indiquez au moins un fichier' : 'import: give at least one file');
  const store = await ctx.openStore();
  try {
    // Every file is read and checked before any is written: one bad file writes nothing.
    const partners = await knownPartnerCodes(store);
    const parsed: { file: string; result: Awaited<ReturnType<typeof parseSchemeFile>> }[] = [];
    for (const file of files) parsed.push({ file, result: await parseSchemeFile(ctx.path(file), ctx.lang) });
    for (const { result } of parsed) if (result.ok) for (const code of declaredPartners(result.data)) partners.add(code);
    const checked: { file: string; data: SchemeFile }[] = [];
    for (const { file, result } of parsed) {
      const valid = result.ok ? validateSchemeFile(result.data, ctx.lang, { partners, isOfficialTerritory: isKnownTerritory }) : result;
      if (valid.ok) checked.push({ file, data: valid.data });
      else printIssues(ctx, `✗ ${file}`, valid.issues);
    }
    if (checked.length < files.length) {
      ctx.err(ctx.fr ? 'Rien n’a été importé.' : 'Nothing was imported.');
      return EXIT.invalid;
    }
    // One transaction for all the files: a failure in any of them writes none. Summaries once committed.
    let summaries: string[];
    try {
      summaries = await store.db.transaction().execute(async (trx) => {
        const lines: string[] = [];
        for (const { data } of importOrder(checked)) lines.push(await importOne(ctx, trx, data));
        return lines;
      });
    } catch (error) {
      if (isDatabaseError(error)) {
        // A constraint validation did not foresee: said in a sentence with the files, never as SQL.
        const names = checked.map((c) => c.file).join(', ');
        ctx.err(
          ctx.fr
            ? `✗ ${names} : la base a refusé l’écriture (${describeDatabaseError(error, 'fr')}). Rien n’a été importé. Signalez ce cas : la validation aurait dû le voir.`
            : `✗ ${names}: the database refused the write (${describeDatabaseError(error, 'en')}). Nothing was imported. Please report it: validation should have caught it.`,
        );
        return EXIT.invalid;
      }
      if (!(error instanceof DomainError)) throw error;
      printIssues(ctx, error.message, error.issues);
      ctx.err(ctx.fr ? 'Rien n’a été importé.' : 'Nothing was imported.');
      return EXIT.invalid;
    }
    for (const line of summaries) ctx.out(line);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/**
 * The files in an order where each comes after the files declaring the partners it uses (the import checks
 * partners against the database). On a cycle the remaining files keep their order; the import then refuses.
 */
function importOrder<T extends { data: SchemeFile }>(files: readonly T[]): T[] {
  const declaredBy = new Map<string, T[]>();
  for (const f of files) for (const p of f.data.partners ?? []) declaredBy.set(p.code, [...(declaredBy.get(p.code) ?? []), f]);
  const ordered: T[] = [];
  // A partner is there for a file when nobody declares it (it is in the database), or the file itself or a file
  // already ordered does.
  const available = (f: T, code: string) => {
    const declaring = declaredBy.get(code);
    return !declaring || declaring.some((d) => d === f || ordered.includes(d));
  };
  let remaining = [...files];
  while (remaining.length) {
    const ready = remaining.filter((f) => referencedPartnerCodes(f.data).every((code) => available(f, code)));
    if (ready.length === 0) return [...ordered, ...remaining];
    ordered.push(...ready);
    remaining = remaining.filter((f) => !ready.includes(f));
  }
  return ordered;
}

/** Import one checked file in the caller's transaction, progress on stderr; returns the summary line. */
async function importOne(ctx: Context, trx: Transaction<Database>, data: SchemeFile): Promise<string> {
  const code = data.scheme.code;
  // The file tells how many items each stage has; the import reports each stage as it ends.
  const expected = expectedItems(data);
  const total = Object.values(expected).reduce((n, v) => n + v, 0);
  const done = new Map<ImportProgress['stage'], number>();
  const result = await importSchemeFileInTransaction(trx, data, {
    lang: ctx.lang,
    isOfficialTerritory: isKnownTerritory,
    onProgress: (progress) => {
      const size = expected[progress.stage];
      done.set(progress.stage, progress.total === 0 ? size : Math.round((progress.done / progress.total) * size));
      const sum = [...done.values()].reduce((n, v) => n + v, 0);
      ctx.err(ctx.fr ? `Import de ${code} : ${sum}/${total} éléments` : `Importing ${code}: ${sum}/${total} items`);
    },
  });
  ctx.err(ctx.fr ? `Import de ${code} : ${total}/${total} éléments` : `Importing ${code}: ${total}/${total} items`);
  const { created, updated, unchanged } = result.counts;
  return ctx.fr
    ? `✓ ${code} importé : ${created} créés, ${updated} mis à jour, ${unchanged} inchangés (${plural(result.measurements, 'nouvelle valeur', 'nouvelles valeurs')} d'indicateurs)`
    : `✓ ${code} imported: ${created} created, ${updated} updated, ${unchanged} unchanged (${plural(result.measurements, 'new indicator value', 'new indicator values')})`;
}

async function exportCommand(ctx: Context, args: readonly string[], options: { format?: string; output?: string; openData?: string; widgetJson?: boolean }): Promise<number> {
  if (options.widgetJson) return widgetJsonCommand(ctx, args, options.output);
  if (options.openData !== undefined) {
    if (args.length) throw new UsageError(ctx.fr ? 'export --open-data DOSSIER ne prend pas de code de schéma' : 'export --open-data DIR takes no scheme code');
    const store = await ctx.openStore();
    try {
      const written = await writeOpenData(store.db, ctx.path(options.openData));
      for (const file of written) ctx.out(ctx.fr ? `écrit : ${file}` : `written: ${file}`);
      if (written.length === 0) ctx.out(ctx.fr ? 'aucun schéma publié : aucun fichier écrit' : 'no published scheme: no file written');
      return EXIT.ok;
    } finally {
      await store.close();
    }
  }
  const [code, ...extra] = args;
  if (!code || extra.length) throw new UsageError(ctx.fr ? 'export : indiquez un code de schéma (un seul)' : 'export: give one scheme code');
  const format = options.format ?? (options.output?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  if (format !== 'yaml' && format !== 'json') throw new UsageError(ctx.fr ? `--format : yaml ou json, pas « ${format} »` : `--format: yaml or json, not "${format}"`);
  const store = await ctx.openStore();
  try {
    const file = await exportSchemeFile(store.db, code, ctx.lang);
    const text = format === 'json' ? `${JSON.stringify(file, null, 2)}\n` : YAML.stringify(file, { lineWidth: 0 });
    if (options.output) {
      const target = ctx.path(options.output);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
      ctx.out(ctx.fr ? `✓ ${code} exporté dans ${options.output}` : `✓ ${code} exported to ${options.output}`);
    } else {
      ctx.io.stdout.write(text);
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function widgetJsonCommand(ctx: Context, args: readonly string[], output: string | undefined): Promise<number> {
  const [code, ...extra] = args;
  if (!code || extra.length) throw new UsageError(ctx.fr ? 'export CODE --widget-json : indiquez un code de schéma (un seul)' : 'export CODE --widget-json: give one scheme code');
  const widgetJson = ctx.io.widgetJson;
  if (!widgetJson) {
    throw new UsageError(ctx.fr ? '--widget-json demande les widgets : lancez `pnpm sosms` depuis la racine du dépôt' : '--widget-json needs the widgets: run `pnpm sosms` from the repository root');
  }
  const store = await ctx.openStore();
  try {
    const text = `${JSON.stringify(await widgetJson(store.db, code, ctx.lang), null, 2)}\n`;
    if (!output) {
      ctx.io.stdout.write(text);
      return EXIT.ok;
    }
    const target = ctx.path(output);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    ctx.out(ctx.fr ? `✓ ${code} exporté pour les widgets dans ${output}` : `✓ ${code} exported for the widgets to ${output}`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function listCommand(ctx: Context): Promise<number> {
  const store = await ctx.openStore();
  try {
    const { items, totalCount } = await listSchemes(store.db, { visibility: { all: true } }, { limit: 500 });
    if (totalCount === 0) {
      ctx.out(ctx.fr ? 'Aucun schéma dans la base.' : 'No scheme in the database.');
      return EXIT.ok;
    }
    const rows = [...items].sort((a, b) => a.code.localeCompare(b.code));
    const width = Math.max(...rows.map((s) => s.code.length));
    for (const s of rows) {
      const status = s.published ? s.status : `${s.status}, ${ctx.fr ? 'non publié' : 'unpublished'}`;
      ctx.out(`${s.code.padEnd(width)}  ${s.departments.join('+').padEnd(6)}  ${s.period.start}-${s.period.end}  ${status.padEnd(11)}  ${s.title}`);
    }
    ctx.out(ctx.fr ? plural(totalCount, 'schéma', 'schémas') : plural(totalCount, 'scheme', 'schemes'));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function templateCommand(ctx: Context, output: string | undefined): Promise<number> {
  const target = ctx.path(output ?? 'modele-sosms.xlsx');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await spreadsheetTemplate());
  ctx.out(ctx.fr ? `✓ modèle écrit : ${target}` : `✓ template written: ${target}`);
  return EXIT.ok;
}

async function importSheetCommand(ctx: Context, files: readonly string[], scheme: string | undefined): Promise<number> {
  if (files.length !== 1 || !scheme) throw new UsageError(ctx.fr ? 'import-sheet FICHIER --scheme CODE' : 'import-sheet FILE --scheme CODE');
  const store = await ctx.openStore();
  try {
    const result = await importSpreadsheet(store.db, ctx.path(files[0]!), { schemeCode: scheme, lang: ctx.lang, name: files[0], isOfficialTerritory: isKnownTerritory });
    const { created, updated, unchanged } = result.actions;
    ctx.out(
      ctx.fr
        ? `✓ ${scheme} : actions ${created} créées, ${updated} mises à jour, ${unchanged} inchangées ; mesures ${result.measurements.rows} lues, ${result.measurements.written} nouvelles valeurs`
        : `✓ ${scheme}: actions ${created} created, ${updated} updated, ${unchanged} unchanged; measurements ${result.measurements.rows} read, ${result.measurements.written} new values`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function tokenCommand(ctx: Context, args: readonly string[]): Promise<number> {
  let module: { runTokenCommand?: (args: readonly string[], io: { stdout: CliIo['stdout']; stderr: CliIo['stderr']; lang?: Lang }, db: Store['db']) => Promise<number> };
  try {
    module = await import('../access/cli.ts');
  } catch {
    module = {};
  }
  if (!module.runTokenCommand) {
    ctx.err(ctx.fr ? 'Les jetons sont gérés par le paquet de la passerelle GraphQL (@sosms/graphql).' : 'Tokens are managed by the GraphQL gateway package (@sosms/graphql).');
    return EXIT.usage;
  }
  const store = await ctx.openStore();
  try {
    return await module.runTokenCommand(args, { stdout: ctx.io.stdout, stderr: ctx.io.stderr, lang: ctx.lang }, store.db);
  } finally {
    await store.close();
  }
}

/**
 * Split `token …` off before parsing: its own options (`--departments`, `--role`…) belong to it; the
 * global options (`--database`, `--lang`) are taken wherever they stand.
 */
function splitTokenCommand(argv: readonly string[]): { global: string[]; rest: string[] } | undefined {
  const global: string[] = [];
  const rest: string[] = [];
  let seen = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--database' || arg === '--lang') global.push(arg, argv[++i] ?? '');
    else if (arg.startsWith('--database=') || arg.startsWith('--lang=')) global.push(arg);
    else if (!seen && arg === 'token') seen = true;
    else if (!seen && !arg.startsWith('-')) return undefined;
    else rest.push(arg);
  }
  return seen ? { global, rest } : undefined;
}

/**
 * Run the `sosms` command line with the given arguments; returns the exit code (0 success,
 * 1 refused input with the errors listed, 2 usage error). Never calls `process.exit`.
 *
 * ### Examples
 * ```ts
 * const code = await runCli(['validate', 'lozere.yaml', '--lang', 'en'], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const token = splitTokenCommand(argv);
  let values: { database?: string; lang?: string; format?: string; output?: string; 'open-data'?: string; scheme?: string; 'widget-json'?: boolean; help?: boolean; kind?: string; date?: string; token?: string };
  let positionals: string[];
  const guessLang: Lang = argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en') ? 'en' : 'fr';
  try {
    ({ values, positionals } = parseArgs({ args: [...(token ? token.global : argv)], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${HELP[guessLang]}`);
    return EXIT.usage;
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    io.stderr.write(`--lang : fr | en\n`);
    return EXIT.usage;
  }
  const lang: Lang = (values.lang as Lang | undefined) ?? 'fr';
  const fr = lang === 'fr';
  const [command, ...args] = token ? ['token', ...token.rest] : positionals;
  if (values.help || command === 'help') {
    io.stdout.write(HELP[lang]);
    return EXIT.ok;
  }
  if (!command || !(COMMANDS as readonly string[]).includes(command)) {
    io.stderr.write(`${command ? (fr ? `commande inconnue : ${command}\n\n` : `unknown command: ${command}\n\n`) : ''}${HELP[lang]}`);
    return EXIT.usage;
  }
  const cwd = io.cwd ?? io.env.INIT_CWD ?? process.cwd();
  const setting = values.database ?? io.env.DATABASE_URL;
  const location = resolveStoreLocation(setting, cwd);
  const ctx: Context = {
    lang,
    fr,
    io,
    out: (line) => void io.stdout.write(`${line}\n`),
    err: (line) => void io.stderr.write(`${line}\n`),
    path: (file) => (isAbsolute(file) ? file : resolve(cwd, file)),
    location,
    openStore: async () => {
      if (io.store) return { db: io.store.db, engine: 'pglite', created: false, close: async () => {} } satisfies Store;
      const store = await createStore({
        location: locationString(location),
        holder: `sosms ${command}`,
        onNotice: (text) => void io.stderr.write(`${text[lang]}\n`),
      });
      // The default store starts with the five real schemes, whoever opens it first (`npm start` or the CLI).
      if (store.created && !setting?.trim() && !noDemo(io.env)) {
        io.stderr.write(fr ? 'Première ouverture de la base : chargement des cinq schémas réels (SOSMS_DEMO=0 pour une base vide)…\n' : 'First open of the database: loading the five real schemes (SOSMS_DEMO=0 for an empty one)…\n');
        await loadDemoSchemes(store.db, { isOfficialTerritory: isKnownTerritory });
      }
      return store;
    },
  };
  // A PGlite folder held by a running gateway: the command runs in the gateway, never beside it.
  if (!io.store && location.kind === 'folder' && command !== 'template') {
    const holder = readLock(location.path);
    if (holder && isLockLive(holder)) return throughGateway(ctx, argv, location.path, holder, cwd, values['widget-json'] === true);
  }
  try {
    switch (command as Command) {
      case 'validate':
        return await validateCommand(ctx, args);
      case 'import':
        return await importCommand(ctx, args);
      case 'export':
        return await exportCommand(ctx, args, { format: values.format, output: values.output, openData: values['open-data'], widgetJson: values['widget-json'] });
      case 'list':
        return await listCommand(ctx);
      case 'template':
        return await templateCommand(ctx, values.output);
      case 'import-sheet':
        return await importSheetCommand(ctx, args, values.scheme);
      case 'token':
        return await tokenCommand(ctx, args);
      case 'report':
        return await reportCommand(ctx, args, { kind: values.kind, format: values.format, date: values.date, output: values.output, token: values.token });
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ReportUsageError) {
      io.stderr.write(`${error.message}\n\n${HELP[lang]}`);
      return EXIT.usage;
    }
    if (error instanceof StoreError) {
      ctx.err(error.in(lang));
      return EXIT.invalid;
    }
    if (error instanceof DomainError) {
      if (error.issues.length) printIssues(ctx, error.message, error.issues);
      else ctx.err(error.message);
      return EXIT.invalid;
    }
    throw error;
  }
  return EXIT.usage;
}

/** A PostgreSQL error (PGlite and pg both carry the five-character SQLSTATE in `code`). */
function isDatabaseError(error: unknown): error is { code: string; constraint?: string; message: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as unknown as { code: string }).code);
}

/** The database error as a sentence: its kind (SQLSTATE class) and constraint, no SQL, no ids. */
function describeDatabaseError(error: { code: string; constraint?: string }, lang: Lang): string {
  const kinds: Record<string, [string, string]> = {
    '23505': ['valeur en double', 'duplicate value'],
    '23503': ['référence manquante', 'missing reference'],
    '23502': ['valeur obligatoire absente', 'required value missing'],
    '23514': ['valeur hors des limites', 'value out of bounds'],
    '22003': ['nombre trop grand', 'number out of range'],
    '22001': ['texte trop long', 'text too long'],
    '22021': ['caractère interdit', 'forbidden character'],
    '22P05': ['caractère interdit', 'forbidden character'],
    '22008': ['date hors des limites', 'date out of range'],
  };
  const [fr, en] = kinds[error.code] ?? ['erreur de la base', 'database error'];
  const constraint = error.constraint ? ` : ${error.constraint}` : '';
  return `${lang === 'fr' ? fr : en}${constraint}, SQLSTATE ${error.code}`;
}

/** Whether the environment asks for a store without the demo schemes (`SOSMS_DEMO=0`). */
export function noDemo(env: Readonly<Record<string, string | undefined>>): boolean {
  return /^(0|false|no|non|off)$/i.test(env.SOSMS_DEMO?.trim() ?? '');
}

/** The command line without `--database` (the gateway runs on its own store). */
function withoutDatabase(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--database') i++;
    else if (!arg.startsWith('--database=')) kept.push(arg);
  }
  return kept;
}

/**
 * Send the command line to the gateway that holds the folder (its operator route), print what it printed and
 * return its exit code; or refuse, naming the process, when that cannot be done.
 */
async function throughGateway(ctx: Context, argv: readonly string[], folder: string, holder: LockInfo, cwd: string, widgetJson: boolean): Promise<number> {
  const refuse = (fr: string, en: string) => {
    const locked = lockedText(folder, holder);
    ctx.err(ctx.fr ? `${locked.fr}\n${fr}` : `${locked.en}\n${en}`);
    return EXIT.invalid;
  };
  if (!holder.url) return refuse('Ce processus n’accepte pas de commandes (ce n’est pas une passerelle prête) : rien n’a été écrit.', 'That process takes no commands (it is not a ready gateway): nothing was written.');
  if (widgetJson) return refuse('`export --widget-json` ne passe pas par la passerelle : lisez le même JSON par GraphQL, ou arrêtez la passerelle.', '`export --widget-json` does not go through the gateway: read the same JSON over GraphQL, or stop the gateway.');
  const secret = readOperatorSecret(folder);
  if (!secret) return refuse(`La clé d’opérateur ${join(folder, OPERATOR_FILE)} est illisible (autre utilisateur ?) : lancez la commande sous le compte de la passerelle. Rien n’a été écrit.`, `The operator key ${join(folder, OPERATOR_FILE)} cannot be read (another user?): run the command as the gateway's user. Nothing was written.`);
  let answer: { code: number; stdout: string; stderr: string };
  try {
    const response = await fetch(new URL(OPERATOR_PATH, holder.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Operator ${secret}` },
      body: JSON.stringify({ argv: withoutDatabase(argv), cwd }),
    });
    if (!response.ok) return refuse(`La passerelle a refusé la commande (HTTP ${response.status}) : rien n’a été écrit.`, `The gateway refused the command (HTTP ${response.status}): nothing was written.`);
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    return refuse(`La passerelle ne répond pas à ${holder.url} (${(error as Error).message}) : rien n’a été écrit ; réessayez quand elle est prête.`, `The gateway does not answer at ${holder.url} (${(error as Error).message}): nothing was written; try again once it is ready.`);
  }
  ctx.err(ctx.fr ? `(par la passerelle PID ${holder.pid}, qui tient ${folder})` : `(through the gateway PID ${holder.pid}, which holds ${folder})`);
  ctx.io.stderr.write(answer.stderr);
  ctx.io.stdout.write(answer.stdout);
  return answer.code;
}

/** Whether this module is the program being run (`tsx packages/core/src/cli/main.ts …`). */
function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // No stack trace for a user: one sentence in both languages (SOSMS_DEBUG=1 shows the stack).
      const detail = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Erreur inattendue, rien n’a été écrit au-delà de ce qui est affiché : ${detail}\nUnexpected error, nothing written beyond what is shown: ${detail}\n`);
      if (process.env.SOSMS_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
      process.exitCode = 1;
    },
  );
}
