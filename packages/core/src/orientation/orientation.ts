import { z } from 'zod';
import { code, text, weight } from '../validation/primitives.ts';
import { actionSchema } from '../action/action.ts';
import { indicatorSchema } from '../indicator/indicator.ts';

/**
 * An orientation (axe, intention, objectif, partie…): a tree of any depth; actions hang from any node.
 *
 * ### Examples
 * ```ts
 * orientationSchema.parse({ code: '1', title: 'Gouvernance', orientations: [{ code: '1.1', title: 'Piloter, évaluer et rendre lisible les actions du schéma' }] });
 * ```
 */
export const orientationSchema = z.object({
  code,
  title: text,
  description: z.string().trim().optional(),
  easyRead: z.string().trim().optional(),
  objectives: z.array(text).optional(),
  weight: weight.optional(),
  get orientations() {
    return z.array(orientationSchema).optional();
  },
  actions: z.array(actionSchema).optional(),
  indicators: z.array(indicatorSchema).optional(),
});

export interface OrientationDocument {
  code: string;
  title: string;
  description?: string;
  easyRead?: string;
  objectives?: string[];
  weight?: number;
  orientations?: OrientationDocument[];
  actions?: z.infer<typeof actionSchema>[];
  indicators?: z.infer<typeof indicatorSchema>[];
}
