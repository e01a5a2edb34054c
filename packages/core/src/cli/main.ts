import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { operator } from '../access/access.ts';
import { createStore, type Store } from '../database/store.ts';
import { isLockLive, readLock, StoreError } from '../database/lock.ts';
import { locationString, resolveStoreLocation } from '../database/location.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import { markStoreSetUp } from '../database/store-setup.ts';
import { isKnownTerritory } from '../territory/geography.ts';
import { DomainError, type Lang } from '../validation/issues.ts';
import { EXIT, noDemo, UsageError, type CliIo, type Context } from './context.ts';
import { throughGateway } from './gateway.ts';
import { watchLaunchers } from './launchers.ts';
import { HELP, HELP_HINT, printIssues, usageSentence } from './messages.ts';
import { closestField } from '../scheme-file/unknown-fields.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { importSheetCommand } from './commands/import-sheet.ts';
import { listCommand } from './commands/list.ts';
import { templateCommand } from './commands/template.ts';
import { splitTokenCommand, tokenCommand } from './commands/token.ts';
import { validateCommand } from './commands/validate.ts';
import { reportCommand, ReportUsageError } from './commands/report.ts';

export { EXIT, OPERATOR_PATH, noDemo, type CliIo } from './context.ts';

// Parse and dispatch only: each command lives in commands/<command>.ts, the texts in messages.ts.

const OPTIONS = {
  database: { type: 'string' },
  lang: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'open-data': { type: 'string' },
  scheme: { type: 'string' },
  'widget-json': { type: 'boolean' },
  json: { type: 'boolean' },
  kind: { type: 'string' },
  date: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const COMMANDS = ['validate', 'import', 'export', 'list', 'template', 'import-sheet', 'token', 'report'] as const;
type Command = (typeof COMMANDS)[number];

/** The system account running the command, for the audit log's label (`unknown` when it has no name). */
function systemUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The version of @sosms/core, from its package.json (found from the sources and from dist/ alike). */
export function cliVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@sosms/core') return manifest.version ?? '0.0.0';
    } catch {
      // no package.json here
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}

/**
 * Run the `sosms` command line with the given arguments; returns the exit code (0 success,
 * 1 refused input with the errors listed, 2 usage error). Never calls `process.exit`. Options may stand
 * anywhere on the line (`sosms token create … --database URL`).
 *
 * ### Examples
 * ```ts
 * const code = await runCli(['validate', 'lozere.yaml', '--lang', 'en'], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const token = splitTokenCommand(argv);
  let values: { database?: string; lang?: string; format?: string; output?: string; 'open-data'?: string; scheme?: string; 'widget-json'?: boolean; json?: boolean; kind?: string; date?: string; token?: string; help?: boolean; version?: boolean };
  let positionals: string[];
  const guessLang: Lang = argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en') ? 'en' : 'fr';
  try {
    ({ values, positionals } = parseArgs({ args: [...(token ? token.global : argv)], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    io.stderr.write(`${usageSentence(error, guessLang, Object.keys(OPTIONS))}\n${HELP_HINT[guessLang]}\n`);
    return EXIT.usage;
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    io.stderr.write(`--lang : fr | en (pas « ${values.lang} » / not "${values.lang}")\n`);
    return EXIT.usage;
  }
  const lang: Lang = (values.lang as Lang | undefined) ?? 'fr';
  const fr = lang === 'fr';
  const [command, ...args] = token ? ['token', ...token.rest] : positionals;
  if (values.version) {
    io.stdout.write(`${cliVersion()}\n`);
    return EXIT.ok;
  }
  if (values.help || command === 'help') {
    io.stdout.write(HELP[lang]);
    return EXIT.ok;
  }
  if (!command) {
    io.stderr.write(HELP[lang]);
    return EXIT.usage;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    const close = closestField(command, COMMANDS);
    const hint = close ? (fr ? ` (vouliez-vous dire ${close} ?)` : ` (did you mean ${close}?)`) : '';
    io.stderr.write(`${fr ? `commande inconnue : ${command}` : `unknown command: ${command}`}${hint}\n${HELP_HINT[lang]}\n`);
    return EXIT.usage;
  }
  const cwd = io.cwd ?? io.env.INIT_CWD ?? process.cwd();
  const setting = values.database ?? io.env.DATABASE_URL;
  const location = resolveStoreLocation(setting, cwd);
  const ctx: Context = {
    lang,
    fr,
    io,
    json: values.json === true,
    out: (line) => void io.stdout.write(`${line}\n`),
    err: (line) => void io.stderr.write(`${line}\n`),
    path: (file) => (isAbsolute(file) ? file : resolve(cwd, file)),
    location,
    caller: (name) => ({ principal: operator(`${name}${io.store ? ', par la passerelle' : ''} (${systemUser()})`), lang }),
    openStore: async () => {
      if (io.store) return { db: io.store.db, engine: 'pglite', created: false, close: async () => {} } satisfies Store;
      const store = await createStore({
        location: locationString(location),
        holder: `sosms ${command}`,
        onNotice: (text) => void io.stderr.write(`${text[lang]}\n`),
      });
      // The default store starts with the five real schemes, whoever opens it first (`npm start` or the CLI);
      // another store starts empty. Either way its first setup is recorded, except by `validate`, which writes nothing.
      if (store.created && command !== 'validate') {
        try {
          if (!setting?.trim() && !noDemo(io.env)) {
            io.stderr.write(fr ? 'Première ouverture de la base : chargement des cinq schémas réels (SOSMS_DEMO=0 pour une base vide)…\n' : 'First open of the database: loading the five real schemes (SOSMS_DEMO=0 for an empty one)…\n');
            await loadDemoSchemes(store.db, { isOfficialTerritory: isKnownTerritory });
          } else {
            await markStoreSetUp(store.db);
          }
        } catch (error) {
          await store.close();
          throw error;
        }
      }
      return store;
    },
  };
  // A PGlite folder held by a running gateway: the command runs in the gateway, never beside it.
  let widgetEndpoint: string | undefined;
  if (!io.store && location.kind === 'folder' && command !== 'template') {
    const holder = readLock(location.path);
    if (holder && isLockLive(holder)) {
      // The widget JSON holds public reads only: it is read from the gateway's GraphQL address, not its operator route.
      // The gateway runs the command without this process's environment: a report's SOSMS_TOKEN goes as --token.
      const token = command === 'report' && values.token === undefined ? io.env.SOSMS_TOKEN : undefined;
      const sent = token ? [...argv, '--token', token] : argv;
      if (!(command === 'export' && values['widget-json'] && holder.url && io.widgetJson)) return throughGateway(ctx, sent, location.path, holder, cwd, values['widget-json'] === true);
      widgetEndpoint = new URL('/graphql', holder.url).href;
    }
  }
  try {
    switch (command as Command) {
      case 'validate':
        return await validateCommand(ctx, args);
      case 'import':
        return await importCommand(ctx, args);
      case 'export':
        return await exportCommand(ctx, args, { format: values.format, output: values.output, openData: values['open-data'], widgetJson: values['widget-json'], widgetEndpoint });
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
      io.stderr.write(`${error.message}\n${HELP_HINT[lang]}\n`);
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

/**
 * The `sosms` program: runs the command line on the process's streams, sets the exit code, and never prints
 * a stack trace (one sentence in French and English, exit 1; `SOSMS_DEBUG=1` adds the stack). A kill
 * (SIGINT, SIGTERM), or the end of a launcher above it (pnpm, tsx, `sh -c` killed with -9), aborts the
 * command: an import in progress is rolled back, and the process ends.
 *
 * ### Examples
 * ```ts
 * // bin/sosms.js
 * import { main } from '../dist/cli.js';
 * await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[], extra: Pick<CliIo, 'widgetJson'> = {}): Promise<void> {
  const controller = new AbortController();
  const stop = (signal: string, english = signal) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    process.stderr.write(`Interrompu (${signal}) : l’écriture en cours est annulée. / Interrupted (${english}): the write in progress is rolled back.\n`);
    // The transaction rolls back as the import notices the abort; a command that cannot notice it ends here.
    setTimeout(() => process.exit(130), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A kill -9 of `pnpm sosms …` (or of tsx, or of its `sh -c`) signals nothing down here: stop as on SIGTERM.
  const unwatch = watchLaunchers(() => stop('lanceur arrêté', 'launcher gone'));
  try {
    process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal, ...extra });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Erreur inattendue : ${detail}\nUnexpected error: ${detail}\n`);
    if (process.env.SOSMS_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 1;
  } finally {
    unwatch();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (controller.signal.aborted) process.exitCode = 130;
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

// No top-level await: this module is part of the package's graph, which require() loads (require(esm) refuses
// a graph with top-level await). main() handles its own errors.
if (isMain()) void main(process.argv.slice(2));
