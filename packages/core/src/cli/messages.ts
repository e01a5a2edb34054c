import type { SchemeFile } from '../scheme-file/scheme-file.ts';
import { walkActions, walkIndicators, walkOrientations } from '../scheme-file/validate.ts';
import type { Lang, ValidationIssue } from '../validation/issues.ts';
import type { Context } from './context.ts';
import { closestField } from '../scheme-file/unknown-fields.ts';

/** The help of `sosms`, in French and English. */
export const HELP = {
  fr: `sosms — schémas départementaux des solidarités en ligne de commande

Usage : sosms <commande> [options]   (dans le dépôt : pnpm sosms ; installé : npx sosms)

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
  token create|rotate|revoke|list         gère les jetons d'accès à l'API GraphQL
  report CODE --kind copil|annual|final|public --format html|pdf [--date AAAA-MM-JJ] --output FICHIER
                                          écrit un rapport (revue de COPIL, bilan annuel, évaluation finale,
                                          version publique) ; --token (ou SOSMS_TOKEN) pour un brouillon

Options :
  --database URL     la base : une URL postgres://…, ou un dossier PGlite (absolu, ou relatif au
                     dossier courant) ; sinon DATABASE_URL ; sinon .data/sosms à la racine du dépôt,
                     la base que sert aussi « npm start ». Si une passerelle tient ce dossier, les
                     commandes passent par elle (clé d’opérateur du dossier, lisible par vous seul).
  --lang fr|en       langue des messages (français par défaut)
  --json             list, validate, import : un document JSON sur la sortie standard
  -v, --version      affiche la version
  -h, --help         affiche cette aide
  Les options s’écrivent n’importe où sur la ligne.

Codes de sortie : 0 succès, 1 données refusées (erreurs listées), 2 erreur d'utilisation.
`,
  en: `sosms — departmental solidarity schemes on the command line

Usage: sosms <command> [options]   (in the repository: pnpm sosms; installed: npx sosms)

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
  token create|rotate|revoke|list         manage GraphQL API access tokens
  report CODE --kind copil|annual|final|public --format html|pdf [--date YYYY-MM-DD] --output FILE
                                          write a report (COPIL review, annual report, final evaluation,
                                          public version); --token (or SOSMS_TOKEN) for a draft

Options:
  --database URL     the database: a postgres://… URL, or a PGlite folder (absolute, or relative to
                     the current directory); else DATABASE_URL; else .data/sosms at the repository
                     root, the database "npm start" serves too. When a gateway holds that folder,
                     commands go through it (the folder's operator key, readable by you only).
  --lang fr|en       language of messages (French by default)
  --json             list, validate, import: one JSON document on standard output
  -v, --version      show the version
  -h, --help         show this help
  Options may stand anywhere on the line.

Exit codes: 0 success, 1 refused input (errors listed), 2 usage error.
`,
} as const;

/**
 * A refused command line (node's `parseArgs` error) as one sentence in the user's language, with the known
 * option closest to a misspelled one (`--jsn` → `--json`).
 *
 * ### Examples
 * ```ts
 * usageSentence(error, 'fr', ['json', 'lang']); // 'option inconnue : --jsn (vouliez-vous dire --json ?)'
 * ```
 */
export function usageSentence(error: unknown, lang: Lang, known: readonly string[]): string {
  const fr = lang === 'fr';
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const close = option.startsWith('--') ? closestField(option.slice(2), known) : undefined;
    const hint = close ? (fr ? ` (vouliez-vous dire --${close} ?)` : ` (did you mean --${close}?)`) : '';
    return fr ? `option inconnue : ${option}${hint}` : `unknown option: ${option}${hint}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return fr ? `l’option ${option} ne prend pas de valeur` : `option ${option} takes no value`;
    return fr ? `l’option ${option} attend une valeur` : `option ${option} needs a value`;
  }
  return fr ? `ligne de commande invalide : ${message}` : `invalid command line: ${message}`;
}

/** The line that follows a usage error, instead of the whole help. */
export const HELP_HINT = { fr: 'Aide : sosms --help', en: 'Help: sosms --help --lang en' } as const;

/** `1 schéma`, `2 schémas`. */
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The issues of one file or command on stderr, each with its path. A title that already says the one issue
 * (`Type de rapport inconnu : « copli »…`) is not printed twice: the issue alone, with its path.
 *
 * ### Examples
 * ```ts
 * printIssues(ctx, 'Le fichier du schéma est invalide.', issues); // Le fichier du schéma est invalide : 2 erreurs, then one line each
 * ```
 */
export function printIssues(ctx: Context, title: string, issues: readonly ValidationIssue[]): void {
  const colon = ctx.fr ? ' :' : ':';
  const [only] = issues;
  if (issues.length === 1 && only && title.includes(only.message)) {
    ctx.err(only.path ? `${only.path}${colon} ${only.message}` : only.message);
    return;
  }
  ctx.err(`${title.replace(/\.$/, '')}${colon} ${plural(issues.length, ctx.fr ? 'erreur' : 'error', ctx.fr ? 'erreurs' : 'errors')}`);
  for (const issue of issues) ctx.err(issue.path ? `  - ${issue.path}${colon} ${issue.message}` : `  - ${issue.message}`);
}

/** `2 orientations, 5 actions, 1 indicateur`. */
export function describe(ctx: Context, file: SchemeFile): string {
  const orientations = [...walkOrientations(file.orientations)].length;
  const actions = [...walkActions(file)].length;
  const indicators = [...walkIndicators(file)].length;
  return ctx.fr
    ? `${plural(orientations, 'orientation', 'orientations')}, ${plural(actions, 'action', 'actions')}, ${plural(indicators, 'indicateur', 'indicateurs')}`
    : `${plural(orientations, 'orientation', 'orientations')}, ${plural(actions, 'action', 'actions')}, ${plural(indicators, 'indicator', 'indicators')}`;
}

/** A PostgreSQL error (PGlite and pg both carry the five-character SQLSTATE in `code`). */
export function isDatabaseError(error: unknown): error is { code: string; constraint?: string; message: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((error as unknown as { code: string }).code);
}

/** The database error as a sentence: its kind (SQLSTATE class) and constraint, no SQL, no ids. */
export function describeDatabaseError(error: { code: string; constraint?: string }, lang: Lang): string {
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
  const constraint = error.constraint ? `${lang === 'fr' ? ' : ' : ': '}${error.constraint}` : '';
  return `${lang === 'fr' ? fr : en}${constraint}, SQLSTATE ${error.code}`;
}
