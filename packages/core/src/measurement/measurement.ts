import { z } from 'zod';
import { illustrative } from '../validation/primitives.ts';
import { dateInRange } from '../validation/values.ts';

/** A period: a year (`2024`), a quarter (`2024-Q1`) or a month (`2024-03`). */
export const period = z
  .string()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, { error: 'period_format' })
  // Its first day is stored as a `date`: the years of the dates' range (1900–2100).
  .refine((value) => !/^\d{4}/.test(value) || dateInRange(`${value.slice(0, 4)}-01-01`), { error: 'date_range' });

export const MISSING_REASONS = ['not_yet_known', 'statistical_secrecy', 'not_applicable'] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];

/**
 * One value of an indicator for a period and a territory. A correction is a new revision; earlier ones are kept.
 *
 * ### Examples
 * ```ts
 * measurementSchema.parse({ period: '2024-Q1', territory: 'dep:92', value: 41.5 });
 * measurementSchema.parse({ period: '2024', territory: 'com:48095', missingReason: 'statistical_secrecy' });
 * ```
 */
export const measurementSchema = z
  .object({
    period,
    territory: z.string().trim().min(1),
    value: z.number().nullable().optional(),
    numerator: z.number().optional(),
    denominator: z.number().optional(),
    missingReason: z.enum(MISSING_REASONS).optional(),
    provisional: z.boolean().optional(),
    source: z.string().trim().optional(),
    comment: z.string().trim().optional(),
    illustrative,
  })
  .superRefine((m, ctx) => {
    const hasValue = m.value !== undefined && m.value !== null;
    if (!hasValue && !m.missingReason) ctx.addIssue({ code: 'custom', path: ['value'], message: 'value_or_reason' });
    if (hasValue && m.missingReason) ctx.addIssue({ code: 'custom', path: ['missingReason'], message: 'reason_with_value' });
  });

export type MeasurementInput = z.input<typeof measurementSchema>;
export type MeasurementDocument = z.infer<typeof measurementSchema>;

export { periodStart } from '../rules/period.ts';
