/**
 * User-facing texts of the widgets: French first, English available.
 * Labels of domain values (statuses, health, phases…) are the core's, keyed by its lower-case constants.
 */
import {
  actionRoleLabels,
  actionStatusLabels,
  eventKindLabels,
  healthKeyLabels,
  indicatorTypeLabels,
  missingReasonLabels,
  notSetLabel,
  phaseKindLabels,
  priorityLabels,
  proposalOutcomeLabels,
  schemeStatusLabels,
  updateKindLabels,
  valueStatusLabels,
  translator,
  type Texts,
} from '@sosms/core/labels';

export { translator, type Texts };
/** Languages the widgets speak. */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Turn any attribute value into a supported language (French unless `en`). */
export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

const TEXTS = {
  loading: { fr: 'Chargement des données…', en: 'Loading data…' },
  empty: { fr: 'Aucune donnée à afficher.', en: 'No data to show.' },
  errorTitle: { fr: 'Impossible d’afficher ce contenu', en: 'This content cannot be shown' },
  illustrative: { fr: 'donnée illustrative', en: 'illustrative data' },
  illustrativeNote: {
    fr: 'Les éléments marqués « donnée illustrative » ne proviennent pas du texte du schéma : ils servent d’exemple.',
    en: 'Items marked “illustrative data” do not come from the scheme text: they are examples.',
  },
  period: { fr: 'Période', en: 'Period' },
  departments: { fr: 'Départements', en: 'Départements' },
  department: { fr: 'Département', en: 'Département' },
  overallProgress: { fr: 'Avancement global', en: 'Overall progress' },
  progressOf: { fr: 'Avancement de', en: 'Progress of' },
  status: { fr: 'Statut', en: 'Status' },
  health: { fr: 'Santé', en: 'Health' },
  actions: { fr: 'Actions', en: 'Actions' },
  action: { fr: 'Action', en: 'Action' },
  notSet: notSetLabel,
  baseline: { fr: 'Valeur de référence', en: 'Baseline' },
  target: { fr: 'Cible', en: 'Target' },
  value: { fr: 'Valeur', en: 'Value' },
  proposals: { fr: 'propositions', en: 'proposals' },
  scheme: { fr: 'Schéma', en: 'Scheme' },
  easyRead: { fr: 'Facile à lire et à comprendre (FALC)', en: 'Easy read' },
  retry: { fr: 'Réessayer', en: 'Try again' },
  shownOf: { fr: 'affichées sur', en: 'shown of' },
  illustrativeFigure: { fr: 'calculé à partir de données illustratives', en: 'computed from illustrative data' },
} as const satisfies Texts;

export type TextKey = keyof typeof TEXTS;

/** The texts every widget shares; each widget adds its own in `<widget>.texts.ts` (only its bundle carries them). */
export const COMMON_TEXTS = TEXTS;

// A widget's `t` is core's `translator` over the common texts and its own (`<widget>.texts.ts`):
// `translator({ ...COMMON_TEXTS, budget: { fr: 'Budget', en: 'Budget' } })`.
const common = translator(TEXTS);

/**
 * One user-facing text in the given language.
 *
 * ### Examples
 * ```ts
 * t('loading', 'fr'); // 'Chargement des données…'
 * ```
 */
export function t(key: TextKey, lang: Lang): string {
  return common(key, lang);
}

const ERRORS = {
  NETWORK: {
    fr: 'Le serveur de données est injoignable. Vérifiez votre connexion ou réessayez plus tard.',
    en: 'The data server cannot be reached. Check your connection or try again later.',
  },
  TIMEOUT: {
    fr: 'Le serveur de données n’a pas répondu à temps. Réessayez dans quelques instants.',
    en: 'The data server did not answer in time. Try again in a moment.',
  },
  HTTP: { fr: 'Le serveur de données a répondu par une erreur', en: 'The data server answered with an error' },
  UNAVAILABLE: {
    fr: 'Le serveur de données est momentanément indisponible. Réessayez dans quelques instants.',
    en: 'The data server is unavailable for the moment. Try again in a moment.',
  },
  RATE_LIMITED: {
    fr: 'Le serveur de données reçoit trop de demandes : réessayez dans quelques instants.',
    en: 'The data server receives too many requests: try again in a moment.',
  },
  TOO_COMPLEX: {
    fr: 'Le serveur de données refuse une demande trop lourde pour lui',
    en: 'The data server refuses a request too heavy for it',
  },
  GRAPHQL: { fr: 'La requête a été refusée par le serveur de données', en: 'The data server refused the query' },
  BAD_REQUEST: {
    fr: 'La requête a été refusée par le serveur de données : un paramètre du widget n’est pas valide',
    en: 'The data server refused the query: a parameter of the widget is not valid',
  },
  NOT_FOUND: { fr: 'Élément introuvable', en: 'Not found' },
  SCHEME_NOT_FOUND: { fr: 'Schéma introuvable ou non publié', en: 'Scheme not found or not published' },
  ACTION_NOT_FOUND: { fr: 'Action introuvable dans ce schéma', en: 'Action not found in this scheme' },
  INDICATOR_NOT_FOUND: { fr: 'Indicateur introuvable', en: 'Indicator not found' },
  BAD_JSON: { fr: 'Le fichier de données n’est pas un JSON valide.', en: 'The data file is not valid JSON.' },
  MISSING_DATA: { fr: 'Le fichier de données ne contient pas ce contenu', en: 'The data file does not hold this content' },
  WRONG_SCHEME: {
    fr: 'Le fichier de données décrit un autre schéma que celui demandé par l’attribut scheme',
    en: 'The data file describes another scheme than the one the scheme attribute asks for',
  },
  MISSING_ATTRIBUTE: { fr: 'Widget mal configuré : attribut obligatoire manquant', en: 'Widget misconfigured: required attribute missing' },
  CONFIG: {
    fr: 'Widget mal configuré : indiquez l’attribut endpoint (adresse GraphQL) ou src (fichier JSON)',
    en: 'Widget misconfigured: set the endpoint (GraphQL URL) or src (JSON file) attribute',
  },
} as const satisfies Texts;

/** Stable codes of the failures a widget shows. */
export type WidgetErrorCode = keyof typeof ERRORS;
const errorTexts = translator(ERRORS);

/** The French or English sentence for a widget failure code. */
export function errorText(code: WidgetErrorCode, lang: Lang): string {
  return errorTexts(code, lang);
}

// Labels of domain values: the core's one table (`@sosms/core/labels`, bundled into each widget), keyed by the
// core's lower-case constants. Only what a widget shows beyond the core's vocabularies is added here.

/** Labels of actionStatus values. */
export const ACTION_STATUS = actionStatusLabels;

/** Labels of health values, and of `unknown`, the count of actions without health (`actionCounts.byHealth`). */
export const HEALTH = healthKeyLabels;

/** Labels of schemeStatus values. */
export const SCHEME_STATUS = schemeStatusLabels;

/** Labels of priority values. */
export const PRIORITY = priorityLabels;

/** Labels of role values. */
export const ROLE = actionRoleLabels;

/** Labels of updateKind values. */
export const UPDATE_KIND = updateKindLabels;

/** Labels of phaseKind values. */
export const PHASE_KIND = phaseKindLabels;

/** Labels of eventKind values. */
export const EVENT_KIND = eventKindLabels;

/** Labels of indicatorType values. */
export const INDICATOR_TYPE = indicatorTypeLabels;

/** Labels of proposalOutcome values. */
export const PROPOSAL_OUTCOME = proposalOutcomeLabels;

/** Labels of a value's status, as the API states it: masked is never « not set ». */
export const VALUE_STATUS = valueStatusLabels;

/** Labels of missingReason values. */
export const MISSING_REASON = missingReasonLabels;

/** A table of labels of domain values, by the core's lower-case constant. */
export type LabelTable = Texts;

/**
 * The label of a domain value (GraphQL enums are upper case, the core's constants lower case: both work).
 * An unknown value is returned as is, so a new constant never shows a blank.
 *
 * ### Examples
 * ```ts
 * label(ACTION_STATUS, 'IN_PROGRESS', 'fr'); // 'En cours'
 * ```
 */
export function label(table: LabelTable, value: string | null | undefined, lang: Lang): string {
  if (!value) return t('notSet', lang);
  const entry = table[value.toLowerCase()];
  return entry ? entry[lang] : value;
}

