import { z } from 'zod';
import { PARTNER_KIND_CODES } from '../nomenclature/nomenclature.ts';
import { code, text } from '../validation/primitives.ts';

/** Roles a partner holds in an action. */
export const ACTION_ROLES = ['pilot', 'copilot', 'partner', 'funder'] as const;
export type ActionRole = (typeof ACTION_ROLES)[number];

/**
 * A partner organisation (never a person). Codes are global: the same ARS serves several schemes.
 *
 * ### Examples
 * ```ts
 * partnerSchema.parse({ code: 'caf-92', name: 'CAF des Hauts-de-Seine', kind: 'caf' });
 * ```
 */
export const partnerSchema = z.object({
  code,
  name: text,
  kind: z.enum(PARTNER_KIND_CODES),
  siren: z.string().regex(/^\d{9}$/, { error: 'siren_format' }).optional(),
  departments: z.array(z.string()).optional(),
});

export type Partner = z.infer<typeof partnerSchema>;
