import { z } from 'zod';
import { fuzzyDateFromBounds, fuzzyDatePointSchema, fuzzyDateSchema, parseFuzzyDate } from '../shared/fuzzy-date.ts';
import { code, count, illustrative, text } from '../validation/primitives.ts';

export const PHASE_KINDS = ['elaboration', 'consultation', 'validation', 'implementation', 'evaluation'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];
export const EVENT_KINDS = ['launch', 'working_group', 'plenary', 'information_meeting', 'restitution', 'written_contribution', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const PROPOSAL_OUTCOMES = ['pending', 'retained', 'merged', 'set_aside'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

/** Refuse a span whose end comes before its start, and `date` given with `startDate`. */
function checkDates(text: string | null, doc: { date?: string; startDate?: string; endDate?: string }, ctx: z.RefinementCtx) {
  if (doc.date !== undefined && doc.startDate !== undefined) ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'date_and_start' });
  const parsed = parseFuzzyDate(text);
  if (!parsed.ok && parsed.code === 'end_before_start' && doc.endDate !== undefined) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end_before_start' });
}

/**
 * A phase in the life of a scheme (elaboration, validation, implementation…), dated by a day, a month, a
 * year or a span (`date`, or `startDate` and `endDate`), or undated.
 *
 * ### Examples
 * ```ts
 * phaseSchema.parse({ code: 'phase-1', kind: 'elaboration', title: 'Groupes de travail phase 1', startDate: '2018-01-30', endDate: '2018-02-14' });
 * phaseSchema.parse({ code: 'diagnostic', kind: 'elaboration', title: 'Diagnostic', date: '2022/2023' });
 * ```
 */
export const phaseSchema = z
  .object({
    code,
    kind: z.enum(PHASE_KINDS),
    title: text,
    date: fuzzyDateSchema.optional(),
    startDate: fuzzyDatePointSchema.optional(),
    endDate: fuzzyDatePointSchema.optional(),
    description: z.string().trim().optional(),
  })
  .superRefine((p, ctx) => checkDates(phaseDate(p), p, ctx));

/**
 * The fuzzy date of a phase document: `date`, or the span from `startDate` (open when alone) to `endDate`.
 *
 * ### Examples
 * ```ts
 * phaseDate({ startDate: '2018-01-30', endDate: '2018-02-14' }); // '2018-01-30/2018-02-14'
 * ```
 */
export function phaseDate(p: { readonly date?: string; readonly startDate?: string; readonly endDate?: string }): string | null {
  return fuzzyDateFromBounds(p.date ?? p.startDate, p.endDate, p.date !== undefined ? 'point' : 'open');
}

/**
 * The fuzzy date of a consultation event document: `date` (a day, a month, a year or a span), or from
 * `date` to `endDate`; undated when absent.
 *
 * ### Examples
 * ```ts
 * eventDate({ date: '2018-05', endDate: '2018-07' }); // '2018-05/2018-07'
 * ```
 */
export function eventDate(e: { readonly date?: string; readonly endDate?: string }): string | null {
  return fuzzyDateFromBounds(e.date, e.endDate, 'point');
}

/**
 * A consultation event (a working group, a plenary, a series of interviews…), dated by a day, a month, a
 * year or a span (`date`, optionally with `endDate`), or undated (no `date`).
 */
export const consultationEventSchema = z
  .object({
    code,
    kind: z.enum(EVENT_KINDS),
    title: text,
    date: fuzzyDateSchema.optional(),
    endDate: fuzzyDatePointSchema.optional(),
    participants: count.optional(),
    proposalsCount: count.optional(),
    partners: z.array(code).optional(),
    description: z.string().trim().optional(),
  })
  .superRefine((e, ctx) => checkDates(eventDate(e), e, ctx));

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
