import { z } from 'zod';
import { PUBLIC_CODES, THEME_CODES } from '../nomenclature/nomenclature.ts';
import { code, departmentCode, illustrative, isoDate, text, year } from '../validation/primitives.ts';
import { keyFigureSchema } from './key-figure.ts';

export { KEY_FIGURE_QUALIFIERS, keyFigureSchema, keyFigureValueText, type KeyFigure, type KeyFigureQualifier } from './key-figure.ts';

import { SCHEME_STATUSES, type SchemeStatus } from '../rules/lifecycle.ts';

/** Lifecycle of a scheme: draft → consultation → adopted → in force → closed (its rules: rules/lifecycle.ts). */
export { SCHEME_STATUSES, type SchemeStatus };

/** A value or principle the scheme states. */
export const principleSchema = z.object({
  kind: z.enum(['value', 'principle']),
  text,
});


/**
 * A scheme's own metadata (without its orientations, actions and other children).
 *
 * ### Examples
 * ```ts
 * schemeMetadataSchema.parse({ code: '48-2018-2022', title: 'Schéma unique des solidarités', departments: ['48'], period: { start: 2018, end: 2022 }, status: 'in_force' });
 * ```
 */
export const schemeMetadataSchema = z
  .object({
    code,
    title: text,
    departments: z.array(departmentCode).min(1),
    period: z.object({ start: year, end: year }),
    status: z.enum(SCHEME_STATUSES),
    adoption: z.object({ date: isoDate, reference: z.string().trim().optional() }).optional(),
    /** Shorthand for one predecessor (files written before several were allowed). */
    predecessor: code.optional(),
    /** The schemes this one continues, by code: a « schéma unique » may replace several sectoral ones. */
    predecessors: z.array(code).optional(),
    /** Publics the scheme covers, in the shared nomenclature. */
    publics: z.array(z.enum(PUBLIC_CODES)).optional(),
    /** Themes the scheme covers, in the shared nomenclature. */
    themes: z.array(z.enum(THEME_CODES)).optional(),
    levels: z.array(text).optional(),
    summary: z.string().trim().optional(),
    easyRead: z.string().trim().optional(),
    principles: z.array(principleSchema).optional(),
    legalBasis: z.string().trim().optional(),
    keyFigures: z.array(keyFigureSchema).optional(),
    sourceUrl: z.string().url().optional(),
    published: z.boolean().optional(),
    illustrative,
  })
  .superRefine((scheme, ctx) => {
    if (scheme.period.end < scheme.period.start) {
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'end_before_start' });
    }
    // Six calendar years at most, both ends included (2019-2024 is six): the rule docs/scheme-format.md states.
    if (scheme.period.end - scheme.period.start + 1 > 6) {
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'period_too_long' });
    }
    if (scheme.predecessor !== undefined && scheme.predecessors !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['predecessor'], message: 'predecessor_and_predecessors' });
    }
    const predecessors = schemePredecessors(scheme);
    predecessors.forEach((p, i) => {
      const path = scheme.predecessors ? ['predecessors', i] : ['predecessor'];
      if (p === scheme.code) ctx.addIssue({ code: 'custom', path, message: 'predecessor_self' });
      else if (predecessors.indexOf(p) !== i) ctx.addIssue({ code: 'custom', path, message: 'duplicate_code' });
    });
  });

/**
 * The predecessors a scheme's metadata names: `predecessors`, or the one `predecessor` of older files.
 *
 * ### Examples
 * ```ts
 * schemePredecessors({ predecessor: '92-78-2018-2023' }); // ['92-78-2018-2023']
 * ```
 */
export function schemePredecessors(data: { readonly predecessor?: string; readonly predecessors?: readonly string[] }): string[] {
  return data.predecessors ? [...data.predecessors] : data.predecessor ? [data.predecessor] : [];
}

export type SchemeMetadata = z.infer<typeof schemeMetadataSchema>;
