import type { z } from 'zod';
import { schemeFileSchema, type SchemeFile } from './scheme-file.ts';
import type { OrientationDocument } from '../orientation/orientation.ts';
import type { ActionDocument } from '../action/action.ts';
import type { IndicatorDocument } from '../indicator/indicator.ts';
import { messageWithDetail, validateShape, type Lang, type ValidationIssue } from '../validation/issues.ts';
import { checkValues, type ValueCheck } from '../validation/values.ts';
import { officialTerritoryCode } from '../territory/territory.ts';
import { unknownFields } from './unknown-fields.ts';
import { checkEvaluationReferences } from './sections/evaluation.ts';
import { periodicityIssue } from '../rules/indicator-value.ts';
import { schemePredecessors } from '../scheme/scheme.ts';
import { statusChange, type SchemeStatus } from '../rules/lifecycle.ts';
import { labelOf } from '../shared/labels.ts';

/** What the database already knows, for references a file may make to things it does not declare. */
export interface KnownCodes {
  readonly partners?: ReadonlySet<string>;
  /** Returns whether an official territory code (`dep:92`, `com:92012`…) exists. */
  readonly isOfficialTerritory?: (code: string) => boolean;
  /** Codes of the schemes a file may name as predecessors (stored and visible); unchecked when absent. */
  readonly schemes?: ReadonlySet<string>;
  /**
   * The stored status of schemes by code: a file that names a stored scheme may move it forward along the
   * lifecycle, never back (an amendment or a withdrawal is a dated, motivated `changeSchemeStatus`); unchecked when absent.
   */
  readonly statuses?: ReadonlyMap<string, SchemeStatus>;
}

/** Every orientation of a file with its path in the file, depth-first. */
export function* walkOrientations(
  orientations: readonly OrientationDocument[] | undefined,
  path = 'orientations',
  parentCode: string | null = null,
  depth = 0,
): Generator<{ orientation: OrientationDocument; path: string; parentCode: string | null; depth: number; position: number }> {
  for (const [position, orientation] of (orientations ?? []).entries()) {
    const here = `${path}[${position}]`;
    yield { orientation, path: here, parentCode, depth, position };
    yield* walkOrientations(orientation.orientations, `${here}.orientations`, orientation.code, depth + 1);
  }
}

/**
 * Every partner code a scheme file (parsed or not) refers to: pilots, partners, funders, indicator owners,
 * body members and consultation partners.
 *
 * ### Examples
 * ```ts
 * referencedPartnerCodes({ orientations: [{ actions: [{ pilot: 'cd-48', partners: [{ partner: 'caf-48' }] }] }] }); // ['cd-48', 'caf-48']
 * ```
 */
export function referencedPartnerCodes(input: unknown): string[] {
  const codes = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      // Measurements name no partner, and they are most of a large file.
      if (key === 'measurements') continue;
      if ((key === 'pilot' || key === 'partner' || key === 'funder' || key === 'owner') && typeof child === 'string') codes.add(child);
      else if (key === 'partners' && Array.isArray(child)) for (const v of child) if (typeof v === 'string') codes.add(v);
      visit(child);
    }
  };
  visit(input);
  return [...codes];
}

/** Every action of a file with its orientation code and path. */
export function* walkActions(file: SchemeFile): Generator<{ action: ActionDocument; path: string; orientationCode: string; position: number }> {
  for (const { orientation, path } of walkOrientations(file.orientations)) {
    for (const [position, action] of (orientation.actions ?? []).entries()) {
      yield { action, path: `${path}.actions[${position}]`, orientationCode: orientation.code, position };
    }
  }
}

/** Every indicator of a file with what it is attached to (scheme, orientation or action) and its path. */
export function* walkIndicators(
  file: SchemeFile,
): Generator<{ indicator: IndicatorDocument; path: string; orientationCode?: string; actionCode?: string; position: number }> {
  let position = 0;
  for (const [i, indicator] of (file.indicators ?? []).entries()) yield { indicator, path: `indicators[${i}]`, position: position++ };
  for (const { orientation, path } of walkOrientations(file.orientations)) {
    for (const [i, indicator] of (orientation.indicators ?? []).entries()) {
      yield { indicator, path: `${path}.indicators[${i}]`, orientationCode: orientation.code, position: position++ };
    }
    for (const [a, action] of (orientation.actions ?? []).entries()) {
      for (const [i, indicator] of (action.indicators ?? []).entries()) {
        yield { indicator, path: `${path}.actions[${a}].indicators[${i}]`, actionCode: action.code, position: position++ };
      }
    }
  }
}

/**
 * Check the references inside a parsed scheme file: duplicate codes, unknown partners, territories,
 * consultation events, actions and orientations. Returns the issues (empty when the file is coherent).
 *
 * ### Examples
 * ```ts
 * checkReferences(file, 'fr'); // [{ path: 'orientations[0].actions[1].pilot', code: 'unknown_partner', message: 'partenaire inconnu : caf-99' }]
 * ```
 */
export function checkReferences(file: SchemeFile, lang: Lang = 'fr', known: KnownCodes = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (path: string, code: string, detail: string) =>
    issues.push({ path, code, message: messageWithDetail(code, detail, lang) });
  const unique = (entries: Iterable<{ code: string; path: string }>) => {
    const seen = new Map<string, string>();
    for (const { code, path } of entries) {
      const first = seen.get(code);
      if (first) issue(`${path}.code`, 'duplicate_code', `${code} (${lang === 'fr' ? 'déjà utilisé en' : 'already used at'} ${first})`);
      else seen.set(code, path);
    }
  };
  const orientations = [...walkOrientations(file.orientations)];
  const actions = [...walkActions(file)];
  const indicators = [...walkIndicators(file)];
  unique((file.partners ?? []).map((p, i) => ({ code: p.code, path: `partners[${i}]` })));
  unique((file.districts ?? []).map((d, i) => ({ code: d.code, path: `districts[${i}]` })));
  unique(orientations.map(({ orientation, path }) => ({ code: orientation.code, path })));
  unique(actions.map(({ action, path }) => ({ code: action.code, path })));
  unique(indicators.map(({ indicator, path }) => ({ code: indicator.code, path })));
  unique((file.governingBodies ?? []).map((b, i) => ({ code: b.code, path: `governingBodies[${i}]` })));
  unique((file.phases ?? []).map((p, i) => ({ code: p.code, path: `phases[${i}]` })));
  unique((file.consultationEvents ?? []).map((e, i) => ({ code: e.code, path: `consultationEvents[${i}]` })));
  unique((file.proposals ?? []).map((p, i) => ({ code: p.code, path: `proposals[${i}]` })));

  const partners = new Set([...(file.partners ?? []).map((p) => p.code), ...(known.partners ?? [])]);
  const partner = (code: string | undefined, path: string) => {
    if (code !== undefined && !partners.has(code)) issue(path, 'unknown_partner', code);
  };
  const districts = new Set((file.districts ?? []).map((d) => d.code));
  // A large file names the same few territories tens of thousands of times: each code is checked once.
  const checked = new Map<string, boolean>();
  const territory = (code: string | undefined, path: string) => {
    if (code === undefined || districts.has(code)) return;
    let official = checked.get(code);
    if (official === undefined) {
      official = officialTerritoryCode.safeParse(code).success && (known.isOfficialTerritory?.(code) ?? true);
      checked.set(code, official);
    }
    if (!official) issue(path, 'unknown_territory', code);
  };
  const actionCodes = new Set(actions.map(({ action }) => action.code));
  const orientationCodes = new Set(orientations.map(({ orientation }) => orientation.code));

  for (const [i, district] of (file.districts ?? []).entries()) {
    district.communes.forEach((c, j) => territory(c, `districts[${i}].communes[${j}]`));
  }
  for (const { action, path } of actions) {
    partner(action.pilot, `${path}.pilot`);
    action.partners?.forEach((p, i) => partner(p.partner, `${path}.partners[${i}].partner`));
    // The database keeps one row per partner and role of an action (action_partner's key).
    const roles = new Map<string, number>();
    action.partners?.forEach((p, i) => {
      const key = `${p.partner}|${p.role ?? ''}`;
      const first = roles.get(key);
      if (first !== undefined) issue(`${path}.partners[${i}]`, 'duplicate_member', `${p.partner}${p.role ? ` (${p.role})` : ''} ${lang === 'fr' ? `déjà en partners[${first}]` : `already at partners[${first}]`}`);
      else roles.set(key, i);
    });
    action.budget?.forEach((b, i) => partner(b.funder, `${path}.budget[${i}].funder`));
    action.territories?.forEach((t, i) => territory(t, `${path}.territories[${i}]`));
  }
  for (const { indicator, path } of indicators) {
    partner(indicator.owner, `${path}.owner`);
    indicator.measurements?.forEach((m, i) => territory(m.territory, `${path}.measurements[${i}].territory`));
    const seen = new Set<string>();
    indicator.measurements?.forEach((m, i) => {
      const key = `${m.period}|${m.territory}`;
      if (seen.has(key)) issue(`${path}.measurements[${i}]`, 'duplicate_code', `${m.period} ${m.territory}`);
      seen.add(key);
      // The indicator's periodicity, the same check as the record-measurement command's (rules/indicator-value).
      const refused = periodicityIssue(indicator.periodicity, m.period, `${path}.measurements[${i}].period`, lang);
      if (refused) issues.push(refused);
    });
  }
  for (const [b, body] of (file.governingBodies ?? []).entries()) {
    body.members?.forEach((m, i) => partner(m.partner, `governingBodies[${b}].members[${i}].partner`));
    // One seat per organisation and body (body_member_organisation_idx), one per person (role and name): a member
    // listed twice is refused here, with its path, rather than by the database.
    const members = new Map<string, number>();
    body.members?.forEach((m, i) => {
      const key = m.person ? `person|${m.person.role.toLowerCase()}|${m.person.name?.toLowerCase() ?? ''}|${m.partner ?? ''}` : `partner|${m.partner}`;
      const who = m.person ? [m.person.role, m.person.name].filter(Boolean).join(', ') : m.partner!;
      const first = members.get(key);
      if (first !== undefined) issue(`governingBodies[${b}].members[${i}]${m.person ? '.person' : '.partner'}`, 'duplicate_member', `${who} ${lang === 'fr' ? `déjà en members[${first}]` : `already at members[${first}]`}`);
      else members.set(key, i);
    });
    body.meetings?.forEach((meeting, m) =>
      meeting.decisions?.forEach((d, i) => {
        d.actions?.forEach((a, j) => actionCodes.has(a) || issue(`governingBodies[${b}].meetings[${m}].decisions[${i}].actions[${j}]`, 'unknown_action', a));
        d.orientations?.forEach((o, j) => orientationCodes.has(o) || issue(`governingBodies[${b}].meetings[${m}].decisions[${i}].orientations[${j}]`, 'unknown_orientation', o));
      }),
    );
  }
  const events = new Set((file.consultationEvents ?? []).map((e) => e.code));
  file.consultationEvents?.forEach((e, i) => e.partners?.forEach((p, j) => partner(p, `consultationEvents[${i}].partners[${j}]`)));
  for (const [i, proposal] of (file.proposals ?? []).entries()) {
    if (proposal.event && !events.has(proposal.event)) issue(`proposals[${i}].event`, 'unknown_event', proposal.event);
    proposal.actions?.forEach((a, j) => actionCodes.has(a) || issue(`proposals[${i}].actions[${j}]`, 'unknown_action', a));
  }
  const indicatorCodes = new Set(indicators.map(({ indicator }) => indicator.code));
  const predecessors = schemePredecessors(file.scheme);
  if (known.schemes) {
    predecessors.forEach((code, i) => known.schemes!.has(code) || issue(file.scheme.predecessors ? `scheme.predecessors[${i}]` : 'scheme.predecessor', 'unknown_predecessor', code));
  }
  const stored = known.statuses?.get(file.scheme.code);
  if (stored && !statusChange(stored, file.scheme.status).ok) {
    issue('scheme.status', 'status_transition', `${labelOf('schemeStatus', stored, lang)} → ${labelOf('schemeStatus', file.scheme.status, lang)}`);
  }
  issues.push(...checkEvaluationReferences(file, { predecessor: predecessors[0], orientations: orientationCodes, actions: actionCodes, indicators: indicatorCodes }, lang));
  return issues;
}

/**
 * Validate a whole scheme file: the value rules the database enforces (`checkValues`: NUL characters,
 * lone surrogates, length caps, nesting depth, cycles), its shape (zod), then its internal references.
 * `checked` is the outcome of `checkValues` on the same input when the caller ran it already.
 *
 * ### Examples
 * ```ts
 * const result = validateSchemeFile(YAML.parse(text), 'fr');
 * if (!result.ok) for (const i of result.issues) console.error(`${i.path} : ${i.message}`);
 * ```
 */
export function validateSchemeFile(
  input: unknown,
  lang: Lang = 'fr',
  known: KnownCodes = {},
  checked?: ValueCheck,
): { ok: true; data: SchemeFile } | { ok: false; issues: ValidationIssue[] } {
  const values = checked ?? checkValues(input, lang);
  // A cycle or a runaway nesting would never end the walks below.
  if (values.unwalkable) return { ok: false, issues: values.issues };
  // Unknown (often misspelled) fields are errors: zod alone would drop them silently.
  const unknown = unknownFields(schemeFileSchema, input, lang);
  const parsed = validateShape(schemeFileSchema, input, lang);
  const reported = new Set(values.issues.map((i) => i.path));
  const before = [...values.issues, ...unknown];
  if (!parsed.ok) return { ok: false, issues: [...before, ...parsed.issues.filter((i) => !reported.has(i.path))] };
  const data = parsed.data as z.infer<typeof schemeFileSchema> as SchemeFile;
  const issues = [...before, ...checkReferences(data, lang, known)];
  return issues.length ? { ok: false, issues } : { ok: true, data };
}
