import { z } from 'zod';
import { code, count, illustrative, isoDate, text } from '../validation/primitives.ts';

export const PHASE_KINDS = ['elaboration', 'consultation', 'validation', 'implementation', 'evaluation'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];
export const EVENT_KINDS = ['launch', 'working_group', 'plenary', 'information_meeting', 'restitution', 'written_contribution', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const PROPOSAL_OUTCOMES = ['pending', 'retained', 'merged', 'set_aside'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

/**
 * A dated phase in the life of a scheme (elaboration, validation, implementation…).
 *
 * ### Examples
 * ```ts
 * phaseSchema.parse({ code: 'phase-1', kind: 'elaboration', title: 'Groupes de travail phase 1', startDate: '2018-01-30', endDate: '2018-02-14' });
 * ```
 */
export const phaseSchema = z
  .object({
    code,
    kind: z.enum(PHASE_KINDS),
    title: text,
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    description: z.string().trim().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.startDate && p.endDate && p.endDate < p.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end_before_start' });
  });

/** A consultation event: a working group, a plenary, an information meeting… */
export const consultationEventSchema = z
  .object({
    code,
    kind: z.enum(EVENT_KINDS),
    title: text,
    date: isoDate,
    endDate: isoDate.optional(),
    participants: count.optional(),
    proposalsCount: count.optional(),
    partners: z.array(code).optional(),
    description: z.string().trim().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.endDate && e.endDate < e.date) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end_before_start' });
  });

/** A proposal made during consultation, and the actions it led to. */
export const proposalSchema = z.object({
  code,
  text,
  event: code.optional(),
  outcome: z.enum(PROPOSAL_OUTCOMES).default('pending'),
  actions: z.array(code).optional(),
  illustrative,
});

export type PhaseDocument = z.infer<typeof phaseSchema>;
export type ConsultationEventDocument = z.infer<typeof consultationEventSchema>;
export type ProposalDocument = z.infer<typeof proposalSchema>;
