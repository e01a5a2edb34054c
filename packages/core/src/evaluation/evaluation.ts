import { z } from 'zod';
import { code, illustrative, isoDate, text } from '../validation/primitives.ts';

/** Kinds of evaluation: mid-term (« évaluation à mi-parcours »), final, or on one theme. */
export const EVALUATION_KINDS = ['mid_term', 'final', 'thematic'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/** Who wrote an evaluation: the département's own team, or an external firm. */
export const AUTHOR_KINDS = ['internal', 'external'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

/** The evaluative criteria (relevance, effectiveness, efficiency, coherence, impact). */
export const EVALUATION_CRITERIA = ['relevance', 'effectiveness', 'efficiency', 'coherence', 'impact'] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];

/** The follow-up of a recommendation. */
export const FOLLOW_UP_STATUSES = ['pending', 'accepted', 'rejected', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** The acts of a scheme's legal trail. */
export const LEGAL_ACT_KINDS = ['deliberation', 'opinion', 'amendment', 'mid_term_revision'] as const;
export type LegalActKind = (typeof LEGAL_ACT_KINDS)[number];

/** What a consulted body said. */
export const OPINIONS = ['favourable', 'favourable_with_reservations', 'unfavourable', 'deemed_favourable'] as const;
export type Opinion = (typeof OPINIONS)[number];

/** What became of an action of the previous scheme in this one. */
export const LINEAGE_FATES = ['renewed', 'merged', 'split', 'dropped'] as const;
export type LineageFate = (typeof LINEAGE_FATES)[number];

/**
 * An evaluative question about an orientation or an action, judged on criteria, answered from indicators
 * and sources, with its findings.
 *
 * ### Examples
 * ```ts
 * evaluationQuestionSchema.parse({ code: 'q1', text: "L'accueil est-il plus rapide ?", action: '1.1', criteria: ['effectiveness'] });
 * ```
 */
export const evaluationQuestionSchema = z.object({
  code,
  text,
  orientation: code.optional(),
  action: code.optional(),
  criteria: z.array(z.enum(EVALUATION_CRITERIA)).min(1),
  indicators: z.array(code).optional(),
  sources: z.array(text).optional(),
  findings: z.array(text).optional(),
  illustrative,
});

/**
 * A recommendation of an evaluation and its follow-up; `actions` are the actions it changed.
 *
 * ### Examples
 * ```ts
 * recommendationSchema.parse({ code: 'r1', text: 'Ouvrir un 15e SST', followUp: { status: 'accepted', date: '2026-03-01' }, actions: ['1.1'] });
 * ```
 */
export const recommendationSchema = z.object({
  code,
  text,
  question: code.optional(),
  followUp: z
    .object({
      status: z.enum(FOLLOW_UP_STATUSES),
      date: isoDate.optional(),
      /** Internal note: never in the public report. */
      note: z.string().trim().optional(),
    })
    .optional(),
  actions: z.array(code).optional(),
  illustrative,
});

/**
 * A mid-term or final evaluation of a scheme, by internal or external authors.
 *
 * ### Examples
 * ```ts
 * evaluationSchema.parse({ code: 'mi-parcours', kind: 'mid_term', title: 'Évaluation à mi-parcours', date: '2026-06-30', authors: [{ name: 'Mission évaluation', kind: 'internal' }] });
 * ```
 */
export const evaluationSchema = z.object({
  code,
  kind: z.enum(EVALUATION_KINDS),
  title: text,
  startDate: isoDate.optional(),
  date: isoDate,
  authors: z.array(z.object({ name: text, kind: z.enum(AUTHOR_KINDS) })).min(1),
  summary: z.string().trim().optional(),
  easyRead: z.string().trim().optional(),
  questions: z.array(evaluationQuestionSchema).optional(),
  recommendations: z.array(recommendationSchema).optional(),
  illustrative,
});

/**
 * One act of the legal trail: the adopting deliberation, a mandatory opinion, an amendment (avenant) or a
 * mid-term revision; `changes` names what it changed.
 *
 * ### Examples
 * ```ts
 * legalActSchema.parse({ code: 'deliberation', kind: 'deliberation', date: '2018-09-28', title: 'Adoption du schéma', assembly: 'Conseil départemental' });
 * ```
 */
export const legalActSchema = z.object({
  code,
  kind: z.enum(LEGAL_ACT_KINDS),
  date: isoDate,
  title: text,
  /** Number of the deliberation or of the act (« n° 18.123 »). */
  number: z.string().trim().min(1).optional(),
  /** The assembly that voted (deliberations, amendments, revisions). */
  assembly: z.string().trim().min(1).optional(),
  /** The body consulted (opinions): PJJ, préfet, CDCA, CTS… */
  body: z.string().trim().min(1).optional(),
  opinion: z.enum(OPINIONS).optional(),
  summary: z.string().trim().optional(),
  changes: z
    .array(z.object({ text, action: code.optional(), orientation: code.optional(), indicator: code.optional() }))
    .optional(),
  illustrative,
});

const targetValue = z.object({ value: z.number(), date: isoDate.optional() });

/**
 * A revision of an indicator's target: the original and the revised target, when and why; `act` is the
 * legal act that decided it. The indicator's `target` is the current one.
 *
 * ### Examples
 * ```ts
 * targetRevisionSchema.parse({ indicator: 'rsa-emploi-12m', date: '2021-06-30', original: { value: 60 }, revised: { value: 55 }, justification: 'Crise sanitaire' });
 * ```
 */
export const targetRevisionSchema = z.object({
  indicator: code,
  date: isoDate,
  original: targetValue,
  revised: targetValue,
  justification: text,
  act: code.optional(),
  illustrative,
});

/**
 * What became of an action of a previous scheme: renewed, merged or split into actions of this scheme, or
 * dropped. `scheme` defaults to the scheme's `predecessor`.
 *
 * ### Examples
 * ```ts
 * lineageSchema.parse({ action: '2.3', fate: 'merged', into: ['2.3'] });
 * ```
 */
export const lineageSchema = z.object({
  scheme: code.optional(),
  action: code,
  fate: z.enum(LINEAGE_FATES),
  into: z.array(code).optional(),
  note: z.string().trim().optional(),
  illustrative,
});

export type EvaluationDocument = z.infer<typeof evaluationSchema>;
export type EvaluationQuestionDocument = z.infer<typeof evaluationQuestionSchema>;
export type RecommendationDocument = z.infer<typeof recommendationSchema>;
export type LegalActDocument = z.infer<typeof legalActSchema>;
export type TargetRevisionDocument = z.infer<typeof targetRevisionSchema>;
export type LineageDocument = z.infer<typeof lineageSchema>;
