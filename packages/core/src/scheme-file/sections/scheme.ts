// The scheme section of a scheme file: the scheme's own metadata and its predecessors.
// Its import and its export live side by side so that they stay each other's inverse.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database/database.ts';
import { upsert } from '../../database/upsert.ts';
import { schemePredecessors } from '../../scheme/scheme.ts';
import { DomainError, type Lang } from '../../validation/issues.ts';
import type { SchemeFile } from '../scheme-file.ts';
import { compact, json, nil, opt, type Progress, type Tally } from './rows.ts';

/**
 * Import: create or update the scheme by its code, and its predecessors; returns the scheme's id.
 *
 * ### Examples
 * ```ts
 * const schemeId = await writeSchemeSection(trx, file, tally, progress);
 * ```
 */
export async function writeSchemeSection(trx: Transaction<Database>, file: SchemeFile, tally: Tally, progress: Progress): Promise<string> {
  const s = file.scheme;
  const existingScheme = await trx.selectFrom('scheme').select('id').where('code', '=', s.code).executeTakeFirst();
  const schemeId = existingScheme?.id ?? randomUUID();
  const schemeRow = {
    id: schemeId,
    code: s.code,
    title: s.title,
    departments: s.departments,
    period_start: s.period.start,
    period_end: s.period.end,
    status: s.status,
    adoption_date: nil(s.adoption?.date),
    adoption_reference: nil(s.adoption?.reference),
    publics: s.publics ?? [],
    themes: s.themes ?? [],
    levels: s.levels ?? [],
    summary: nil(s.summary),
    easy_read: nil(s.easyRead),
    principles: json(s.principles),
    legal_basis: nil(s.legalBasis),
    key_figures: json(s.keyFigures),
    source_url: nil(s.sourceUrl),
    published: s.published ?? true,
    illustrative: s.illustrative ?? false,
  };
  const { id: _id, code: _code, ...schemeColumns } = schemeRow;
  tally(await upsert(trx, 'scheme', [schemeRow], ['code'], Object.keys(schemeColumns), { touch: 'updated_at' }), 1);
  await writePredecessors(trx, schemeId, schemePredecessors(s));
  progress({ stage: 'scheme', done: 1, total: 1 });
  return schemeId;
}

/** Replace the predecessors of a scheme by those its file names, in order. */
async function writePredecessors(trx: Transaction<Database>, schemeId: string, codes: readonly string[]): Promise<void> {
  const stored = await trx.selectFrom('scheme_predecessor').select('predecessor_code').where('scheme_id', '=', schemeId).orderBy('position').execute();
  if (stored.map((r) => r.predecessor_code).join('\n') === codes.join('\n')) return;
  await trx.deleteFrom('scheme_predecessor').where('scheme_id', '=', schemeId).execute();
  if (codes.length) await trx.insertInto('scheme_predecessor').values(codes.map((code, position) => ({ scheme_id: schemeId, predecessor_code: code, position }))).execute();
}

/** The scheme section of a stored scheme: its id, its metadata as a file holds it, and its predecessors' codes. */
export interface SchemeSection {
  schemeId: string;
  scheme: SchemeFile['scheme'];
  predecessors: string[];
}

/**
 * Export: the stored scheme of this code, as a file holds it; `NOT_FOUND` when there is none.
 *
 * ### Examples
 * ```ts
 * const { schemeId, scheme, predecessors } = await readSchemeSection(db, '48-2018-2022', 'fr');
 * ```
 */
export async function readSchemeSection(db: Kysely<Database>, schemeCode: string, lang: Lang): Promise<SchemeSection> {
  const scheme = await db.selectFrom('scheme').selectAll().where('code', '=', schemeCode).executeTakeFirst();
  if (!scheme) {
    throw new DomainError('NOT_FOUND', lang === 'fr' ? `Schéma inconnu : ${schemeCode}` : `Unknown scheme: ${schemeCode}`);
  }
  const predecessorRows = await db.selectFrom('scheme_predecessor').select('predecessor_code').where('scheme_id', '=', scheme.id).orderBy('position').execute();
  const predecessors = predecessorRows.map((r) => r.predecessor_code);
  return {
    schemeId: scheme.id,
    predecessors,
    scheme: compact({
      code: scheme.code,
      title: scheme.title,
      departments: scheme.departments,
      period: { start: scheme.period_start, end: scheme.period_end },
      status: scheme.status as SchemeFile['scheme']['status'],
      adoption: scheme.adoption_date ? compact({ date: scheme.adoption_date, reference: opt(scheme.adoption_reference) }) : undefined,
      predecessors,
      publics: scheme.publics as SchemeFile['scheme']['publics'],
      themes: scheme.themes as SchemeFile['scheme']['themes'],
      levels: scheme.levels,
      summary: opt(scheme.summary),
      easyRead: opt(scheme.easy_read),
      principles: scheme.principles,
      legalBasis: opt(scheme.legal_basis),
      keyFigures: scheme.key_figures,
      sourceUrl: opt(scheme.source_url),
      published: scheme.published ? undefined : false,
      illustrative: scheme.illustrative || undefined,
    }),
  };
}
