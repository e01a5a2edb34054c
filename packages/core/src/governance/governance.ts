import { z } from 'zod';
import { code, isoDate, text } from '../validation/primitives.ts';

export const BODY_KINDS = ['copil', 'technical_committee', 'citizen_body', 'thematic_commission', 'other'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export const meetingSchema = z.object({
  date: isoDate,
  title: text,
  summary: z.string().trim().optional(),
  decisions: z
    .array(z.object({ text, orientations: z.array(code).optional(), actions: z.array(code).optional() }))
    .optional(),
});

/**
 * A governing body (COPIL, technical committee, citizen body…) whose members are partners.
 *
 * ### Examples
 * ```ts
 * governingBodySchema.parse({ code: 'copil', kind: 'copil', name: 'Comité de pilotage', members: [{ partner: 'ars-occitanie' }] });
 * ```
 */
export const governingBodySchema = z.object({
  code,
  kind: z.enum(BODY_KINDS),
  name: text,
  description: z.string().trim().optional(),
  members: z.array(z.object({ partner: code, role: z.string().trim().optional() })).optional(),
  meetings: z.array(meetingSchema).optional(),
});

export type GoverningBodyDocument = z.infer<typeof governingBodySchema>;
