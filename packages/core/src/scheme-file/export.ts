import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import type { Lang } from '../validation/issues.ts';
import type { SchemeFile } from './scheme-file.ts';
import { compact } from './sections/rows.ts';
import { readSchemeSection } from './sections/scheme.ts';
import { readPartnersSection } from './sections/partners.ts';
import { readDistrictsSection } from './sections/districts.ts';
import { readOrientationsSection } from './sections/orientations.ts';
import { readIndicatorsSection } from './sections/indicators.ts';
import { readGovernanceSection } from './sections/governance.ts';
import { readConsultationSection } from './sections/consultation.ts';
import { readEvaluationSection } from './sections/evaluation.ts';

/**
 * Read a whole scheme back as a scheme file; importing it again changes nothing.
 * Measurements are exported at their latest revision (earlier revisions stay in the database).
 *
 * ### Examples
 * ```ts
 * const file = await exportSchemeFile(db, '48-schema-solidarites-2018-2022');
 * fs.writeFileSync('lozere.yaml', YAML.stringify(file));
 * ```
 */
export async function exportSchemeFile(db: Kysely<Database>, schemeCode: string, lang: Lang = 'fr'): Promise<SchemeFile> {
  // The reads below must all see one state of the scheme, even while others write: one snapshot, or the
  // caller's transaction when it has one (the spreadsheet import reads and writes in the same one).
  if (db.isTransaction) return readScheme(db, schemeCode, lang);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => readScheme(trx, schemeCode, lang));
}

/** Read the scheme section by section; the partners section last, as it holds the partners the others name. */
async function readScheme(db: Kysely<Database>, schemeCode: string, lang: Lang): Promise<SchemeFile> {
  const { schemeId, scheme, predecessors } = await readSchemeSection(db, schemeCode, lang);
  const [districts, orientations, indicators, governance, consultation] = await Promise.all([
    readDistrictsSection(db, schemeId),
    readOrientationsSection(db, schemeId),
    readIndicatorsSection(db, schemeId),
    readGovernanceSection(db, schemeId),
    readConsultationSection(db, schemeId),
  ]);
  const { partnerCodes: consultationPartners, ...consultationSection } = consultation;
  const partners = await readPartnersSection(db, [...orientations.partnerCodes, ...governance.partnerCodes, ...indicators.partnerCodes, ...consultationPartners]);
  const evaluation = await readEvaluationSection(db, schemeId, predecessors[0] ?? null);
  return compact({
    scheme,
    partners,
    districts,
    orientations: orientations.tree((id) => indicators.of(id)),
    indicators: indicators.of(null),
    governingBodies: governance.governingBodies,
    ...consultationSection,
    ...evaluation,
  }) as SchemeFile;
}
