import type { Kysely } from 'kysely';
import type { Database } from '../database/database.ts';
import { DomainError, type Lang } from '../validation/issues.ts';
import type { SchemeFile } from './scheme-file.ts';
import type { OrientationDocument } from '../orientation/orientation.ts';
import type { ActionDocument } from '../action/action.ts';
import type { IndicatorDocument } from '../indicator/indicator.ts';
import type { MeasurementDocument } from '../measurement/measurement.ts';
import { readEvaluationSection } from './sections/evaluation.ts';

/** Drop `null`, `undefined` and empty lists so an exported file reads like a hand-written one. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

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

async function readScheme(db: Kysely<Database>, schemeCode: string, lang: Lang): Promise<SchemeFile> {
  const scheme = await db.selectFrom('scheme').selectAll().where('code', '=', schemeCode).executeTakeFirst();
  if (!scheme) {
    throw new DomainError('NOT_FOUND', lang === 'fr' ? `Schéma inconnu : ${schemeCode}` : `Unknown scheme: ${schemeCode}`);
  }
  const schemeId = scheme.id;
  const [orientations, actions, actionPartners, updates, indicators, districts, bodies, members, meetings, phases, events, proposals, predecessorRows] = await Promise.all([
    db.selectFrom('orientation').selectAll().where('scheme_id', '=', schemeId).orderBy('depth').orderBy('position').execute(),
    db.selectFrom('action').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db
      .selectFrom('action_partner')
      .innerJoin('action', 'action.id', 'action_partner.action_id')
      .innerJoin('partner', 'partner.id', 'action_partner.partner_id')
      .select(['action_partner.action_id', 'action_partner.role', 'partner.code'])
      .where('action.scheme_id', '=', schemeId)
      .orderBy('partner.code')
      .orderBy('action_partner.role')
      .execute(),
    db
      .selectFrom('action_update')
      .innerJoin('action', 'action.id', 'action_update.action_id')
      .select(['action_update.action_id', 'action_update.date', 'action_update.kind', 'action_update.text', 'action_update.illustrative'])
      .where('action.scheme_id', '=', schemeId)
      .orderBy('action_update.date')
      .orderBy('action_update.kind')
      .orderBy('action_update.text')
      .execute(),
    db.selectFrom('indicator').leftJoin('partner', 'partner.id', 'indicator.owner_partner_id').selectAll('indicator').select('partner.code as owner_code').where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db.selectFrom('district').selectAll().where('scheme_id', '=', schemeId).orderBy('code').execute(),
    db.selectFrom('governing_body').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db
      .selectFrom('body_member')
      .innerJoin('governing_body', 'governing_body.id', 'body_member.body_id')
      .leftJoin('partner', 'partner.id', 'body_member.partner_id')
      .select(['body_member.body_id', 'body_member.role', 'body_member.person_role', 'body_member.person_name', 'partner.code'])
      .where('governing_body.scheme_id', '=', schemeId)
      .orderBy('body_member.position')
      .execute(),
    db
      .selectFrom('meeting')
      .innerJoin('governing_body', 'governing_body.id', 'meeting.body_id')
      .selectAll('meeting')
      .where('governing_body.scheme_id', '=', schemeId)
      .orderBy('meeting.date')
      .orderBy('meeting.title')
      .execute(),
    db.selectFrom('phase').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db.selectFrom('consultation_event').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db.selectFrom('proposal').selectAll().where('scheme_id', '=', schemeId).orderBy('position').execute(),
    db.selectFrom('scheme_predecessor').select('predecessor_code').where('scheme_id', '=', schemeId).orderBy('position').execute(),
  ]);
  const predecessors = predecessorRows.map((r) => r.predecessor_code);
  const measurements = indicators.length
    ? await db
        .selectFrom('measurement')
        .selectAll()
        .distinctOn(['indicator_id', 'period_start', 'period', 'territory'])
        .where('indicator_id', 'in', indicators.map((i) => i.id))
        .orderBy('indicator_id')
        .orderBy('period_start')
        .orderBy('period')
        .orderBy('territory')
        .orderBy('revision', 'desc')
        .execute()
    : [];

  const partnerIds = new Set<string>();
  const group = <T, K>(rows: T[], key: (r: T) => K) => {
    const map = new Map<K, T[]>();
    for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  };
  const measurementsOf = group(measurements, (m) => m.indicator_id);
  const indicatorsOf = group(indicators, (i) => i.action_id ?? i.orientation_id ?? null);
  const toIndicator = (i: (typeof indicators)[number]): IndicatorDocument =>
    compact({
      code: i.code,
      name: i.name,
      definition: opt(i.definition),
      type: i.type as IndicatorDocument['type'],
      unit: i.unit,
      direction: i.direction as IndicatorDocument['direction'],
      baseline: i.baseline_value !== null && i.baseline_date
        ? compact({ value: i.baseline_value, date: i.baseline_date, illustrative: opt(i.baseline_illustrative), source: opt(i.baseline_source) })
        : undefined,
      target: i.target_value !== null && i.target_date
        ? compact({ value: i.target_value, date: i.target_date, illustrative: opt(i.target_illustrative), source: opt(i.target_source) })
        : undefined,
      intermediateTargets: i.intermediate_targets,
      periodicity: i.periodicity as IndicatorDocument['periodicity'],
      source: opt(i.source),
      aggregation: i.aggregation as IndicatorDocument['aggregation'],
      secrecyThreshold: opt(i.secrecy_threshold),
      sharedCode: opt(i.shared_code),
      owner: opt(i.owner_code),
      measurements: (measurementsOf.get(i.id) ?? []).map(
        (m): MeasurementDocument =>
          compact({
            period: m.period,
            territory: m.territory,
            value: opt(m.value),
            numerator: opt(m.numerator),
            denominator: opt(m.denominator),
            missingReason: opt(m.missing_reason) as MeasurementDocument['missingReason'],
            provisional: m.provisional || undefined,
            source: opt(m.source),
            comment: opt(m.comment),
            illustrative: m.illustrative || undefined,
          }),
      ),
      illustrative: i.illustrative || undefined,
    });

  const partnersOf = group(actionPartners, (p) => p.action_id);
  const updatesOf = group(updates, (u) => u.action_id);
  const actionsOf = group(actions, (a) => a.orientation_id);
  const toAction = (a: (typeof actions)[number]): ActionDocument => {
    const links = partnersOf.get(a.id) ?? [];
    const pilot = links.find((l) => l.role === 'pilot');
    return compact({
      code: a.code,
      title: a.title,
      description: opt(a.description),
      easyRead: opt(a.easy_read),
      objectives: a.objectives,
      expectedResults: a.expected_results,
      publics: a.publics as ActionDocument['publics'],
      themes: a.themes as ActionDocument['themes'],
      territories: a.territories,
      pilot: pilot?.code,
      partners: links.filter((l) => l !== pilot).map((l) => ({ partner: l.code, role: l.role as 'partner' })),
      startDate: opt(a.start_date),
      endDate: opt(a.end_date),
      milestones: a.milestones,
      budget: a.budget,
      priority: opt(a.priority) as ActionDocument['priority'],
      status: a.status as ActionDocument['status'],
      progress: opt(a.progress),
      weight: opt(a.weight),
      updates: (updatesOf.get(a.id) ?? []).map((u) => compact({ date: u.date, kind: u.kind as 'obstacle', text: u.text, illustrative: u.illustrative || undefined })),
      indicators: (indicatorsOf.get(a.id) ?? []).map(toIndicator),
      illustrative: a.illustrative || undefined,
    });
  };

  const childrenOf = group(orientations, (o) => o.parent_id);
  const toOrientation = (o: (typeof orientations)[number]): OrientationDocument =>
    compact({
      code: o.code,
      title: o.title,
      description: opt(o.description),
      easyRead: opt(o.easy_read),
      objectives: o.objectives,
      weight: opt(o.weight),
      orientations: (childrenOf.get(o.id) ?? []).map(toOrientation),
      actions: (actionsOf.get(o.id) ?? []).map(toAction),
      indicators: (indicatorsOf.get(o.id) ?? []).map(toIndicator),
    });

  for (const p of actionPartners) partnerIds.add(p.code);
  for (const m of members) if (m.code) partnerIds.add(m.code);
  for (const i of indicators) if (i.owner_code) partnerIds.add(i.owner_code);
  for (const a of actions) for (const b of a.budget) partnerIds.add(b.funder);
  for (const e of events) for (const p of e.partners) partnerIds.add(p);
  const partners = partnerIds.size
    ? await db.selectFrom('partner').selectAll().where('code', 'in', [...partnerIds]).orderBy('code').execute()
    : [];

  const evaluation = await readEvaluationSection(db, schemeId, predecessors[0] ?? null);
  const membersOf = group(members, (m) => m.body_id);
  const meetingsOf = group(meetings, (m) => m.body_id);
  return compact({
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
    partners: partners.map((p) => compact({ code: p.code, name: p.name, kind: p.kind as 'other', siren: opt(p.siren), departments: p.departments })),
    districts: districts.map((d) => ({ code: d.code, name: d.name, kind: d.kind, communes: d.communes as `com:${string}`[] })),
    orientations: (childrenOf.get(null) ?? []).map(toOrientation),
    indicators: (indicatorsOf.get(null) ?? []).map(toIndicator),
    governingBodies: bodies.map((b) =>
      compact({
        code: b.code,
        kind: b.kind as 'copil',
        name: b.name,
        description: opt(b.description),
        members: (membersOf.get(b.id) ?? []).map((m) =>
          compact({
            person: m.person_role === null ? undefined : compact({ role: m.person_role, name: opt(m.person_name) }),
            partner: opt(m.code),
            role: opt(m.role),
          }),
        ),
        meetings: (meetingsOf.get(b.id) ?? []).map((m) => compact({ date: m.date, title: m.title, summary: opt(m.summary), decisions: m.decisions })),
      }),
    ),
    phases: phases.map((p) => compact({ code: p.code, kind: p.kind as 'elaboration', title: p.title, date: opt(p.date_text), description: opt(p.description) })),
    consultationEvents: events.map((e) =>
      compact({
        code: e.code,
        kind: e.kind as 'other',
        title: e.title,
        date: opt(e.date_text),
        participants: opt(e.participants),
        proposalsCount: opt(e.proposals_count),
        partners: e.partners,
        description: opt(e.description),
      }),
    ),
    proposals: proposals.map((p) => compact({ code: p.code, text: p.text, event: opt(p.event_code), outcome: p.outcome as 'pending', actions: p.actions, illustrative: p.illustrative || undefined })),
    ...evaluation,
  }) as SchemeFile;
}
