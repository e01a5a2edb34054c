import { z } from 'zod';
import { code, illustrative, isoDate, text } from '../validation/primitives.ts';
import { measurementSchema } from '../measurement/measurement.ts';

/** Indicator types of the State's PILOTE tool. */
export const INDICATOR_TYPES = ['context', 'deployment', 'impact', 'quality'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const PERIODICITIES = ['year', 'quarter', 'month'] as const;
export type Periodicity = (typeof PERIODICITIES)[number];
export const AGGREGATIONS = ['sum', 'mean', 'ratio'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * A dated value (baseline, target, intermediate target) with its own provenance: `illustrative` when the
 * figure is not in the real source (absent: the indicator's mark), and its `source` (a document by name, a
 * page, or a public address).
 */
export const datedValueSchema = z.object({ value: z.number(), date: isoDate, illustrative, source: z.string().trim().min(1).optional() });

/**
 * An indicator attached to a scheme, an orientation or an action (by where it stands in the file).
 *
 * ### Examples
 * ```ts
 * indicatorSchema.parse({ code: 'rsa-emploi-12m', name: "Part des bénéficiaires du RSA en emploi après 12 mois", unit: '%', target: { value: 60, date: '2023-12-31' } });
 * ```
 */
export const indicatorSchema = z.object({
  code,
  name: text,
  definition: z.string().trim().optional(),
  type: z.enum(INDICATOR_TYPES).default('impact'),
  unit: z.string().trim().default(''),
  direction: z.enum(DIRECTIONS).default('up'),
  baseline: datedValueSchema.optional(),
  target: datedValueSchema.optional(),
  intermediateTargets: z.array(datedValueSchema).optional(),
  periodicity: z.enum(PERIODICITIES).default('year'),
  source: z.string().trim().optional(),
  aggregation: z.enum(AGGREGATIONS).default('sum'),
  /** Statistical secrecy: counts above zero and below this threshold are masked on every output. */
  secrecyThreshold: z.number().int().min(1).optional(),
  sharedCode: code.optional(),
  owner: code.optional(),
  measurements: z.array(measurementSchema).optional(),
  illustrative,
});

export type IndicatorInput = z.input<typeof indicatorSchema>;
export type IndicatorDocument = z.infer<typeof indicatorSchema>;
