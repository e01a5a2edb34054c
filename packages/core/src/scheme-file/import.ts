import { inTransaction } from '../shared/transaction.ts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import { isKnownTerritory } from '../territory/geography.ts';
import { DomainError, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { checkValues, stringProblem } from '../validation/values.ts';
import type { SchemeFile } from './scheme-file.ts';
import { referencedPartnerCodes, validateSchemeFile, type KnownCodes } from './validate.ts';
import type { ImportProgress, Progress, Tally } from './sections/rows.ts';
import { declareSchemePartners, writePartnersSection } from './sections/partners.ts';
import { writeSchemeSection } from './sections/scheme.ts';
import { writeDistrictsSection } from './sections/districts.ts';
import { writeOrientationsSection } from './sections/orientations.ts';
import { writeIndicatorsSection } from './sections/indicators.ts';
import { writeGovernanceSection } from './sections/governance.ts';
import { writeConsultationSection } from './sections/consultation.ts';
import { writeEvaluationSection } from './sections/evaluation.ts';

/** What an import did, per kind of entity. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The result of {@link importSchemeFile}. */
export interface ImportResult {
  schemeId: string;
  schemeCode: string;
  counts: ImportCounts;
  /** New measurement revisions written (first values and corrections). */
  measurements: number;
}

export type { ImportProgress };

export interface ImportOptions {
  lang?: Lang;
  onProgress?: (progress: ImportProgress) => void;
  /** Checks official territory codes; defaults to the official geography (`isKnownTerritory`). */
  isOfficialTerritory?: (code: string) => boolean;
}

/**
 * Write a whole scheme file: creates or updates every entity by its code, in one transaction.
 * Importing the same file twice changes nothing; any error writes nothing.
 * Entities absent from the file are kept (an import never deletes).
 *
 * ### Examples
 * ```ts
 * const { counts } = await importSchemeFile(db, YAML.parse(text), { onProgress: (p) => console.log(p.stage, p.done, p.total) });
 * ```
 */
export async function importSchemeFile(db: Kysely<Database>, input: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  // Validated before the transaction opens, so a large file holds no lock while it is checked.
  const file = await checkSchemeFile(db, input, options);
  return inTransaction(db, (trx) => writeSchemeFile(trx, file, options.onProgress ?? (() => {})));
}

/**
 * {@link importSchemeFile} inside the caller's transaction, for a read-modify-write that must not lose a
 * concurrent change (the spreadsheet import reads the scheme, merges rows into it and writes it back in one
 * transaction). Throws the same `DomainError('VALIDATION')`; the caller's rollback then writes nothing.
 *
 * ### Examples
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   const file = await exportSchemeFile(trx, '48-2018-2022');
 *   file.scheme.summary = 'Nouveau résumé';
 *   return importSchemeFileInTransaction(trx, file);
 * });
 * ```
 */
export async function importSchemeFileInTransaction(trx: Transaction<Database>, input: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const file = await checkSchemeFile(trx, input, options);
  return writeSchemeFile(trx, file, options.onProgress ?? (() => {}));
}

/** Validate a scheme file against the partners already stored; throws `DomainError('VALIDATION')`. */
async function checkSchemeFile(db: Kysely<Database>, input: unknown, options: ImportOptions): Promise<SchemeFile> {
  const lang = options.lang ?? 'fr';
  const fail = (issues: ValidationIssue[]) => new DomainError('VALIDATION', lang === 'fr' ? 'Le fichier du schéma est invalide.' : 'The scheme file is invalid.', issues);
  // The value rules first: the partner walk below would not end on a cyclic input.
  const values = checkValues(input, lang);
  if (values.unwalkable) throw fail(values.issues);
  // A code the value rules refuse (a NUL would fail the query) is not looked up: its issue stops the import.
  const referenced = referencedPartnerCodes(input).filter((code) => !stringProblem(code, 'code'));
  const existingPartners = referenced.length
    ? await db.selectFrom('partner').select('code').where('code', 'in', referenced).execute()
    : [];
  // Predecessors must be stored schemes (an import runs as the operator: every scheme is visible to it), and
  // the stored scheme the file rewrites moves forward along its lifecycle, never back.
  const known: KnownCodes = {
    partners: new Set(existingPartners.map((p) => p.code)),
    isOfficialTerritory: options.isOfficialTerritory ?? isKnownTerritory,
    ...(await storedSchemes(db, [input])),
  };
  const result = validateSchemeFile(input, lang, known, values);
  if (!result.ok) throw fail(result.issues);
  return result.data;
}

/** The scheme codes an unvalidated file names: its own and its predecessors'. */
function namedSchemes(input: unknown): string[] {
  const scheme = (input as { scheme?: { code?: unknown; predecessor?: unknown; predecessors?: unknown } } | null)?.scheme;
  const list = [scheme?.code, scheme?.predecessor, ...(Array.isArray(scheme?.predecessors) ? scheme.predecessors : [])];
  return list.filter((c): c is string => typeof c === 'string' && !stringProblem(c, 'code'));
}

/**
 * What the store holds of the schemes unvalidated files name (their own codes, their predecessors): the codes
 * that exist, for predecessors, and their statuses, for the lifecycle. The import and `sosms validate` check
 * files with it.
 *
 * ### Examples
 * ```ts
 * const known = await storedSchemes(store.db, [YAML.parse(text)]);
 * validateSchemeFile(YAML.parse(text), 'fr', { ...known, partners });
 * ```
 */
export async function storedSchemes(db: Kysely<Database>, inputs: readonly unknown[]): Promise<Required<Pick<KnownCodes, 'schemes' | 'statuses'>>> {
  const codes = [...new Set(inputs.flatMap(namedSchemes))];
  const rows = codes.length ? await db.selectFrom('scheme').select(['code', 'status']).where('code', 'in', codes).execute() : [];
  return { schemes: new Set(rows.map((r) => r.code)), statuses: new Map(rows.map((r) => [r.code, r.status])) };
}

/** Write a validated file section by section, in an order that lets each refer to the ids of those before. */
async function writeSchemeFile(trx: Transaction<Database>, file: SchemeFile, progress: Progress): Promise<ImportResult> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const tally: Tally = (written, total) => {
    counts.created += written.created.length;
    counts.updated += written.updated.length;
    counts.unchanged += total - written.created.length - written.updated.length;
  };

  const partners = await writePartnersSection(trx, file, tally, progress);
  const schemeId = await writeSchemeSection(trx, file, tally, progress);
  await declareSchemePartners(trx, schemeId, partners);
  await writeDistrictsSection(trx, schemeId, file, tally);
  const tree = await writeOrientationsSection(trx, schemeId, file, partners.id, tally, progress);
  const { indicatorIds, measurements } = await writeIndicatorsSection(trx, schemeId, file, tree, partners.id, tally, progress);
  counts.created += measurements.written;
  counts.unchanged += measurements.total - measurements.written;
  await writeGovernanceSection(trx, schemeId, file, partners.id, tally);
  progress({ stage: 'governance', done: 1, total: 1 });
  await writeConsultationSection(trx, schemeId, file, tally);
  progress({ stage: 'consultation', done: 1, total: 1 });
  await writeEvaluationSection(trx, schemeId, file, indicatorIds, tally);

  return { schemeId, schemeCode: file.scheme.code, counts, measurements: measurements.written };
}
