import type { SchemeRow } from '../database/database.ts';
import type { SchemeStatus } from './scheme.ts';
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
  readonly predecessorCode: string | null;
  readonly levels: string[];
  readonly summary: string | null;
  readonly easyRead: string | null;
  readonly principles: { kind: 'value' | 'principle'; text: string }[];
  readonly legalBasis: string | null;
  readonly keyFigures: { label: string; value: number; unit?: string; year?: number; territory?: string; source?: string; illustrative?: boolean }[];
  readonly sourceUrl: string | null;
  readonly published: boolean;
  readonly illustrative: boolean;
  /** ISO 8601 timestamp of the last write. */
  readonly updatedAt: string;
}

/**
 * Map a `scheme` row to a {@link Scheme}.
 *
 * ### Examples
 * ```ts
 * const scheme = schemeFromRow(await db.selectFrom('scheme').selectAll().where('code', '=', code).executeTakeFirstOrThrow());
 * ```
 */
export function schemeFromRow(row: Omit<SchemeRow, 'search'>): Scheme {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    departments: row.departments,
    period: { start: row.period_start, end: row.period_end },
    status: row.status as SchemeStatus,
    adoption: row.adoption_date ? { date: row.adoption_date, reference: row.adoption_reference } : null,
    predecessorCode: row.predecessor_code,
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
    predecessor: scheme.predecessorCode,
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
