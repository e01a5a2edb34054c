import { z } from 'zod';
import { dateInRange, LENGTH_CAPS, VALUE_LIMITS } from './values.ts';

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
  })
  // PostgreSQL's `date` has no year 0000; a scheme has nothing to say before 1900 or after 2100.
  .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || dateInRange(value), { error: 'date_range' });

/** A code chosen by the scheme's authors ("1", "1.2", "1.2.3", "copil"…): letters, digits, dots, dashes, underscores. */
export const code = z.string().trim().min(1).max(LENGTH_CAPS.code!).regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, { error: 'code_format' });

/** An INSEE département code: 01…95, 2A, 2B, 971…976. */
export const departmentCode = z.string().regex(/^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/, { error: 'department_code' });

/** A non-empty text, trimmed. */
export const text = z.string().trim().min(1);

/** A year between 1990 and 2100. */
export const year = z.number().int().min(1990).max(2100);

/** A count stored in an `integer` column (participants, proposals): 0 to 2,147,483,647. */
export const count = z.number().int().min(0).max(VALUE_LIMITS.int4.max, { error: 'integer_range' });

/** A percentage between 0 and 100. */
export const percent = z.number().min(0).max(100);

/** A positive weight for progress roll-up. */
export const weight = z.number().positive();

/** Marks data that is not in the real source texts (demo values). */
export const illustrative = z.boolean().optional();
