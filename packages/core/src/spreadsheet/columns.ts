import { LABELS, type Label } from '../shared/labels.ts';
import { ACTION_STATUSES, PRIORITIES, type ActionStatus, type Priority } from '../action/action.ts';
import { MISSING_REASONS, type MissingReason } from '../measurement/measurement.ts';
import { PUBLICS, THEMES, type PublicCode, type ThemeCode } from '../nomenclature/nomenclature.ts';
import type { Lang } from '../validation/issues.ts';

/** The two sheets a spreadsheet of a scheme may hold. */
export const SHEET_KINDS = ['actions', 'measurements'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

/** The names of the sheets in a workbook (French, in both languages: they are what the file holds). */
export const SHEET_NAMES: Record<SheetKind, string> = { actions: 'Actions', measurements: 'Mesures' };

/** A raw cell as the readers return it: text, number, boolean, a date, or nothing. */
export type Cell = string | number | boolean | Date | null | undefined;

/** A cell converted to a value, or why it could not be (a bilingual message). */
export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; message: { fr: string; en: string } };

const ok = <T>(value: T | undefined): Parsed<T> => ({ ok: true, value });
const bad = (fr: string, en: string): Parsed<never> => ({ ok: false, message: { fr, en } });

/**
 * Lower case, without accents, typographic apostrophes or repeated spaces: how headers and labels are compared.
 *
 * ### Examples
 * ```ts
 * normalizeLabel('  Date de DÉBUT '); // 'date de debut'
 * normalizeLabel('Raison d’absence'); // "raison d'absence"
 * ```
 */
export function normalizeLabel(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’ʼ`´]/g, "'")
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .toLowerCase();
}

const isEmpty = (cell: Cell): cell is null | undefined | '' =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Text as typed (numbers written back as text: Excel turns the code `2` into the number 2). */
export function parseText(cell: Cell): Parsed<string> {
  if (isEmpty(cell)) return ok(undefined);
  if (cell instanceof Date) return ok(formatDate(cell));
  return ok(String(cell).trim());
}

/** A number; French decimal comma, spaces between thousands and a final `%` are accepted. */
export function parseNumber(cell: Cell): Parsed<number> {
  if (isEmpty(cell)) return ok(undefined);
  if (typeof cell === 'number') return ok(cell);
  if (typeof cell === 'string') {
    const cleaned = cell.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '').replace(',', '.');
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return ok(Number(cleaned));
  }
  return bad(`nombre attendu (ex. 41,5), reçu « ${String(cell)} »`, `expected a number (e.g. 41.5), got "${String(cell)}"`);
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A date: an Excel date cell, `AAAA-MM-JJ` or `JJ/MM/AAAA` text, or an Excel day number. */
export function parseDate(cell: Cell): Parsed<string> {
  if (isEmpty(cell)) return ok(undefined);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? bad('date invalide', 'invalid date') : ok(formatDate(cell));
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 100_000) {
    // Excel's day number: day 1 is 1900-01-01, with its fictitious 29 February 1900.
    return ok(formatDate(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000)));
  }
  const text = String(cell).trim();
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : text;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso)) return ok(iso);
  return bad(`date attendue au format JJ/MM/AAAA ou AAAA-MM-JJ, reçu « ${text} »`, `expected a date as DD/MM/YYYY or YYYY-MM-DD, got "${text}"`);
}

/** A period: `2024`, `2024-T1` (or `2024-Q1`), `2024-03` or `03/2024`. */
export function parsePeriod(cell: Cell): Parsed<string> {
  if (isEmpty(cell)) return ok(undefined);
  if (cell instanceof Date) return ok(formatDate(cell).slice(0, 7));
  const text = String(cell).trim().toUpperCase();
  const quarter = /^(\d{4})-?[TQ]([1-4])$/.exec(text);
  if (quarter) return ok(`${quarter[1]}-Q${quarter[2]}`);
  const month = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) return ok(`${month[2]}-${month[1]!.padStart(2, '0')}`);
  if (/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(text)) return ok(text);
  return bad(
    `période attendue : AAAA, AAAA-T1 à AAAA-T4 ou AAAA-MM, reçu « ${String(cell)} »`,
    `expected a period: YYYY, YYYY-Q1 to YYYY-Q4 or YYYY-MM, got "${String(cell)}"`,
  );
}

const YES = new Set(['oui', 'o', 'vrai', 'x', '1', 'yes', 'y', 'true']);
const NO = new Set(['non', 'n', 'faux', '0', 'no', 'false']);

/** Yes or no: `oui`/`non` (also `vrai`/`faux`, `x`, `1`/`0`, a checkbox). */
export function parseBoolean(cell: Cell): Parsed<boolean> {
  if (isEmpty(cell)) return ok(undefined);
  if (typeof cell === 'boolean') return ok(cell);
  const text = normalizeLabel(String(cell));
  if (YES.has(text)) return ok(true);
  if (NO.has(text)) return ok(false);
  return bad(`« oui » ou « non » attendu, reçu « ${String(cell)} »`, `expected "yes" or "no", got "${String(cell)}"`);
}

/** A list of items separated by `;`, `,` or line breaks. */
export function splitList(cell: Cell): string[] | undefined {
  if (isEmpty(cell)) return undefined;
  return String(cell)
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A value chosen from a list, given by its code or by one of its labels (French or English). */
function choice<T extends string>(entries: readonly { code: T; labels: readonly string[] }[]) {
  const lookup = new Map<string, T>();
  for (const entry of entries) {
    lookup.set(normalizeLabel(entry.code), entry.code);
    for (const label of entry.labels) lookup.set(normalizeLabel(label), entry.code);
  }
  const accepted = entries.map((e) => e.labels[0] ?? e.code).join(', ');
  return (text: string): Parsed<T> => {
    const found = lookup.get(normalizeLabel(text));
    return found ? ok(found) : bad(`valeur inconnue « ${text} » (valeurs possibles : ${accepted})`, `unknown value "${text}" (accepted: ${entries.map((e) => e.code).join(', ')})`);
  };
}

/**
 * Words a spreadsheet may use for each action status: its label (from `LABELS`, written in exports and the
 * template) first, then the synonyms teams write.
 */
export const STATUS_LABELS: Record<ActionStatus, readonly string[]> = withLabels('actionStatus', {
  planned: ['prévue', 'prévu', 'planifiée', 'planifié', 'à venir', 'non commencée'],
  in_progress: ['en cours'],
  done: ['réalisée', 'réalisé', 'terminée', 'terminé', 'achevée', 'achevé'],
  paused: ['en pause', 'suspendue', 'suspendu'],
  abandoned: ['abandonnée', 'abandonné'],
  blocked: ['bloquée', 'bloqué'],
  late: ['en retard'],
});

/** Words for the priorities: the label first, then synonyms. */
export const PRIORITY_LABELS: Record<Priority, readonly string[]> = withLabels('priority', {
  high: ['haute', 'élevée', 'forte'],
  medium: ['moyenne'],
  low: ['basse', 'faible'],
});

/** Words for the reasons a value is missing: the label first, then synonyms. */
export const MISSING_REASON_LABELS: Record<MissingReason, readonly string[]> = withLabels('missingReason', {
  not_yet_known: ['pas encore connue', 'non connue', 'inconnue', 'à venir'],
  statistical_secrecy: ['secret statistique'],
  not_applicable: ['sans objet', 'non applicable'],
});

/** Each code's French label (the one written) before its synonyms, and its English label after them. */
function withLabels<V extends 'actionStatus' | 'priority' | 'missingReason'>(
  vocabulary: V,
  synonyms: Record<keyof (typeof LABELS)[V] & string, readonly string[]>,
): Record<keyof (typeof LABELS)[V] & string, readonly string[]> {
  const labels = LABELS[vocabulary] as Record<string, Label>;
  return Object.fromEntries(Object.entries(synonyms).map(([code, words]) => [code, [labels[code]!.fr, ...(words as string[]), labels[code]!.en]])) as never;
}

export const parseStatus = choice(ACTION_STATUSES.map((code) => ({ code, labels: STATUS_LABELS[code] })));
export const parsePriority = choice(PRIORITIES.map((code) => ({ code, labels: PRIORITY_LABELS[code] })));
export const parseMissingReason = choice(MISSING_REASONS.map((code) => ({ code, labels: MISSING_REASON_LABELS[code] })));
const parsePublicItem = choice<PublicCode>(PUBLICS.map((p) => ({ code: p.code, labels: [p.label.fr, p.label.en] })));
const parseThemeItem = choice<ThemeCode>(THEMES.map((t) => ({ code: t.code, labels: [t.label.fr, t.label.en] })));

function listOf<T>(item: (text: string) => Parsed<T>) {
  return (cell: Cell): Parsed<T[]> => {
    const items = splitList(cell);
    if (!items) return ok(undefined);
    const values: T[] = [];
    for (const text of items) {
      const parsed = item(text);
      if (!parsed.ok) return parsed;
      values.push(parsed.value as T);
    }
    return ok(values);
  };
}

const single = <T>(item: (text: string) => Parsed<T>) => (cell: Cell): Parsed<T> => (isEmpty(cell) ? ok(undefined) : item(String(cell).trim()));

/** One column of a sheet: its key in the row object, its French header (and accepted variants), its parser. */
export interface ColumnSpec {
  readonly key: string;
  readonly header: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  readonly parse: (cell: Cell) => Parsed<unknown>;
  /** An example value, written in the template. */
  readonly example: string | number | Date | boolean;
  /** What the column holds, for the documentation and the template's help sheet. */
  readonly help: string;
}

const textList = (cell: Cell): Parsed<string[]> => ok(splitList(cell));

/**
 * Columns of the « Actions » sheet. A row whose code exists in the scheme updates that action
 * (empty cells keep the current value); other rows create an action.
 *
 * ### Examples
 * ```ts
 * ACTION_COLUMNS.map((c) => c.header); // ['code', 'titre', 'orientation', …]
 * ```
 */
export const ACTION_COLUMNS: readonly ColumnSpec[] = [
  { key: 'code', header: 'code', required: true, parse: parseText, example: '1.1.1', help: "code de l'action, unique dans le schéma (colonne au format texte)" },
  { key: 'title', header: 'titre', aliases: ['intitule', 'libelle'], parse: parseText, example: "Renforcer les capacités d'observation", help: 'obligatoire pour une nouvelle action' },
  { key: 'orientation', header: 'orientation', aliases: ['axe', 'code orientation'], parse: parseText, example: '1.1', help: "code de l'orientation (ou axe) de rattachement, obligatoire pour une nouvelle action" },
  { key: 'description', header: 'description', parse: parseText, example: 'Mettre en place un observatoire partagé des besoins sociaux.', help: 'texte libre' },
  { key: 'pilot', header: 'pilote', parse: parseText, example: 'cd-92', help: 'code du partenaire pilote' },
  { key: 'partners', header: 'partenaires', parse: textList, example: 'caf-92; ars-idf', help: 'codes des partenaires, séparés par des points-virgules' },
  { key: 'startDate', header: 'date de début', aliases: ['debut', 'date debut'], parse: parseDate, example: new Date(Date.UTC(2024, 0, 1)), help: 'JJ/MM/AAAA ou AAAA-MM-JJ' },
  { key: 'endDate', header: 'date de fin', aliases: ['fin', 'date fin'], parse: parseDate, example: new Date(Date.UTC(2025, 11, 31)), help: 'JJ/MM/AAAA ou AAAA-MM-JJ, pas avant la date de début' },
  { key: 'status', header: 'statut', parse: single(parseStatus), example: 'en cours', help: 'prévue, en cours, réalisée, en pause, abandonnée, bloquée, en retard' },
  { key: 'progress', header: 'avancement', aliases: ['avancement (%)'], parse: parseNumber, example: 40, help: 'pourcentage de 0 à 100' },
  { key: 'priority', header: 'priorité', parse: single(parsePriority), example: 'haute', help: 'haute, moyenne, basse' },
  { key: 'publics', header: 'publics', parse: listOf(parsePublicItem), example: 'Personnes âgées; Aidants', help: 'publics (libellés ou codes), séparés par des points-virgules' },
  { key: 'themes', header: 'thématiques', aliases: ['themes'], parse: listOf(parseThemeItem), example: 'Observation des besoins des territoires', help: 'thématiques (libellés ou codes), séparées par des points-virgules' },
  { key: 'territories', header: 'territoires', parse: textList, example: 'dep:92', help: 'codes de territoire (dep:92, com:92012, ou un district du schéma)' },
  { key: 'illustrative', header: 'illustratif', parse: parseBoolean, example: 'oui', help: 'oui si les valeurs sont fictives (démonstration)' },
];

/**
 * Columns of the « Mesures » sheet: each row records a value of an indicator (a new revision).
 *
 * ### Examples
 * ```ts
 * MEASUREMENT_COLUMNS.find((c) => c.key === 'missingReason')?.header; // "raison d'absence"
 * ```
 */
export const MEASUREMENT_COLUMNS: readonly ColumnSpec[] = [
  { key: 'indicator', header: 'indicateur', aliases: ['code indicateur'], required: true, parse: parseText, example: 'rsa-emploi-12m', help: "code de l'indicateur dans le schéma" },
  { key: 'period', header: 'période', required: true, parse: parsePeriod, example: '2024-T1', help: 'AAAA, AAAA-T1 à AAAA-T4, ou AAAA-MM' },
  { key: 'territory', header: 'territoire', required: true, parse: parseText, example: 'dep:92', help: 'code de territoire (dep:92, com:92012, ou un district du schéma)' },
  { key: 'value', header: 'valeur', parse: parseNumber, example: 41.5, help: 'nombre (virgule décimale acceptée) ; vide si une raison d’absence est donnée' },
  { key: 'missingReason', header: "raison d'absence", parse: single(parseMissingReason), example: '', help: 'pas encore connue, secret statistique, sans objet' },
  { key: 'provisional', header: 'provisoire', parse: parseBoolean, example: 'non', help: 'oui ou non' },
  { key: 'source', header: 'source', parse: parseText, example: 'CAF des Hauts-de-Seine', help: 'texte libre' },
  { key: 'comment', header: 'commentaire', parse: parseText, example: '', help: 'texte libre' },
  { key: 'illustrative', header: 'illustratif', parse: parseBoolean, example: 'oui', help: 'oui si la valeur est fictive (démonstration)' },
];

/** The columns of a sheet kind. */
export const COLUMNS: Record<SheetKind, readonly ColumnSpec[]> = { actions: ACTION_COLUMNS, measurements: MEASUREMENT_COLUMNS };

/** Find the column a header names (case, accents and spaces ignored), or `undefined`. */
export function columnForHeader(kind: SheetKind, header: string): ColumnSpec | undefined {
  const wanted = normalizeLabel(header);
  return COLUMNS[kind].find((c) => normalizeLabel(c.header) === wanted || c.aliases?.some((a) => normalizeLabel(a) === wanted));
}

/** The header of the column holding a field, for error messages (`endDate` → `date de fin`). */
export function headerForKey(kind: SheetKind, key: string): string | undefined {
  return COLUMNS[kind].find((c) => c.key === key)?.header;
}

/**
 * Where a problem is: « Feuille Actions, ligne 7, colonne « date de fin » » (or in English).
 *
 * ### Examples
 * ```ts
 * cellLocation('actions', 7, 'date de fin', 'fr'); // 'Feuille Actions, ligne 7, colonne « date de fin »'
 * ```
 */
export function cellLocation(kind: SheetKind, row: number | undefined, header: string | undefined, lang: Lang): string {
  const sheet = SHEET_NAMES[kind];
  if (lang === 'fr') return [`Feuille ${sheet}`, row ? `ligne ${row}` : '', header ? `colonne « ${header} »` : ''].filter(Boolean).join(', ');
  return [`Sheet ${sheet}`, row ? `row ${row}` : '', header ? `column "${header}"` : ''].filter(Boolean).join(', ');
}
