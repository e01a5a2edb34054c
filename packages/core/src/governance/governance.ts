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
 * A person sitting in a body by role (« vice-président chargé des solidarités », « directeur général des
 * services »), with an optional name: no other personal data is kept.
 */
export const personSchema = z.object({
  role: text,
  name: z.string().trim().min(1).optional(),
});

/**
 * A member of a governing body: an organisation (`partner`), or a person by role (`person`), optionally
 * for an organisation (`partner` beside `person`); `role` is the seat's role in the body (« président »).
 *
 * ### Examples
 * ```ts
 * bodyMemberSchema.parse({ person: { role: 'Vice-présidente chargée des solidarités' }, partner: 'cd48' });
 * bodyMemberSchema.parse({ partner: 'ars-occitanie', role: 'membre' });
 * ```
 */
export const bodyMemberSchema = z
  .object({
    partner: code.optional(),
    person: personSchema.optional(),
    role: z.string().trim().optional(),
  })
  .superRefine((m, ctx) => {
    if (!m.partner && !m.person) ctx.addIssue({ code: 'custom', path: ['partner'], message: 'member_who' });
  });

export type BodyMemberDocument = z.infer<typeof bodyMemberSchema>;

/**
 * A governing body (COPIL, technical committee, citizen body…) whose members are organisations or
 * persons by role.
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
  members: z.array(bodyMemberSchema).optional(),
  meetings: z.array(meetingSchema).optional(),
});

export type GoverningBodyDocument = z.infer<typeof governingBodySchema>;
