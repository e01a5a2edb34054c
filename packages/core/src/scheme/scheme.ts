import { z } from 'zod';
import { code, departmentCode, illustrative, isoDate, text, year } from '../validation/primitives.ts';

import { SCHEME_STATUSES, type SchemeStatus } from '../rules/lifecycle.ts';

/** Lifecycle of a scheme: draft → consultation → adopted → in force → closed (its rules: rules/lifecycle.ts). */
export { SCHEME_STATUSES, type SchemeStatus };

/** A value or principle the scheme states. */
export const principleSchema = z.object({
  kind: z.enum(['value', 'principle']),
  text,
});

/** A context figure stated by the scheme (demography, social data). */
export const keyFigureSchema = z.object({
  label: text,
  value: z.number(),
  unit: z.string().trim().optional(),
  year: year.optional(),
  territory: z.string().trim().optional(),
  source: z.string().trim().optional(),
  illustrative,
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
    predecessor: code.optional(),
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
  });

export type SchemeMetadata = z.infer<typeof schemeMetadataSchema>;
