import { z } from 'zod';

/**
 * Building blocks shared by every concept's validation schema.
 *
 * ### Examples
 * ```ts
 * isoDate.parse('2024-01-31'); // '2024-01-31'
 * ```
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    error: 'date_invalid',
  });

/** A code chosen by the scheme's authors ("1", "1.2", "1.2.3", "copil"…): letters, digits, dots, dashes, underscores. */
export const code = z.string().trim().min(1).max(80).regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, { error: 'code_format' });

/** An INSEE département code: 01…95, 2A, 2B, 971…976. */
export const departmentCode = z.string().regex(/^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/, { error: 'department_code' });

/** A non-empty text, trimmed. */
export const text = z.string().trim().min(1);

/** A year between 1990 and 2100. */
export const year = z.number().int().min(1990).max(2100);

/** A percentage between 0 and 100. */
export const percent = z.number().min(0).max(100);

/** A positive weight for progress roll-up. */
export const weight = z.number().positive();

/** Marks data that is not in the real source texts (demo values). */
export const illustrative = z.boolean().optional();
