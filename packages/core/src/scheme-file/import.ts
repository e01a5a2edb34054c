import { inTransaction } from '../shared/transaction.ts';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Insertable } from '../database/database.ts';
import { periodStart } from '../measurement/measurement.ts';
import { eventDate, phaseDate } from '../consultation/consultation.ts';
import { schemePredecessors } from '../scheme/scheme.ts';
import { fuzzyDate } from '../shared/fuzzy-date.ts';
import { isKnownTerritory } from '../territory/geography.ts';
import { DomainError, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { checkValues, stringProblem } from '../validation/values.ts';
import { bulkInsert } from '../database/bulk-insert.ts';
import type { SchemeFile } from './scheme-file.ts';
import { canonical, insertAll, upsert } from '../database/upsert.ts';
import { writeEvaluationSection } from './sections/evaluation.ts';
import { referencedPartnerCodes, validateSchemeFile, walkActions, walkIndicators, walkOrientations, type KnownCodes } from './validate.ts';

/** What an import did, per kind of entity. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** The result of {@link importSchemeFile}. */
export interface ImportResult {
  schemeId: string;
  schemeCode: string;
  counts: ImportCounts;
  /** New measurement revisions written (first values and corrections). */
  measurements: number;
}

/** Progress of a long import: a stage name, how many items are done out of how many. */
export interface ImportProgress {
  stage: 'partners' | 'scheme' | 'orientations' | 'actions' | 'indicators' | 'measurements' | 'governance' | 'consultation';
  done: number;
  total: number;
}

export interface ImportOptions {
  lang?: Lang;
  onProgress?: (progress: ImportProgress) => void;
  /** Checks official territory codes; defaults to the official geography (`isKnownTerritory`). */
  isOfficialTerritory?: (code: string) => boolean;
}

const nil = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
// A `jsonb` column's value, as a plain JSON value (see `upsert`).
const json = (v: unknown) => v ?? [];

/**
 * Write a whole scheme file: creates or updates every entity by its code, in one transaction.
 * Importing the same file twice changes nothing; any error writes nothing.
 * Entities absent from the file are kept (an import never deletes).
 *
 * ### Examples
 * ```ts
 * const { counts } = await importSchemeFile(db, YAML.parse(text), { onProgress: (p) => console.log(p.stage, p.done, p.total) });
 * ```
 */
export async function importSchemeFile(db: Kysely<Database>, input: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  // Validated before the transaction opens, so a large file holds no lock while it is checked.
  const file = await checkSchemeFile(db, input, options);
  return inTransaction(db, (trx) => writeSchemeFile(trx, file, options.onProgress ?? (() => {})));
}

/**
 * {@link importSchemeFile} inside the caller's transaction, for a read-modify-write that must not lose a
 * concurrent change (the spreadsheet import reads the scheme, merges rows into it and writes it back in one
 * transaction). Throws the same `DomainError('VALIDATION')`; the caller's rollback then writes nothing.
 *
 * ### Examples
 * ```ts
 * await db.transaction().execute(async (trx) => {
 *   const file = await exportSchemeFile(trx, '48-2018-2022');
 *   file.scheme.summary = 'Nouveau résumé';
 *   return importSchemeFileInTransaction(trx, file);
 * });
 * ```
 */
export async function importSchemeFileInTransaction(trx: Transaction<Database>, input: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const file = await checkSchemeFile(trx, input, options);
  return writeSchemeFile(trx, file, options.onProgress ?? (() => {}));
}

/** Validate a scheme file against the partners already stored; throws `DomainError('VALIDATION')`. */
async function checkSchemeFile(db: Kysely<Database>, input: unknown, options: ImportOptions): Promise<SchemeFile> {
  const lang = options.lang ?? 'fr';
  const fail = (issues: ValidationIssue[]) => new DomainError('VALIDATION', lang === 'fr' ? 'Le fichier du schéma est invalide.' : 'The scheme file is invalid.', issues);
  // The value rules first: the partner walk below would not end on a cyclic input.
  const values = checkValues(input, lang);
  if (values.unwalkable) throw fail(values.issues);
  // A code the value rules refuse (a NUL would fail the query) is not looked up: its issue stops the import.
  const referenced = referencedPartnerCodes(input).filter((code) => !stringProblem(code, 'code'));
  const existingPartners = referenced.length
    ? await db.selectFrom('partner').select('code').where('code', 'in', referenced).execute()
    : [];
  // Predecessors must be stored schemes (an import runs as the operator: every scheme is visible to it).
  const named = namedPredecessors(input);
  const existingSchemes = named.length ? await db.selectFrom('scheme').select('code').where('code', 'in', named).execute() : [];
  const known: KnownCodes = {
    partners: new Set(existingPartners.map((p) => p.code)),
    isOfficialTerritory: options.isOfficialTerritory ?? isKnownTerritory,
    schemes: new Set(existingSchemes.map((s) => s.code)),
  };
  const result = validateSchemeFile(input, lang, known, values);
  if (!result.ok) throw fail(result.issues);
  return result.data;
}

/** The scheme codes an unvalidated file names as predecessors. */
function namedPredecessors(input: unknown): string[] {
  const scheme = (input as { scheme?: { predecessor?: unknown; predecessors?: unknown } } | null)?.scheme;
  const list = [scheme?.predecessor, ...(Array.isArray(scheme?.predecessors) ? scheme.predecessors : [])];
  return [...new Set(list.filter((c): c is string => typeof c === 'string'))];
}

async function writeSchemeFile(trx: Transaction<Database>, file: SchemeFile, progress: (p: ImportProgress) => void): Promise<ImportResult> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const tally = (written: { created: string[]; updated: string[] }, total: number) => {
    counts.created += written.created.length;
    counts.updated += written.updated.length;
    counts.unchanged += total - written.created.length - written.updated.length;
  };

  // Partners are global: matched by code across schemes.
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
  const partnerId = (code: string) => partnerIds.get(code)!;

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
  // The scheme declares every partner it lists or names (see `partnerVisibleSql`).
  if (partnerCodes.length) {
    await trx
      .insertInto('scheme_partner')
      .values(partnerCodes.map((code) => ({ scheme_id: schemeId, partner_id: partnerId(code) })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  const districtIds = await idsByCode(trx, 'district', [], schemeId);
  const districtRows = (file.districts ?? []).map((d) => ({
    id: districtIds.get(d.code) ?? randomUUID(),
    scheme_id: schemeId,
    code: d.code,
    name: d.name,
    kind: d.kind,
    communes: d.communes,
  }));
  tally(await upsert(trx, 'district', districtRows, ['scheme_id', 'code'], ['name', 'kind', 'communes']), districtRows.length);

  // Orientations: ids reused by code so children can point at them within the same statement.
  const orientationIds = await idsByCode(trx, 'orientation', [], schemeId);
  const orientations = [...walkOrientations(file.orientations)];
  for (const { orientation } of orientations) if (!orientationIds.has(orientation.code)) orientationIds.set(orientation.code, randomUUID());
  const orientationRows = orientations.map(({ orientation: o, parentCode, depth, position }) => ({
    id: orientationIds.get(o.code)!,
    scheme_id: schemeId,
    parent_id: parentCode === null ? null : orientationIds.get(parentCode)!,
    code: o.code,
    title: o.title,
    description: nil(o.description),
    easy_read: nil(o.easyRead),
    objectives: json(o.objectives),
    weight: nil(o.weight),
    position,
    depth,
  }));
  const orientationCompare = ['parent_id', 'title', 'description', 'easy_read', 'objectives', 'weight', 'position', 'depth'];
  tally(await upsert(trx, 'orientation', orientationRows, ['scheme_id', 'code'], orientationCompare), orientationRows.length);
  progress({ stage: 'orientations', done: orientationRows.length, total: orientationRows.length });

  const actionIds = await idsByCode(trx, 'action', [], schemeId);
  const actions = [...walkActions(file)];
  for (const { action } of actions) if (!actionIds.has(action.code)) actionIds.set(action.code, randomUUID());
  const actionRows = actions.map(({ action: a, orientationCode, position }) => ({
    id: actionIds.get(a.code)!,
    scheme_id: schemeId,
    orientation_id: orientationIds.get(orientationCode)!,
    code: a.code,
    title: a.title,
    description: nil(a.description),
    easy_read: nil(a.easyRead),
    objectives: json(a.objectives),
    expected_results: json(a.expectedResults),
    publics: a.publics ?? [],
    themes: a.themes ?? [],
    territories: a.territories ?? [],
    start_date: nil(a.startDate),
    end_date: nil(a.endDate),
    milestones: json(a.milestones),
    budget: json(a.budget),
    priority: nil(a.priority),
    status: a.status,
    progress: nil(a.progress),
    weight: nil(a.weight),
    position,
    illustrative: a.illustrative ?? false,
  }));
  const { id: _a, scheme_id: _b, code: _c, ...actionColumns } = actionRows[0] ?? { id: '', scheme_id: '', code: '' };
  tally(await upsert(trx, 'action', actionRows, ['scheme_id', 'code'], Object.keys(actionColumns), { touch: 'updated_at' }), actionRows.length);
  progress({ stage: 'actions', done: actionRows.length, total: actionRows.length });

  const actionIdList = actions.map(({ action }) => actionIds.get(action.code)!);
  await syncChildren(trx, 'action_partner', 'action_id', actionIdList, actions.map(({ action }) => ({
    parent: actionIds.get(action.code)!,
    rows: [
      ...(action.pilot ? [{ partner_id: partnerId(action.pilot), role: 'pilot' }] : []),
      ...(action.partners ?? []).filter((p) => !(p.role === 'pilot' && p.partner === action.pilot)).map((p) => ({ partner_id: partnerId(p.partner), role: p.role })),
    ],
  })), ['partner_id', 'role']);
  await syncChildren(trx, 'action_update', 'action_id', actionIdList, actions.map(({ action }) => ({
    parent: actionIds.get(action.code)!,
    rows: (action.updates ?? []).map((u) => ({ date: u.date, kind: u.kind, text: u.text, illustrative: u.illustrative ?? false })),
  })), ['date', 'kind', 'text', 'illustrative'], true);

  const indicatorIds = await idsByCode(trx, 'indicator', [], schemeId);
  const indicators = [...walkIndicators(file)];
  for (const { indicator } of indicators) if (!indicatorIds.has(indicator.code)) indicatorIds.set(indicator.code, randomUUID());
  const indicatorRows = indicators.map(({ indicator: i, orientationCode, actionCode, position }) => ({
    id: indicatorIds.get(i.code)!,
    scheme_id: schemeId,
    orientation_id: orientationCode ? orientationIds.get(orientationCode)! : null,
    action_id: actionCode ? actionIds.get(actionCode)! : null,
    code: i.code,
    name: i.name,
    definition: nil(i.definition),
    type: i.type,
    unit: i.unit,
    direction: i.direction,
    baseline_value: nil(i.baseline?.value),
    baseline_date: nil(i.baseline?.date),
    target_value: nil(i.target?.value),
    target_date: nil(i.target?.date),
    intermediate_targets: json(i.intermediateTargets),
    periodicity: i.periodicity,
    source: nil(i.source),
    aggregation: i.aggregation,
    shared_code: nil(i.sharedCode),
    owner_partner_id: i.owner ? partnerId(i.owner) : null,
    position,
    illustrative: i.illustrative ?? false,
    secrecy_threshold: nil(i.secrecyThreshold),
    baseline_illustrative: nil(i.baseline?.illustrative),
    baseline_source: nil(i.baseline?.source),
    target_illustrative: nil(i.target?.illustrative),
    target_source: nil(i.target?.source),
  }));
  const { id: _d, scheme_id: _e, code: _f, ...indicatorColumns } = indicatorRows[0] ?? { id: '', scheme_id: '', code: '' };
  tally(await upsert(trx, 'indicator', indicatorRows, ['scheme_id', 'code'], Object.keys(indicatorColumns)), indicatorRows.length);
  progress({ stage: 'indicators', done: indicatorRows.length, total: indicatorRows.length });

  const measurements = await writeMeasurements(trx, indicators.map(({ indicator }) => ({ id: indicatorIds.get(indicator.code)!, measurements: indicator.measurements ?? [] })), progress);
  counts.created += measurements.written;
  counts.unchanged += measurements.total - measurements.written;

  await writeGovernance(trx, schemeId, file, partnerId, tally);
  progress({ stage: 'governance', done: 1, total: 1 });
  await writeConsultation(trx, schemeId, file, tally);
  progress({ stage: 'consultation', done: 1, total: 1 });
  await writeEvaluationSection(trx, schemeId, file, indicatorIds, tally);

  return { schemeId, schemeCode: s.code, counts, measurements: measurements.written };
}

/** The date columns of a consultation event: the fuzzy date's text and the first and last days it covers. */
function eventDateColumns(text: string | null) {
  const when = fuzzyDate(text);
  return { date_text: when.text, date: when.from, end_date: when.to };
}

/** Replace the predecessors of a scheme by those its file names, in order. */
async function writePredecessors(trx: Transaction<Database>, schemeId: string, codes: readonly string[]): Promise<void> {
  const stored = await trx.selectFrom('scheme_predecessor').select('predecessor_code').where('scheme_id', '=', schemeId).orderBy('position').execute();
  if (stored.map((r) => r.predecessor_code).join('\n') === codes.join('\n')) return;
  await trx.deleteFrom('scheme_predecessor').where('scheme_id', '=', schemeId).execute();
  if (codes.length) await trx.insertInto('scheme_predecessor').values(codes.map((code, position) => ({ scheme_id: schemeId, predecessor_code: code, position }))).execute();
}

function remember(map: Map<string, string>, code: string): string {
  const id = randomUUID();
  map.set(code, id);
  return id;
}

async function idsByCode(trx: Transaction<Database>, table: 'partner' | 'district' | 'orientation' | 'action' | 'indicator' | 'governing_body' | 'phase' | 'consultation_event' | 'proposal', codes: string[], schemeId?: string): Promise<Map<string, string>> {
  const db = trx as unknown as Kysely<any>;
  let query = db.selectFrom(table).select(['id', 'code']);
  if (schemeId) query = query.where('scheme_id', '=', schemeId);
  else if (codes.length) query = query.where('code', 'in', codes);
  else return new Map();
  const rows = (await query.execute()) as { id: string; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * Replace the child rows of the parents whose set of children changed; leave the others untouched.
 * `compare` lists the columns that make a child row what it is.
 */
async function syncChildren(
  trx: Transaction<Database>,
  table: 'action_partner' | 'action_update' | 'body_member' | 'meeting',
  parentColumn: 'action_id' | 'body_id',
  parentIds: readonly string[],
  wanted: readonly { parent: string; rows: Record<string, unknown>[] }[],
  compare: readonly string[],
  withId = false,
): Promise<void> {
  if (parentIds.length === 0) return;
  const db = trx as unknown as Kysely<any>;
  const existing = (await db.selectFrom(table).select([parentColumn, ...compare]).where(parentColumn, 'in', parentIds).execute()) as Record<string, unknown>[];
  const key = (rows: Record<string, unknown>[]) =>
    rows.map((r) => canonical(Object.fromEntries(compare.map((c) => [c, r[c]])))).sort().join('\n');
  const stored = new Map<string, Record<string, unknown>[]>();
  for (const row of existing) {
    const parent = row[parentColumn] as string;
    stored.set(parent, [...(stored.get(parent) ?? []), row]);
  }
  const changed = wanted.filter((w) => key(w.rows) !== key(stored.get(w.parent) ?? []));
  if (changed.length === 0) return;
  const changedIds = changed.map((c) => c.parent);
  for (let i = 0; i < changedIds.length; i += 5000) {
    await db.deleteFrom(table).where(parentColumn, 'in', changedIds.slice(i, i + 5000)).execute();
  }
  const rows = changed.flatMap((c) => c.rows.map((r) => ({ ...(withId ? { id: randomUUID() } : {}), [parentColumn]: c.parent, ...r })));
  await insertAll(trx, table, rows);
}

type MeasurementRow = Omit<Insertable<Database['measurement']>, 'recorded_at'> & { id: string; revision: number };

/**
 * The measurement columns an import writes. An optional column that holds only its default (null or false)
 * in a file is left out: PGlite spends most of a large write reading values, not storing them.
 */
const MEASUREMENT_COLUMNS = (
  [
    ['id', 'uuid', false],
    ['indicator_id', 'uuid', false],
    ['period', 'text', false],
    ['period_start', 'date', false],
    ['territory', 'text', false],
    ['revision', 'int', false],
    ['value', 'float8', true],
    ['numerator', 'float8', true],
    ['denominator', 'float8', true],
    ['missing_reason', 'text', true],
    ['provisional', 'bool', true],
    ['source', 'text', true],
    ['comment', 'text', true],
    ['illustrative', 'bool', true],
  ] as const
).map(([name, type, optional]) => ({ name, type, optional, value: (row: MeasurementRow) => row[name] ?? null }));

type MeasurementDoc = NonNullable<NonNullable<SchemeFile['indicators']>[number]['measurements']>[number];

async function writeMeasurements(
  trx: Transaction<Database>,
  indicators: { id: string; measurements: MeasurementDoc[] }[],
  progress: (p: ImportProgress) => void,
): Promise<{ written: number; total: number }> {
  const total = indicators.reduce((n, i) => n + i.measurements.length, 0);
  const ids = indicators.filter((i) => i.measurements.length).map((i) => i.id);
  if (total === 0) return { written: 0, total };
  const latest = new Map<string, { revision: number; key: string }>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await trx
      .selectFrom('measurement')
      .distinctOn(['indicator_id', 'period', 'territory'])
      .select(['indicator_id', 'period', 'territory', 'revision', 'value', 'numerator', 'denominator', 'missing_reason', 'provisional', 'source', 'comment', 'illustrative'])
      .where('indicator_id', 'in', ids.slice(i, i + 5000))
      .orderBy('indicator_id')
      .orderBy('period')
      .orderBy('territory')
      .orderBy('revision', 'desc')
      .execute();
    for (const r of rows) latest.set(`${r.indicator_id}|${r.period}|${r.territory}`, { revision: r.revision, key: measurementKey(r) });
  }
  const rows: MeasurementRow[] = [];
  for (const indicator of indicators) {
    for (const m of indicator.measurements) {
      const row = {
        indicator_id: indicator.id,
        period: m.period,
        period_start: periodStart(m.period),
        territory: m.territory,
        value: nil(m.value ?? undefined),
        numerator: nil(m.numerator),
        denominator: nil(m.denominator),
        missing_reason: nil(m.missingReason),
        provisional: m.provisional ?? false,
        source: nil(m.source),
        comment: nil(m.comment),
        illustrative: m.illustrative ?? false,
      };
      const previous = latest.get(`${indicator.id}|${m.period}|${m.territory}`);
      if (previous && previous.key === measurementKey(row)) continue;
      rows.push({ id: randomUUID(), revision: (previous?.revision ?? 0) + 1, ...row });
    }
  }
  const columns = MEASUREMENT_COLUMNS.filter((c) => !c.optional || rows.some((r) => c.value(r) !== null && c.value(r) !== false));
  await bulkInsert(trx, 'measurement', columns, rows, (done) => progress({ stage: 'measurements', done, total: rows.length }));
  return { written: rows.length, total };
}

function measurementKey(m: { value: number | null; numerator: number | null; denominator: number | null; missing_reason: string | null; provisional: boolean; source: string | null; comment: string | null; illustrative: boolean }): string {
  return canonical([m.value, m.numerator, m.denominator, m.missing_reason, m.provisional, m.source, m.comment, m.illustrative]);
}

async function writeGovernance(
  trx: Transaction<Database>,
  schemeId: string,
  file: SchemeFile,
  partnerId: (code: string) => string,
  tally: (w: { created: string[]; updated: string[] }, total: number) => void,
): Promise<void> {
  const bodies = file.governingBodies ?? [];
  const ids = await idsByCode(trx, 'governing_body', [], schemeId);
  const rows = bodies.map((b, position) => ({
    id: ids.get(b.code) ?? remember(ids, b.code),
    scheme_id: schemeId,
    code: b.code,
    kind: b.kind,
    name: b.name,
    description: nil(b.description),
    position,
  }));
  tally(await upsert(trx, 'governing_body', rows, ['scheme_id', 'code'], ['kind', 'name', 'description', 'position']), rows.length);
  const bodyIds = bodies.map((b) => ids.get(b.code)!);
  await syncChildren(trx, 'body_member', 'body_id', bodyIds, bodies.map((b) => ({
    parent: ids.get(b.code)!,
    rows: (b.members ?? []).map((m, position) => ({
      partner_id: m.partner === undefined ? null : partnerId(m.partner),
      person_role: nil(m.person?.role),
      person_name: nil(m.person?.name),
      role: nil(m.role),
      position,
    })),
  })), ['partner_id', 'person_role', 'person_name', 'role', 'position']);
  await syncChildren(trx, 'meeting', 'body_id', bodyIds, bodies.map((b) => ({
    parent: ids.get(b.code)!,
    rows: (b.meetings ?? []).map((m) => ({ date: m.date, title: m.title, summary: nil(m.summary), decisions: json(m.decisions) })),
  })), ['date', 'title', 'summary', 'decisions'], true);
}

async function writeConsultation(
  trx: Transaction<Database>,
  schemeId: string,
  file: SchemeFile,
  tally: (w: { created: string[]; updated: string[] }, total: number) => void,
): Promise<void> {
  const phaseIds = await idsByCode(trx, 'phase', [], schemeId);
  const phases = (file.phases ?? []).map((p, position) => {
    const when = fuzzyDate(phaseDate(p));
    return {
      id: phaseIds.get(p.code) ?? randomUUID(),
      scheme_id: schemeId,
      code: p.code,
      kind: p.kind,
      title: p.title,
      date_text: when.text,
      start_date: when.from,
      end_date: when.to,
      description: nil(p.description),
      position,
    };
  });
  tally(await upsert(trx, 'phase', phases, ['scheme_id', 'code'], ['kind', 'title', 'date_text', 'start_date', 'end_date', 'description', 'position']), phases.length);
  const eventIds = await idsByCode(trx, 'consultation_event', [], schemeId);
  const events = (file.consultationEvents ?? []).map((e, position) => ({
    id: eventIds.get(e.code) ?? randomUUID(),
    scheme_id: schemeId,
    code: e.code,
    kind: e.kind,
    title: e.title,
    ...eventDateColumns(eventDate(e)),
    participants: nil(e.participants),
    proposals_count: nil(e.proposalsCount),
    partners: e.partners ?? [],
    description: nil(e.description),
    position,
  }));
  tally(await upsert(trx, 'consultation_event', events, ['scheme_id', 'code'], ['kind', 'title', 'date_text', 'date', 'end_date', 'participants', 'proposals_count', 'partners', 'description', 'position']), events.length);
  const proposalIds = await idsByCode(trx, 'proposal', [], schemeId);
  const proposals = (file.proposals ?? []).map((p, position) => ({
    id: proposalIds.get(p.code) ?? randomUUID(),
    scheme_id: schemeId,
    code: p.code,
    text: p.text,
    event_code: nil(p.event),
    outcome: p.outcome,
    actions: p.actions ?? [],
    illustrative: p.illustrative ?? false,
    position,
  }));
  tally(await upsert(trx, 'proposal', proposals, ['scheme_id', 'code'], ['text', 'event_code', 'outcome', 'actions', 'illustrative', 'position']), proposals.length);
}

