import { z } from 'zod';
import { PUBLIC_CODES, THEME_CODES } from '../nomenclature/nomenclature.ts';
import { ACTION_ROLES } from '../partner/partner.ts';
import { code, illustrative, isoDate, percent, text, weight, year } from '../validation/primitives.ts';
import { indicatorSchema } from '../indicator/indicator.ts';

/** Statuses of an action; `blocked` and `late` come from the French climate-plan tool. */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'paused', 'abandoned', 'blocked', 'late'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const UPDATE_KINDS = ['obstacle', 'next_step', 'achievement'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export const milestoneSchema = z.object({ date: isoDate, title: text, done: z.boolean().optional() });
export const budgetLineSchema = z.object({
  year,
  funder: code,
  planned: z.number().min(0).optional(),
  executed: z.number().min(0).optional(),
});
export const actionUpdateSchema = z.object({ date: isoDate, kind: z.enum(UPDATE_KINDS), text, illustrative });
export const actionPartnerSchema = z.object({ partner: code, role: z.enum(ACTION_ROLES) });

/**
 * A fiche-action, as French local-government tools store it.
 *
 * ### Examples
 * ```ts
 * actionSchema.parse({ code: '1.1.1', title: "Renforcer les capacités d'observation" });
 * ```
 */
export const actionSchema = z
  .object({
    code,
    title: text,
    description: z.string().trim().optional(),
    easyRead: z.string().trim().optional(),
    objectives: z.array(text).optional(),
    expectedResults: z.array(text).optional(),
    publics: z.array(z.enum(PUBLIC_CODES)).optional(),
    themes: z.array(z.enum(THEME_CODES)).optional(),
    territories: z.array(z.string().trim().min(1)).optional(),
    pilot: code.optional(),
    partners: z.array(actionPartnerSchema).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    milestones: z.array(milestoneSchema).optional(),
    budget: z.array(budgetLineSchema).optional(),
    priority: z.enum(PRIORITIES).optional(),
    status: z.enum(ACTION_STATUSES).default('planned'),
    progress: percent.optional(),
    weight: weight.optional(),
    updates: z.array(actionUpdateSchema).optional(),
    indicators: z.array(indicatorSchema).optional(),
    illustrative,
  })
  .superRefine((action, ctx) => {
    if (action.startDate && action.endDate && action.endDate < action.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end_before_start' });
    }
  });

export type ActionInput = z.input<typeof actionSchema>;
export type ActionDocument = z.infer<typeof actionSchema>;
export type ActionUpdateDocument = z.infer<typeof actionUpdateSchema>;
