import type { Kysely } from 'kysely';
import type { Database, SchemeRow } from '../database/database.ts';
import { runCommand, type Caller, type CommandContext } from '../access/command.ts';
import { hasAdoptionFacts, statusChange, type StatusChangeReason, type StatusChangeVerdict } from '../rules/lifecycle.ts';
import { notFoundError, validated, validationError } from '../shared/errors.ts';
import { isoDate } from '../validation/primitives.ts';
import { z } from 'zod';
import { isSchemeVisible } from '../shared/visibility.ts';
import { DomainError, messageWithDetail, translate, validate, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { insertScheme, insertStatusChange, lockSchemeRow, setSchemePublishedRow, updateSchemeRow, visibleSchemeCodes } from './scheme.repository.ts';
import type { StatusChangeKind } from './scheme.table.ts';
import { SCHEME_STATUSES, schemeMetadataSchema, schemePredecessors, type KeyFigure, type SchemeMetadata, type SchemeStatus } from './scheme.ts';
import type { PublicCode, ThemeCode } from '../nomenclature/nomenclature.ts';
import { toIsoTimestamp, withoutNulls } from '../shared/values.ts';

/**
 * A scheme as the rest of the code sees it: camelCase, with its database `id`. Children (orientations,
 * actions, indicators…) are read separately by scheme id.
 *
 * ### Examples
 * ```ts
 * const [scheme] = await getSchemesByCodes(db, ['48-2018-2022']);
 * scheme.period; // { start: 2018, end: 2022 }
 * ```
 */
export interface Scheme {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly departments: string[];
  readonly period: { start: number; end: number };
  readonly status: SchemeStatus;
  readonly adoption: { date: string; reference: string | null } | null;
  /** Codes of the schemes this one continues, in the order it lists them (visible or not: readers filter). */
  readonly predecessors: readonly string[];
  /** The first of `predecessors`: the default previous scheme of an action lineage. */
  readonly predecessorCode: string | null;
  /** Publics the scheme covers (nomenclature codes). */
  readonly publics: readonly PublicCode[];
  /** Themes the scheme covers (nomenclature codes). */
  readonly themes: readonly ThemeCode[];
  readonly levels: string[];
  readonly summary: string | null;
  readonly easyRead: string | null;
  readonly principles: { kind: 'value' | 'principle'; text: string }[];
  readonly legalBasis: string | null;
  readonly keyFigures: KeyFigure[];
  readonly sourceUrl: string | null;
  readonly published: boolean;
  readonly illustrative: boolean;
  /** ISO 8601 timestamp of the last write. */
  readonly updatedAt: string;
}

/**
 * Map a `scheme` row and its predecessors' codes (table `scheme_predecessor`, by position) to a {@link Scheme}.
 *
 * ### Examples
 * ```ts
 * const scheme = schemeFromRow(await db.selectFrom('scheme').selectAll().where('code', '=', code).executeTakeFirstOrThrow(), ['48-2013-2017']);
 * ```
 */
export function schemeFromRow(row: Omit<SchemeRow, 'search'>, predecessors: readonly string[] = []): Scheme {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    departments: row.departments,
    period: { start: row.period_start, end: row.period_end },
    status: row.status as SchemeStatus,
    adoption: row.adoption_date ? { date: row.adoption_date, reference: row.adoption_reference } : null,
    predecessors,
    predecessorCode: predecessors[0] ?? null,
    publics: row.publics as PublicCode[],
    themes: row.themes as ThemeCode[],
    levels: row.levels,
    summary: row.summary,
    easyRead: row.easy_read,
    principles: row.principles,
    legalBasis: row.legal_basis,
    keyFigures: row.key_figures,
    sourceUrl: row.source_url,
    published: row.published,
    illustrative: row.illustrative,
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

/**
 * A scheme back in the shape of its metadata document (for merging a patch and validating the result).
 *
 * ### Examples
 * ```ts
 * validate(schemeMetadataSchema, { ...schemeToMetadata(scheme), title: 'Nouveau titre' });
 * ```
 */
export function schemeToMetadata(scheme: Scheme): Record<string, unknown> {
  return withoutNulls({
    code: scheme.code,
    title: scheme.title,
    departments: scheme.departments,
    period: scheme.period,
    status: scheme.status,
    adoption: scheme.adoption ? withoutNulls(scheme.adoption) : null,
    predecessors: scheme.predecessors.length ? [...scheme.predecessors] : null,
    publics: scheme.publics.length ? [...scheme.publics] : null,
    themes: scheme.themes.length ? [...scheme.themes] : null,
    levels: scheme.levels,
    summary: scheme.summary,
    easyRead: scheme.easyRead,
    principles: scheme.principles,
    legalBasis: scheme.legalBasis,
    keyFigures: scheme.keyFigures,
    sourceUrl: scheme.sourceUrl,
    published: scheme.published,
    illustrative: scheme.illustrative,
  });
}

/**
 * The scheme a command writes (or writes into), its row locked: `update` for a write of the scheme
 * itself, `share` for a write of one of its children. A scheme the caller may not see is NOT_FOUND, as an
 * unknown one (no one can probe hidden codes); one it sees but does not cover entirely is FORBIDDEN.
 *
 * ### Examples
 * ```ts
 * const scheme = await schemeForWrite(ctx, { code: '48-2018-2022' }, 'share');
 * ```
 */
export async function schemeForWrite(ctx: CommandContext, key: { code: string } | { id: string }, lock: 'update' | 'share'): Promise<Scheme> {
  const scheme = await lockSchemeRow(ctx.trx, key, lock);
  if (!scheme || !isSchemeVisible(scheme, ctx.visibility)) {
    throw 'code' in key ? notFoundError('unknown_scheme', 'schemeCode', key.code, ctx.lang) : notFoundError('unknown_scheme', 'schemeId', key.id, ctx.lang);
  }
  // A contributor writes only measurements; its command checks the indicator against the token.
  if (ctx.principal.role !== 'contributor') ctx.assertCovers(scheme.departments);
  return scheme;
}

/** Validate scheme metadata; throws VALIDATION with field paths. */
function validMetadata(input: unknown, lang: Lang): SchemeMetadata {
  const result = validate(schemeMetadataSchema, input, lang);
  if (!result.ok) throw validationError(result.issues, lang);
  return result.data;
}

/**
 * The rules every stored scheme meets beyond its own fields: a caller other than the operator creates
 * only codes of its own départements (`48-…`); predecessors exist and are visible to the caller; a
 * status that needs the vote has the adoption facts when `requireAdoption` (commands that record a
 * vote now; a file may describe an old scheme whose deliberation its sources do not give).
 */
async function checkSchemeRules(ctx: CommandContext, data: SchemeMetadata, options: { creating: boolean; requireAdoption: boolean }): Promise<void> {
  const issues: ValidationIssue[] = [];
  if (options.creating && ctx.principal.role !== 'operator') {
    const prefix = data.code.split('-')[0]!;
    if (!data.departments.includes(prefix)) issues.push({ path: 'code', code: 'code_namespace', message: translate('code_namespace', ctx.lang) });
  }
  const predecessors = schemePredecessors(data);
  if (predecessors.length) {
    const known = await visibleSchemeCodes(ctx.trx, predecessors, ctx.visibility);
    predecessors.forEach((code, i) => {
      const path = data.predecessors ? `predecessors[${i}]` : 'predecessor';
      if (!known.has(code)) issues.push({ path, code: 'unknown_predecessor', message: messageWithDetail('unknown_predecessor', code, ctx.lang) });
    });
  }
  if (options.requireAdoption && !hasAdoptionFacts(data.status, data.adoption)) {
    issues.push({ path: 'adoption', code: 'adoption_required', message: translate('adoption_required', ctx.lang) });
  }
  if (issues.length) throw validationError(issues, ctx.lang);
}

/** Refuse a status change the lifecycle does not allow; returns the kind of change to record. */
function checkStatusChange(ctx: CommandContext, from: SchemeStatus, to: SchemeStatus, reason?: StatusChangeReason): StatusChangeVerdict & { ok: true } {
  const verdict = statusChange(from, to, reason);
  if (!verdict.ok) throw validationError([{ path: 'status', code: verdict.code, message: translate(verdict.code, ctx.lang) }], ctx.lang);
  return verdict;
}

/**
 * Create a scheme (editor of every one of its départements, code in their namespace: `48-…`). Two
 * racing creations of one code give one scheme and one CONFLICT; a code the caller may not see is
 * refused as outside its namespace before anything is looked up.
 *
 * ### Examples
 * ```ts
 * const scheme = await createScheme(db, { principal }, { code: '48-2023-2027', title: 'Schéma des solidarités', departments: ['48'], period: { start: 2023, end: 2027 }, status: 'draft' });
 * ```
 */
export function createScheme(db: Kysely<Database>, caller: Caller, input: unknown): Promise<Scheme> {
  return runCommand(db, caller, 'scheme:create', async (ctx) => {
    const data = validMetadata(input, ctx.lang);
    ctx.assertCovers(data.departments);
    await checkSchemeRules(ctx, data, { creating: true, requireAdoption: true });
    const scheme = await insertScheme(ctx.trx, data);
    if (!scheme) {
      const message = messageWithDetail('scheme_code_exists', data.code, ctx.lang);
      throw new DomainError('CONFLICT', message, [{ path: 'code', code: 'scheme_code_exists', message }]);
    }
    return { value: scheme, entityId: scheme.id, before: null, after: scheme };
  });
}

/** A patch of a scheme's metadata: absent keys keep their value, `null` clears an optional field. */
export type SchemePatch = { readonly [K in keyof Omit<SchemeMetadata, 'code'>]?: SchemeMetadata[K] | null };

/**
 * Change some fields of a scheme's metadata. The caller covers every département before and after (a
 * scheme cannot be moved to, or shared with, a département the caller does not hold); the patched
 * scheme is validated as a whole; the code cannot change; a status change obeys the lifecycle
 * (`changeSchemeStatus` records amendments and withdrawals).
 *
 * ### Examples
 * ```ts
 * const scheme = await updateScheme(db, { principal }, '48-2018-2022', { summary: null, title: 'Schéma unique' });
 * ```
 */
export function updateScheme(db: Kysely<Database>, caller: Caller, code: string, patch: SchemePatch): Promise<Scheme> {
  return runCommand(db, caller, 'scheme:update', async (ctx) => {
    const before = await schemeForWrite(ctx, { code }, 'update');
    const patchedCode = (patch as { code?: unknown }).code;
    if (patchedCode !== undefined && patchedCode !== before.code) {
      const message = ctx.lang === 'fr' ? "le code d'un schéma ne peut pas être modifié" : 'the code of a scheme cannot change';
      throw validationError([{ path: 'code', code: 'code_immutable', message }], ctx.lang);
    }
    const merged: Record<string, unknown> = { ...schemeToMetadata(before) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else if (value !== undefined) merged[key] = value;
    }
    merged.code = before.code;
    const data = validMetadata(merged, ctx.lang);
    ctx.assertCovers(data.departments);
    const { kind } = checkStatusChange(ctx, before.status, data.status);
    await checkSchemeRules(ctx, data, { creating: false, requireAdoption: data.status !== before.status });
    const after = await updateSchemeRow(ctx.trx, before.id, data);
    if (after.status !== before.status) await recordStatusChange(ctx, before, after.status, { kind, date: today() });
    return { value: after, entityId: after.id, before, after };
  });
}

/** What {@link changeSchemeStatus} takes: the new status, the adoption facts when it needs them, why when going back. */
export interface StatusChangeInput {
  readonly status: SchemeStatus;
  readonly adoption?: { readonly date: string; readonly reference: string };
  /** Needed to go back along the lifecycle: an amendment or a withdrawal, dated and motivated. */
  readonly change?: StatusChangeReason;
}

/**
 * Move a scheme along its legal lifecycle (draft → consultation → adopted → in force → closed), or back
 * with a dated and motivated amendment or withdrawal; every change is kept in the scheme's trail.
 * Adopted and later statuses need the adoption date and the deliberation's reference.
 *
 * ### Examples
 * ```ts
 * await changeSchemeStatus(db, { principal }, '48-2023-2027', { status: 'adopted', adoption: { date: '2023-12-15', reference: 'CD-2023-112' } });
 * await changeSchemeStatus(db, { principal }, '48-2023-2027', { status: 'draft', change: { kind: 'amendment', date: '2025-06-30', reason: 'Révision à mi-parcours' } });
 * ```
 */
/** The shape of a {@link StatusChangeInput}: every value checked as the database would (NUL, dates, lengths). */
const statusChangeInputSchema = z.object({
  status: z.enum(SCHEME_STATUSES),
  adoption: z.object({ date: isoDate, reference: z.string() }).optional(),
  change: z.object({ kind: z.enum(['amendment', 'withdrawal']), date: z.union([z.literal(''), isoDate]), reason: z.string() }).optional(),
});

export function changeSchemeStatus(db: Kysely<Database>, caller: Caller, code: string, rawInput: StatusChangeInput): Promise<Scheme> {
  return runCommand(db, caller, 'scheme:change-status', async (ctx) => {
    const input: StatusChangeInput = validated(statusChangeInputSchema, rawInput, ctx.lang);
    const before = await schemeForWrite(ctx, { code }, 'update');
    const data = validMetadata({ ...schemeToMetadata(before), status: input.status, ...(input.adoption ? { adoption: input.adoption } : {}) }, ctx.lang);
    const { kind } = checkStatusChange(ctx, before.status, data.status, input.change);
    await checkSchemeRules(ctx, data, { creating: false, requireAdoption: true });
    const after = await updateSchemeRow(ctx.trx, before.id, data);
    if (after.status !== before.status) await recordStatusChange(ctx, before, after.status, input.change ?? { kind, date: today() });
    return { value: after, entityId: after.id, before, after };
  });
}

async function recordStatusChange(ctx: CommandContext, before: Scheme, to: SchemeStatus, change: { kind: StatusChangeKind; date: string; reason?: string }): Promise<void> {
  await insertStatusChange(ctx.trx, {
    scheme_id: before.id,
    from_status: before.status,
    to_status: to,
    kind: change.kind,
    date: change.date,
    reason: change.reason ?? null,
    token_label: ctx.principal.label,
  });
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Publish or unpublish a scheme (an unpublished scheme is hidden like a draft).
 *
 * ### Examples
 * ```ts
 * await setSchemePublished(db, { principal }, '92-2024-2028', false);
 * ```
 */
export function setSchemePublished(db: Kysely<Database>, caller: Caller, code: string, published: boolean): Promise<Scheme> {
  return runCommand(db, caller, published ? 'scheme:publish' : 'scheme:unpublish', async (ctx) => {
    if (typeof published !== 'boolean') {
      throw validationError([{ path: 'published', code: 'invalid_type', message: ctx.lang === 'fr' ? 'booléen attendu' : 'expected a boolean' }], ctx.lang);
    }
    const before = await schemeForWrite(ctx, { code }, 'update');
    const after = await setSchemePublishedRow(ctx.trx, before.id, published);
    return { value: after, entityId: after.id, before, after };
  });
}
