// The evaluation section of a scheme file: evaluations, the legal trail, target revisions and lineage.
// Its import and its export live side by side so that they stay each other's inverse.
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import { readEvaluationRows, upsertEvaluationSection, type EvaluationSection, type Tally } from '../../evaluation/evaluation.repository.ts';
import { evaluationSectionFromRows } from '../../evaluation/evaluation.service.ts';
import type { Database } from '../../database/database.ts';
import { schemePredecessors } from '../../scheme/scheme.ts';
import { evaluationSchema, legalActSchema, lineageSchema, targetRevisionSchema } from '../../evaluation/evaluation.ts';

/**
 * The keys this section adds to a scheme file (spread into `schemeFileSchema`).
 *
 * ### Examples
 * ```ts
 * z.object({ scheme: schemeMetadataSchema, ...evaluationSectionShape });
 * ```
 */
export const evaluationSectionShape = {
  evaluations: z.array(evaluationSchema).optional(),
  legalTrail: z.array(legalActSchema).optional(),
  targetRevisions: z.array(targetRevisionSchema).optional(),
  lineage: z.array(lineageSchema).optional(),
};

export type { EvaluationSection };

export { checkEvaluationReferences, type EvaluationSectionContext } from '../../evaluation/evaluation.check.ts';

/**
 * Import: write the section of a validated file inside the import's transaction (see `upsertEvaluationSection`).
 *
 * ### Examples
 * ```ts
 * await writeEvaluationSection(trx, schemeId, file, indicatorIds, tally);
 * ```
 */
export function writeEvaluationSection(
  trx: Transaction<Database>,
  schemeId: string,
  file: EvaluationSection & { scheme: { predecessor?: string; predecessors?: string[] } },
  indicatorIds: ReadonlyMap<string, string>,
  tally: Tally,
): Promise<void> {
  // A lineage entry without `scheme` refers to the first predecessor the scheme lists.
  return upsertEvaluationSection(trx, schemeId, schemePredecessors(file.scheme)[0], file, indicatorIds, tally);
}

/**
 * Export: the section of a stored scheme, as a file holds it (importing it again changes nothing).
 *
 * ### Examples
 * ```ts
 * const { evaluations, legalTrail, targetRevisions, lineage } = await readEvaluationSection(db, scheme.id, predecessorCode);
 * ```
 */
export async function readEvaluationSection(db: Kysely<Database>, schemeId: string, predecessor: string | null): Promise<EvaluationSection> {
  return evaluationSectionFromRows(await readEvaluationRows(db, schemeId), predecessor);
}
