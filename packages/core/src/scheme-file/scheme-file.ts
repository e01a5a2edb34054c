import { z } from 'zod';
import { schemeMetadataSchema } from '../scheme/scheme.ts';
import { partnerSchema } from '../partner/partner.ts';
import { districtSchema } from '../territory/territory.ts';
import { orientationSchema, type OrientationDocument } from '../orientation/orientation.ts';
import { indicatorSchema } from '../indicator/indicator.ts';
import { governingBodySchema } from '../governance/governance.ts';
import { consultationEventSchema, phaseSchema, proposalSchema } from '../consultation/consultation.ts';
import { evaluationSectionShape } from './sections/evaluation.ts';

/**
 * A whole scheme as one file ("scheme as code"): metadata, partners, districts, the orientation tree
 * with its actions and indicators, governance, phases, consultation and proposals.
 *
 * ### Examples
 * ```ts
 * const doc = schemeFileSchema.parse(YAML.parse(text));
 * ```
 */
export const schemeFileSchema = z.object({
  $schema: z.string().optional(),
  scheme: schemeMetadataSchema,
  partners: z.array(partnerSchema).optional(),
  districts: z.array(districtSchema).optional(),
  orientations: z.array(orientationSchema).optional(),
  indicators: z.array(indicatorSchema).optional(),
  governingBodies: z.array(governingBodySchema).optional(),
  phases: z.array(phaseSchema).optional(),
  consultationEvents: z.array(consultationEventSchema).optional(),
  proposals: z.array(proposalSchema).optional(),
  ...evaluationSectionShape,
});

export type SchemeFileInput = z.input<typeof schemeFileSchema>;
export type SchemeFile = Omit<z.infer<typeof schemeFileSchema>, 'orientations'> & { orientations?: OrientationDocument[] };
