// The partners section of a scheme file: the partners it lists, and those it names (pilots, funders, owners…).
// Its import and its export live side by side so that they stay each other's inverse.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { upsert } from '../../database/upsert.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { referencedPartnerCodes } from '../validate.ts';
import { compact, idsByCode, nil, opt, remember, type Progress, type Tally } from './rows.ts';

/** The partners an import wrote or found: every code the file lists or names, and the id of each. */
export interface WrittenPartners {
  codes: string[];
  id: (code: string) => string;
}

/**
 * Import: write the partners a file lists (partners are global, matched by code across schemes) and find
 * the ids of those it names.
 *
 * ### Examples
 * ```ts
 * const partners = await writePartnersSection(trx, file, tally, progress);
 * partners.id('cd-48');
 * ```
 */
export async function writePartnersSection(trx: Transaction<Database>, file: SchemeFile, tally: Tally, progress: Progress): Promise<WrittenPartners> {
  const partnerCodes = [...new Set([...(file.partners ?? []).map((p) => p.code), ...referencedPartnerCodes(file)])];
  const partnerIds = await idsByCode(trx, 'partner', partnerCodes);
  const partnerRows = (file.partners ?? []).map((p) => ({
    id: partnerIds.get(p.code) ?? remember(partnerIds, p.code),
    code: p.code,
    name: p.name,
    kind: p.kind,
    siren: nil(p.siren),
    departments: p.departments ?? [],
  }));
  tally(await upsert(trx, 'partner', partnerRows, ['code'], ['name', 'kind', 'siren', 'departments']), partnerRows.length);
  progress({ stage: 'partners', done: partnerRows.length, total: partnerRows.length });
  return { codes: partnerCodes, id: (code) => partnerIds.get(code)! };
}

/**
 * Import: the scheme declares every partner it lists or names (see `partnerVisibleSql`).
 *
 * ### Examples
 * ```ts
 * await declareSchemePartners(trx, schemeId, partners);
 * ```
 */
export async function declareSchemePartners(trx: Transaction<Database>, schemeId: string, partners: WrittenPartners): Promise<void> {
  if (!partners.codes.length) return;
  await trx
    .insertInto('scheme_partner')
    .values(partners.codes.map((code) => ({ scheme_id: schemeId, partner_id: partners.id(code) })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Export: the partners that the other sections of a stored scheme name, by code.
 *
 * ### Examples
 * ```ts
 * const partners = await readPartnersSection(db, [...tree.partnerCodes, ...governance.partnerCodes]);
 * ```
 */
export async function readPartnersSection(db: Kysely<Database>, codes: Iterable<string>): Promise<NonNullable<SchemeFile['partners']>> {
  const named = [...new Set(codes)];
  const partners = named.length ? await db.selectFrom('partner').selectAll().where('code', 'in', named).orderBy('code').execute() : [];
  return partners.map((p) => compact({ code: p.code, name: p.name, kind: p.kind as 'other', siren: opt(p.siren), departments: p.departments }));
}
