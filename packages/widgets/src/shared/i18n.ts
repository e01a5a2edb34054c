/**
 * User-facing texts of the widgets: French first, English available.
 * Labels of domain values (statuses, health, phases…) are keyed by the core's lower-case constants.
 */

/** Languages the widgets speak. */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Turn any attribute value into a supported language (French unless `en`). */
export function toLang(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

type Texts = Record<string, { fr: string; en: string }>;

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
  adoption: { fr: 'Adoption', en: 'Adoption' },
  adoptedOn: { fr: 'Adopté le', en: 'Adopted on' },
  overallProgress: { fr: 'Avancement global', en: 'Overall progress' },
  progress: { fr: 'Avancement', en: 'Progress' },
  progressOf: { fr: 'Avancement de', en: 'Progress of' },
  status: { fr: 'Statut', en: 'Status' },
  health: { fr: 'Santé', en: 'Health' },
  actions: { fr: 'Actions', en: 'Actions' },
  action: { fr: 'Action', en: 'Action' },
  orientations: { fr: 'Orientations', en: 'Orientations' },
  noAction: { fr: 'Aucune action rattachée.', en: 'No action attached.' },
  objectives: { fr: 'Objectifs', en: 'Objectives' },
  expectedResults: { fr: 'Résultats attendus', en: 'Expected results' },
  pilot: { fr: 'Pilote', en: 'Lead' },
  partners: { fr: 'Partenaires', en: 'Partners' },
  dates: { fr: 'Dates', en: 'Dates' },
  startDate: { fr: 'Début', en: 'Start' },
  endDate: { fr: 'Fin', en: 'End' },
  milestones: { fr: 'Jalons', en: 'Milestones' },
  milestoneDone: { fr: 'atteint', en: 'reached' },
  milestoneTodo: { fr: 'à venir', en: 'upcoming' },
  indicators: { fr: 'Indicateurs', en: 'Indicators' },
  latestUpdates: { fr: 'Dernières actualités', en: 'Latest updates' },
  priority: { fr: 'Priorité', en: 'Priority' },
  notSet: { fr: 'non renseigné', en: 'not set' },
  baseline: { fr: 'Valeur de référence', en: 'Baseline' },
  target: { fr: 'Cible', en: 'Target' },
  value: { fr: 'Valeur', en: 'Value' },
  periodCol: { fr: 'Période', en: 'Period' },
  territory: { fr: 'Territoire', en: 'Territory' },
  completion: { fr: 'Taux de réalisation', en: 'Completion rate' },
  unit: { fr: 'Unité', en: 'Unit' },
  source: { fr: 'Source', en: 'Source' },
  chartOf: { fr: 'Graphique des valeurs de l’indicateur', en: 'Chart of the indicator values' },
  tableOf: { fr: 'Valeurs de l’indicateur', en: 'Values of the indicator' },
  noValue: { fr: 'Aucune valeur mesurée pour le moment.', en: 'No value measured yet.' },
  missingValue: { fr: 'valeur absente', en: 'missing value' },
  provisional: { fr: 'provisoire', en: 'provisional' },
  byStatus: { fr: 'Actions par statut', en: 'Actions by status' },
  byHealth: { fr: 'Actions par santé', en: 'Actions by health' },
  count: { fr: 'Nombre', en: 'Count' },
  share: { fr: 'Part', en: 'Share' },
  total: { fr: 'Total', en: 'Total' },
  timeline: { fr: 'Chronologie', en: 'Timeline' },
  phases: { fr: 'Phases', en: 'Phases' },
  events: { fr: 'Concertation', en: 'Consultation' },
  meetings: { fr: 'Réunions des instances', en: 'Governing body meetings' },
  participants: { fr: 'participants', en: 'participants' },
  proposals: { fr: 'propositions', en: 'proposals' },
  compareTitle: { fr: 'Comparaison entre départements', en: 'Comparison across départements' },
  compareChart: { fr: 'Diagramme en barres de la comparaison', en: 'Bar chart of the comparison' },
  search: { fr: 'Rechercher une action', en: 'Search an action' },
  searchLabel: { fr: 'Mots-clés', en: 'Keywords' },
  searchButton: { fr: 'Rechercher', en: 'Search' },
  theme: { fr: 'Thématique', en: 'Theme' },
  public: { fr: 'Public', en: 'Public' },
  all: { fr: 'Toutes', en: 'All' },
  allPublics: { fr: 'Tous', en: 'All' },
  results: { fr: 'résultat(s)', en: 'result(s)' },
  noResult: { fr: 'Aucune action ne correspond à votre recherche.', en: 'No action matches your search.' },
  scheme: { fr: 'Schéma', en: 'Scheme' },
  easyRead: { fr: 'Facile à lire et à comprendre (FALC)', en: 'Easy read' },
  retry: { fr: 'Réessayer', en: 'Try again' },
  shownOf: { fr: 'affichées sur', en: 'shown of' },
  illustrativeCount: { fr: 'comptées à partir de données illustratives', en: 'counted from illustrative data' },
  illustrativeFigure: { fr: 'calculé à partir de données illustratives', en: 'computed from illustrative data' },
  coverage: { fr: 'département(s) sur', en: 'département(s) out of' },
  coverageEnd: { fr: 'ont une valeur pour cette période.', en: 'have a value for this period.' },
  moreResults: { fr: 'Afficher les résultats suivants', en: 'Show the next results' },
  resultsShown: { fr: 'résultat(s) affiché(s) sur', en: 'result(s) shown of' },
  budget: { fr: 'Budget', en: 'Budget' },
  year: { fr: 'Année', en: 'Year' },
  funder: { fr: 'Financeur', en: 'Funder' },
  planned: { fr: 'Prévu', en: 'Planned' },
  executed: { fr: 'Exécuté', en: 'Executed' },
  territories: { fr: 'Territoires', en: 'Territories' },
  proposalsTitle: { fr: 'Propositions de la concertation', en: 'Proposals from the consultation' },
  proposal: { fr: 'Proposition', en: 'Proposal' },
  outcome: { fr: 'Suite donnée', en: 'Outcome' },
  ledTo: { fr: 'Actions issues', en: 'Resulting actions' },
  fromEvent: { fr: 'Issue de', en: 'From' },
  noProposal: { fr: 'Aucune proposition enregistrée.', en: 'No proposal recorded.' },
  revisions: { fr: 'Révisions des valeurs', en: 'Value revisions' },
  revision: { fr: 'Révision', en: 'Revision' },
  recordedAt: { fr: 'Enregistrée le', en: 'Recorded on' },
  comment: { fr: 'Commentaire', en: 'Comment' },
  table: { fr: 'Tableau', en: 'Table' },
} as const satisfies Texts;

export type TextKey = keyof typeof TEXTS;

/**
 * One user-facing text in the given language.
 *
 * ### Examples
 * ```ts
 * t('loading', 'fr'); // 'Chargement des données…'
 * ```
 */
export function t(key: TextKey, lang: Lang): string {
  return TEXTS[key][lang];
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

/** The French or English sentence for a widget failure code. */
export function errorText(code: WidgetErrorCode, lang: Lang): string {
  return ERRORS[code][lang];
}

const LABELS = {
  actionStatus: {
    planned: { fr: 'Prévue', en: 'Planned' },
    in_progress: { fr: 'En cours', en: 'In progress' },
    done: { fr: 'Réalisée', en: 'Done' },
    paused: { fr: 'Suspendue', en: 'Paused' },
    abandoned: { fr: 'Abandonnée', en: 'Abandoned' },
    blocked: { fr: 'Bloquée', en: 'Blocked' },
    late: { fr: 'En retard', en: 'Late' },
  },
  health: {
    on_track: { fr: 'Dans les temps', en: 'On track' },
    behind: { fr: 'En décalage', en: 'Behind' },
    at_risk: { fr: 'À risque', en: 'At risk' },
    not_started: { fr: 'Non démarrée', en: 'Not started' },
    unknown: { fr: 'Inconnue', en: 'Unknown' },
    done: { fr: 'Terminée', en: 'Completed' },
    not_applicable: { fr: 'Sans objet', en: 'Not applicable' },
  },
  schemeStatus: {
    draft: { fr: 'Brouillon', en: 'Draft' },
    consultation: { fr: 'En concertation', en: 'In consultation' },
    adopted: { fr: 'Adopté', en: 'Adopted' },
    in_force: { fr: 'En vigueur', en: 'In force' },
    closed: { fr: 'Clos', en: 'Closed' },
  },
  priority: {
    high: { fr: 'Haute', en: 'High' },
    medium: { fr: 'Moyenne', en: 'Medium' },
    low: { fr: 'Basse', en: 'Low' },
  },
  role: {
    pilot: { fr: 'Pilote', en: 'Lead' },
    copilot: { fr: 'Copilote', en: 'Co-lead' },
    partner: { fr: 'Partenaire', en: 'Partner' },
    funder: { fr: 'Financeur', en: 'Funder' },
  },
  updateKind: {
    obstacle: { fr: 'Difficulté', en: 'Obstacle' },
    next_step: { fr: 'Prochaine étape', en: 'Next step' },
    achievement: { fr: 'Réalisation', en: 'Achievement' },
  },
  phaseKind: {
    elaboration: { fr: 'Élaboration', en: 'Drafting' },
    consultation: { fr: 'Concertation', en: 'Consultation' },
    validation: { fr: 'Validation', en: 'Validation' },
    implementation: { fr: 'Mise en œuvre', en: 'Implementation' },
    evaluation: { fr: 'Évaluation', en: 'Evaluation' },
  },
  eventKind: {
    launch: { fr: 'Lancement', en: 'Launch' },
    working_group: { fr: 'Groupe de travail', en: 'Working group' },
    plenary: { fr: 'Séance plénière', en: 'Plenary' },
    information_meeting: { fr: 'Réunion d’information', en: 'Information meeting' },
    restitution: { fr: 'Restitution', en: 'Feedback session' },
    written_contribution: { fr: 'Contribution écrite', en: 'Written contribution' },
    other: { fr: 'Autre', en: 'Other' },
  },
  indicatorType: {
    context: { fr: 'Contexte', en: 'Context' },
    deployment: { fr: 'Déploiement', en: 'Deployment' },
    impact: { fr: 'Impact', en: 'Impact' },
    quality: { fr: 'Qualité de service', en: 'Service quality' },
  },
  proposalOutcome: {
    pending: { fr: 'En attente', en: 'Pending' },
    retained: { fr: 'Retenue', en: 'Retained' },
    merged: { fr: 'Fusionnée avec une autre', en: 'Merged' },
    set_aside: { fr: 'Écartée', en: 'Set aside' },
  },
  missingReason: {
    not_yet_known: { fr: 'pas encore connue', en: 'not yet known' },
    statistical_secrecy: { fr: 'secret statistique', en: 'statistical secrecy' },
    not_applicable: { fr: 'sans objet', en: 'not applicable' },
  },
} as const satisfies Record<string, Texts>;

/** Families of domain values that have labels. */
export type LabelFamily = keyof typeof LABELS;

/**
 * The label of a domain value (GraphQL enums are upper case, the core's constants lower case: both work).
 * An unknown value is returned as is, so a new constant never shows a blank.
 *
 * ### Examples
 * ```ts
 * label('actionStatus', 'IN_PROGRESS', 'fr'); // 'En cours'
 * ```
 */
export function label(family: LabelFamily, value: string | null | undefined, lang: Lang): string {
  if (!value) return t('notSet', lang);
  const entry = (LABELS[family] as Texts)[value.toLowerCase()];
  return entry ? entry[lang] : value;
}

/** The known values of a label family, in display order. */
export function labelKeys(family: LabelFamily): string[] {
  return Object.keys(LABELS[family]);
}
