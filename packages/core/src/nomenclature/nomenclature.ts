/**
 * Shared nomenclatures: the same codes in every département, so that schemes can be compared.
 * Labels are French first, English second.
 */

/** One entry of a nomenclature. */
export interface NomenclatureEntry {
  readonly code: string;
  readonly label: { readonly fr: string; readonly en: string };
}

/**
 * Publics named by the policy areas of every seed scheme.
 *
 * ### Examples
 * ```ts
 * PUBLICS.find((p) => p.code === 'elderly')?.label.fr; // 'Personnes âgées'
 * ```
 */
export const PUBLICS = [
  { code: 'elderly', label: { fr: 'Personnes âgées', en: 'Older people' } },
  { code: 'disability', label: { fr: 'Personnes en situation de handicap', en: 'People with disabilities' } },
  { code: 'early_childhood', label: { fr: 'Petite enfance et PMI', en: 'Early childhood and maternal care' } },
  { code: 'child_protection', label: { fr: "Protection de l'enfance", en: 'Child protection' } },
  { code: 'families', label: { fr: 'Familles et parentalité', en: 'Families and parenting' } },
  { code: 'youth', label: { fr: 'Jeunes (16-25 ans)', en: 'Young people (16-25)' } },
  { code: 'integration', label: { fr: 'Personnes en insertion (RSA)', en: 'People in social and work integration (RSA)' } },
  { code: 'vulnerable_adults', label: { fr: 'Adultes vulnérables', en: 'Vulnerable adults' } },
  { code: 'carers', label: { fr: 'Aidants', en: 'Carers' } },
  { code: 'professionals', label: { fr: 'Professionnels', en: 'Professionals' } },
  { code: 'all', label: { fr: 'Tous publics', en: 'Everyone' } },
] as const satisfies readonly NomenclatureEntry[];

/**
 * Themes: the 18 consultation themes of the Seine-et-Marne scheme 2019-2024 (seed 003).
 *
 * ### Examples
 * ```ts
 * THEMES.length; // 18
 * ```
 */
export const THEMES = [
  { code: 'culture_access', label: { fr: 'Accès à la culture', en: 'Access to culture' } },
  { code: 'health_access', label: { fr: 'Accès aux soins', en: 'Access to healthcare' } },
  { code: 'youth_support', label: { fr: 'Accompagnement des jeunes', en: 'Support for young people' } },
  { code: 'individual_support', label: { fr: 'Accompagnement des personnes : projets individualisés', en: 'Individual support plans' } },
  { code: 'collective_support', label: { fr: 'Accompagnement des personnes : actions collectives', en: 'Collective support' } },
  { code: 'social_reception', label: { fr: 'Accueil social des publics', en: 'Social reception' } },
  { code: 'pathway_coordination', label: { fr: 'Coordination des parcours et des acteurs', en: 'Coordination of pathways and stakeholders' } },
  { code: 'territorial_equity', label: { fr: 'Équité de traitement sur le territoire', en: 'Equal treatment across the territory' } },
  { code: 'governance', label: { fr: 'Gouvernance des politiques de solidarité', en: 'Governance of solidarity policies' } },
  { code: 'stakeholder_mapping', label: { fr: 'Identification des acteurs et des dispositifs', en: 'Mapping stakeholders and schemes' } },
  { code: 'digital_inclusion', label: { fr: 'Inclusion numérique', en: 'Digital inclusion' } },
  { code: 'public_information', label: { fr: 'Information et communication à destination des publics', en: 'Information for the public' } },
  { code: 'territorial_coverage_mobility', label: { fr: 'Maillage territorial et mobilité', en: 'Territorial coverage and mobility' } },
  { code: 'needs_observation', label: { fr: 'Observation des besoins des territoires', en: 'Observing local needs' } },
  { code: 'user_participation', label: { fr: 'Participation des usagers', en: 'User participation' } },
  { code: 'vulnerable_protection', label: { fr: 'Protection des personnes vulnérables', en: 'Protection of vulnerable people' } },
  { code: 'early_detection_prevention', label: { fr: 'Repérage et prévention', en: 'Early detection and prevention' } },
  { code: 'carer_support', label: { fr: 'Soutien aux aidants', en: 'Support for carers' } },
] as const satisfies readonly NomenclatureEntry[];

/**
 * Kinds of partner organisations.
 *
 * ### Examples
 * ```ts
 * PARTNER_KINDS.map((k) => k.code).includes('caf'); // true
 * ```
 */
export const PARTNER_KINDS = [
  { code: 'departement', label: { fr: 'Département', en: 'Département' } },
  { code: 'state', label: { fr: "Services de l'État", en: 'State services' } },
  { code: 'ars', label: { fr: 'Agence régionale de santé (ARS)', en: 'Regional health agency (ARS)' } },
  { code: 'caf', label: { fr: "Caisse d'allocations familiales (CAF)", en: 'Family allowance fund (CAF)' } },
  { code: 'cpam', label: { fr: "Caisse primaire d'assurance maladie (CPAM)", en: 'Health insurance fund (CPAM)' } },
  { code: 'msa', label: { fr: 'Mutualité sociale agricole (MSA)', en: 'Agricultural social insurance (MSA)' } },
  { code: 'carsat', label: { fr: 'CARSAT', en: 'Pension and occupational health fund (CARSAT)' } },
  { code: 'france_travail', label: { fr: 'France Travail', en: 'France Travail (employment service)' } },
  { code: 'education', label: { fr: 'Éducation nationale', en: 'National education' } },
  { code: 'pjj', label: { fr: 'Protection judiciaire de la jeunesse (PJJ)', en: 'Youth judicial protection (PJJ)' } },
  { code: 'justice', label: { fr: 'Justice', en: 'Justice' } },
  { code: 'commune_ccas', label: { fr: 'Communes et CCAS', en: 'Municipalities and social action centres' } },
  { code: 'epci', label: { fr: 'Intercommunalités (EPCI)', en: 'Inter-municipal bodies (EPCI)' } },
  { code: 'association', label: { fr: 'Associations', en: 'Associations' } },
  { code: 'establishment', label: { fr: 'Établissements et services', en: 'Establishments and services' } },
  { code: 'gip_agency', label: { fr: "GIP et agences", en: 'Public interest groups and agencies' } },
  { code: 'other', label: { fr: 'Autre', en: 'Other' } },
] as const satisfies readonly NomenclatureEntry[];

export type PublicCode = (typeof PUBLICS)[number]['code'];
export type ThemeCode = (typeof THEMES)[number]['code'];
export type PartnerKind = (typeof PARTNER_KINDS)[number]['code'];

export const PUBLIC_CODES = PUBLICS.map((p) => p.code) as [PublicCode, ...PublicCode[]];
export const THEME_CODES = THEMES.map((t) => t.code) as [ThemeCode, ...ThemeCode[]];
export const PARTNER_KIND_CODES = PARTNER_KINDS.map((k) => k.code) as [PartnerKind, ...PartnerKind[]];
