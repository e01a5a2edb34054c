import { z } from 'zod';
import { checkValues, valueRuleMessage } from './values.ts';

/** Languages of user-facing messages: French first, English available. */
export type Lang = 'fr' | 'en';

/** One validation problem, with the path of the field in the input (`orientations[1].actions[3].startDate`). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly code: string;
}

const MESSAGES: Record<string, { fr: string; en: string }> = {
  date_format: { fr: 'date attendue au format AAAA-MM-JJ', en: 'expected a date as YYYY-MM-DD' },
  date_invalid: { fr: "cette date n'existe pas", en: 'this date does not exist' },
  code_format: { fr: 'code invalide : lettres, chiffres, points, tirets ou soulignés', en: 'invalid code: letters, digits, dots, dashes or underscores' },
  department_code: { fr: 'code de département INSEE invalide (ex. 92, 2A, 974)', en: 'invalid INSEE département code (e.g. 92, 2A, 974)' },
  territory_code: { fr: 'code de territoire invalide (ex. dep:92, com:92012, epci:200054781)', en: 'invalid territory code (e.g. dep:92, com:92012, epci:200054781)' },
  siren_format: { fr: 'SIREN attendu : 9 chiffres', en: 'SIREN expected: 9 digits' },
  period_format: { fr: 'période attendue : AAAA, AAAA-T1…T4 écrit AAAA-Q1, ou AAAA-MM', en: 'period expected: YYYY, YYYY-Q1…Q4 or YYYY-MM' },
  end_before_start: { fr: 'la date de fin précède la date de début', en: 'the end date is before the start date' },
  period_too_long: { fr: 'un schéma couvre au plus cinq ans, soit six années civiles (start et end comprises)', en: 'a scheme covers at most five years, that is six calendar years (start and end included)' },
  value_or_reason: { fr: "une valeur ou la raison de son absence (missingReason) est obligatoire", en: 'a value or the reason it is missing (missingReason) is required' },
  reason_with_value: { fr: "une raison d'absence ne va pas avec une valeur", en: 'a missing reason cannot go with a value' },
  duplicate_code: { fr: 'code en double', en: 'duplicate code' },
  duplicate_member: { fr: 'membre en double', en: 'duplicate member' },
  unknown_field: { fr: 'champ inconnu', en: 'unknown field' },
  unknown_partner: { fr: 'partenaire inconnu', en: 'unknown partner' },
  unknown_territory: { fr: 'territoire inconnu', en: 'unknown territory' },
  unknown_indicator: { fr: 'indicateur inconnu', en: 'unknown indicator' },
  unknown_shared_indicator: { fr: 'indicateur partagé inconnu', en: 'unknown shared indicator' },
  unknown_action: { fr: 'action inconnue', en: 'unknown action' },
  unknown_orientation: { fr: 'orientation inconnue', en: 'unknown orientation' },
  unknown_event: { fr: 'événement de concertation inconnu', en: 'unknown consultation event' },
  unknown_scheme: { fr: 'schéma inconnu', en: 'unknown scheme' },
  unknown_body: { fr: 'instance de gouvernance inconnue', en: 'unknown governing body' },
  unknown_member: { fr: "ce partenaire ne siège pas dans l'instance", en: 'this partner does not sit in the body' },
  unknown_meeting: { fr: 'réunion inconnue', en: 'unknown meeting' },
  unknown_proposal: { fr: 'proposition inconnue', en: 'unknown proposal' },
  unknown_phase: { fr: 'phase inconnue', en: 'unknown phase' },
  event_in_use: {
    fr: "des propositions sont issues de ce temps de concertation, à supprimer ou à rattacher à un autre d'abord",
    en: 'proposals come from this consultation event, to delete or attach to another one first',
  },
  action_other_scheme: { fr: "l'action appartient à un autre schéma", en: 'the action belongs to another scheme' },
  unknown_predecessor: { fr: 'schéma précédent inconnu', en: 'unknown previous scheme' },
  scheme_code_exists: { fr: 'un schéma porte déjà ce code', en: 'a scheme already has this code' },
  code_namespace: {
    fr: "le code d'un schéma commence par le code d'un de ses départements suivi d'un tiret (ex. 48-2023-2027)",
    en: "a scheme's code starts with the code of one of its départements and a dash (e.g. 48-2023-2027)",
  },
  status_transition: {
    fr: "changement de statut impossible : le cycle est brouillon → concertation → adopté → en vigueur → clos ; revenir en arrière demande un avenant ou un retrait daté et motivé",
    en: 'status change not allowed: the lifecycle is draft → consultation → adopted → in force → closed; going back needs a dated amendment or withdrawal with a reason',
  },
  adoption_required: {
    fr: "un schéma adopté, en vigueur ou clos a une date d'adoption et la référence de la délibération",
    en: 'an adopted, in-force or closed scheme has an adoption date and the reference of the deliberation',
  },
  // Model of real schemes (issue 9 item 4): fuzzy dates, persons by role, several predecessors.
  fuzzy_date_format: {
    fr: 'date attendue : AAAA-MM-JJ, AAAA-MM, AAAA, ou une période « début/fin » (ex. 2018-05/2018-07, 2019/..)',
    en: 'expected a date: YYYY-MM-DD, YYYY-MM, YYYY, or a span "start/end" (e.g. 2018-05/2018-07, 2019/..)',
  },
  fuzzy_date_point: { fr: 'date attendue : AAAA-MM-JJ, AAAA-MM ou AAAA (pas une période)', en: 'expected a date: YYYY-MM-DD, YYYY-MM or YYYY (not a span)' },
  fuzzy_date_range: { fr: 'année hors de 1900–2100', en: 'year outside 1900–2100' },
  date_and_start: { fr: 'indiquez date ou startDate, pas les deux', en: 'give date or startDate, not both' },
  member_who: { fr: 'un membre est une organisation (partner) ou une personne par sa fonction (person.role)', en: 'a member is an organisation (partner) or a person by role (person.role)' },
  predecessor_and_predecessors: { fr: 'indiquez predecessor ou predecessors, pas les deux', en: 'give predecessor or predecessors, not both' },
  predecessor_self: { fr: 'un schéma ne peut pas se continuer lui-même', en: 'a scheme cannot continue itself' },
  change_reason_required: { fr: 'un avenant ou un retrait a une date et un motif', en: 'an amendment or a withdrawal has a date and a reason' },
};

/**
 * Translate one of the domain's message codes, or return it unchanged when it is not a code.
 *
 * ### Examples
 * ```ts
 * translate('end_before_start', 'fr'); // 'la date de fin précède la date de début'
 * ```
 */
export function translate(messageCode: string, lang: Lang = 'fr'): string {
  return MESSAGES[messageCode]?.[lang] ?? valueRuleMessage(messageCode, lang) ?? messageCode;
}

const isMessageCode = (code: string) => Object.hasOwn(MESSAGES, code) || valueRuleMessage(code) !== undefined;

/**
 * A message code translated and followed by what it is about, with each language's colon
 * (French puts a space before it).
 *
 * ### Examples
 * ```ts
 * messageWithDetail('unknown_partner', 'caf-99', 'fr'); // 'partenaire inconnu : caf-99'
 * messageWithDetail('unknown_partner', 'caf-99', 'en'); // 'unknown partner: caf-99'
 * ```
 */
export function messageWithDetail(messageCode: string, detail: string, lang: Lang = 'fr'): string {
  return `${translate(messageCode, lang)}${lang === 'fr' ? ' : ' : ': '}${detail}`;
}

/** `['orientations', 1, 'actions', 3, 'startDate']` → `orientations[1].actions[3].startDate`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

const locales = { fr: z.locales.fr(), en: z.locales.en() };

/**
 * Validate `input` against a zod schema and return either the parsed data or issues in the given language.
 * The value rules the database enforces (`checkValues`: NUL characters, lone surrogates, length caps,
 * nesting depth, cycles) are checked first, so that files and commands refuse the same values with the
 * same messages; a cyclic or too deeply nested input is not handed to the schema at all.
 *
 * ### Examples
 * ```ts
 * const result = validate(actionSchema, { code: '1', title: 'X', startDate: '2024-13-01' }, 'fr');
 * if (!result.ok) result.issues[0]; // { path: 'startDate', code: 'date_format', message: 'date attendue au format AAAA-MM-JJ' }
 * ```
 */
export function validate<T extends z.ZodType>(
  schema: T,
  input: unknown,
  lang: Lang = 'fr',
): { ok: true; data: z.infer<T> } | { ok: false; issues: ValidationIssue[] } {
  const values = checkValues(input, lang);
  if (values.unwalkable) return { ok: false, issues: values.issues };
  const shape = validateShape(schema, input, lang);
  if (values.issues.length === 0) return shape;
  // One issue per field: the value rule's, rather than the schema's guess about the same bad text.
  const reported = new Set(values.issues.map((i) => i.path));
  return { ok: false, issues: [...values.issues, ...(shape.ok ? [] : shape.issues.filter((i) => !reported.has(i.path)))] };
}

/**
 * {@link validate} without the value rules: the zod schema alone. For a caller that ran `checkValues`
 * on the same input already (a scheme file is checked once, as a whole).
 *
 * ### Examples
 * ```ts
 * if (!checkValues(input).unwalkable) validateShape(schemeFileSchema, input, 'fr');
 * ```
 */
export function validateShape<T extends z.ZodType>(
  schema: T,
  input: unknown,
  lang: Lang = 'fr',
): { ok: true; data: z.infer<T> } | { ok: false; issues: ValidationIssue[] } {
  const result = schema.safeParse(input, { error: locales[lang].localeError });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      code: isMessageCode(issue.message) ? issue.message : issue.code,
      message: translate(issue.message, lang),
    })),
  };
}

/**
 * The error every expected failure is: a stable `code` and issues with field paths.
 * Codes: VALIDATION, NOT_FOUND, CONFLICT, FORBIDDEN, UNAUTHENTICATED.
 */
export class DomainError extends Error {
  constructor(
    readonly code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED',
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
