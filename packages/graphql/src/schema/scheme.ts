import {
  healthKeyLabels,
  actionHealth,
  compareByCode,
  countActions,
  countByHealth,
  readingOrder,
  DomainError,
  getSchemesByIds,
  importSchemeFile,
  listSchemes,
  isSchemeVisible,
  roundPercent,
  setSchemePublished,
  updateScheme,
  createScheme,
  changeSchemeStatus,
  withoutNulls,
  keyFigureValueText,
  type ActionCounts,
  type ActionStatus as ActionStatusCode,
  type CountOf,
  type HealthKey,
  type Scheme,
  type SchemeStatus as SchemeStatusCode,
  type SchemePatch,
} from '@sosms/core';
import { builder } from '../builder.ts';
import { ActionConnection, ConsultationEventConnection, DistrictConnection, GoverningBodyConnection, IndicatorConnection, OrientationConnection, PhaseConnection, ProposalConnection, SchemeConnection } from './connections.ts';
import { withLatestMeasurements, type Context } from '../context.ts';
import { arrayConnection, pagedConnection } from '../pagination.ts';
import { ActionStatus, Health, KeyFigureQualifier, PublicCode, SchemeStatus, ThemeCode } from './enums.ts';
import {
  ActionRef,
  ConsultationEventRef,
  DistrictRef,
  GoverningBodyRef,
  IndicatorRef,
  KeyFigureRef,
  OrientationRef,
  PhaseRef,
  PrincipleRef,
  ProposalRef,
  SchemeRef,
} from './refs.ts';

/** The first predecessor of a scheme that the reader may see (a hidden draft's code is never revealed). */
async function firstVisiblePredecessor(s: Scheme, ctx: Context): Promise<Scheme | null> {
  const found = await ctx.loaders.schemeByCode.loadMany([...s.predecessors]);
  return found.find((p): p is Scheme => p !== undefined && !(p instanceof Error) && isSchemeVisible(p, ctx.visibility)) ?? null;
}

const Period = builder.objectRef<{ start: number; end: number }>('Period').implement({
  description: 'Période couverte, en années civiles / period covered, in calendar years',
  fields: (t) => ({ start: t.exposeInt('start'), end: t.exposeInt('end') }),
});

const Adoption = builder.objectRef<{ date: string; reference: string | null }>('Adoption').implement({
  description: "Vote de l'assemblée départementale (date et référence de la délibération)",
  fields: (t) => ({
    date: t.expose('date', { type: 'Date' }),
    reference: t.exposeString('reference', { nullable: true }),
  }),
});

KeyFigureRef.implement({
  description: 'Chiffre clé du diagnostic (démographie, données sociales) / key figure',
  fields: (t) => ({
    label: t.exposeString('label'),
    value: t.exposeFloat('value'),
    qualifier: t.field({ type: KeyFigureQualifier, nullable: true, description: 'plus de, environ, moins de, au moins, au plus ; null si exact', resolve: (f) => f.qualifier ?? null }),
    valueText: t.string({ description: 'La valeur telle qu’on la lit : « plus de 80 cartes »', resolve: (f, _args, ctx) => keyFigureValueText(f, ctx.lang) }),
    unit: t.string({ nullable: true, resolve: (f) => f.unit ?? null }),
    year: t.int({ nullable: true, resolve: (f) => f.year ?? null }),
    territory: t.string({ nullable: true, resolve: (f) => f.territory ?? null }),
    source: t.string({ nullable: true, resolve: (f) => f.source ?? null }),
    illustrative: t.boolean({ resolve: (f) => f.illustrative ?? false }),
  }),
});

PrincipleRef.implement({
  description: 'Valeur ou principe énoncé par le schéma / value or principle',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'value ou principle' }),
    text: t.exposeString('text'),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

const HealthSummary = builder.objectRef<{ onTrack: number; behind: number; atRisk: number; unknown: number; illustrative: boolean }>('HealthSummary').implement({
  description: `Nombre d’actions par santé (${[healthKeyLabels.on_track, healthKeyLabels.behind, healthKeyLabels.at_risk].map((l) => l.fr.toLowerCase()).join(', ')}, ${healthKeyLabels.unknown.fr.toLowerCase()} : sans dates ou abandonnée)`,
  fields: (t) => ({
    onTrack: t.exposeInt('onTrack'),
    behind: t.exposeInt('behind'),
    atRisk: t.exposeInt('atRisk'),
    unknown: t.exposeInt('unknown'),
    illustrative: t.exposeBoolean('illustrative', { description: 'Vrai si une action comptée est illustrative' }),
  }),
});

const StatusCount = builder.objectRef<CountOf<ActionStatusCode>>('StatusCount').implement({
  description: 'Nombre d’actions d’un statut / actions of one status',
  fields: (t) => ({
    status: t.field({ type: ActionStatus, resolve: (c) => c.key }),
    count: t.exposeInt('count'),
    illustrative: t.exposeInt('illustrative', { description: 'Combien de ces actions sont illustratives' }),
  }),
});

const HealthCount = builder.objectRef<CountOf<HealthKey>>('HealthCount').implement({
  description: 'Nombre d’actions d’une santé (null : inconnue, sans dates ou abandonnée) / actions of one health',
  fields: (t) => ({
    health: t.field({ type: Health, nullable: true, resolve: (c) => (c.key === 'unknown' ? null : c.key) }),
    count: t.exposeInt('count'),
    illustrative: t.exposeInt('illustrative', { description: 'Combien de ces actions sont illustratives' }),
  }),
});

const ActionCountsRef = builder.objectRef<ActionCounts>('ActionCounts').implement({
  description: 'Actions du schéma comptées par statut et par santé à la date du jour (règle countActions du cœur), les plus nombreuses d’abord',
  fields: (t) => ({
    total: t.exposeInt('total'),
    illustrative: t.exposeInt('illustrative', { description: 'Combien des actions comptées sont illustratives' }),
    byStatus: t.field({ type: [StatusCount], resolve: (c) => c.byStatus }),
    byHealth: t.field({ type: [HealthCount], resolve: (c) => c.byHealth }),
  }),
});

builder.node(SchemeRef, {
  description: "Un schéma départemental d'organisation sociale et médico-sociale / a département's solidarity scheme",
  id: { resolve: (scheme) => scheme.id },
  loadMany: async (ids, ctx: Context) => {
    const schemes = await ctx.loaders.schemeById.loadMany(ids);
    return schemes.map((s) => (s instanceof Error || !s || !isSchemeVisible(s, ctx.visibility) ? null : s));
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'period' in value && 'departments' in value,
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    departments: t.exposeStringList('departments', { description: 'Codes INSEE des départements (un schéma peut en couvrir deux)' }),
    period: t.field({ type: Period, resolve: (s) => s.period }),
    status: t.field({ type: SchemeStatus, resolve: (s) => s.status }),
    adoption: t.field({ type: Adoption, nullable: true, resolve: (s) => s.adoption }),
    predecessorCode: t.string({
      nullable: true,
      description: 'Code du premier schéma précédent visible (voir predecessors)',
      resolve: async (s, _args, ctx) => (await firstVisiblePredecessor(s, ctx))?.code ?? null,
    }),
    predecessor: t.field({
      type: SchemeRef,
      nullable: true,
      description: 'Le premier schéma précédent visible que celui-ci prolonge (voir predecessors)',
      resolve: (s, _args, ctx) => firstVisiblePredecessor(s, ctx),
    }),
    levels: t.exposeStringList('levels', { description: "Noms des niveaux de l'arborescence (ex. Axe, Orientation, Objectif)" }),
    summary: t.exposeString('summary', { nullable: true }),
    easyRead: t.exposeString('easyRead', { nullable: true, description: 'Version FALC (facile à lire et à comprendre)' }),
    principles: t.field({ type: [PrincipleRef], resolve: (s) => s.principles.map((p) => ({ ...p, illustrative: s.illustrative })) }),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
    keyFigures: t.field({ type: [KeyFigureRef], resolve: (s) => s.keyFigures }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    published: t.exposeBoolean('published'),
    illustrative: t.exposeBoolean('illustrative', { description: 'Vrai pour une donnée absente des textes réels (démonstration)' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    progress: t.float({
      nullable: true,
      description: 'Avancement 0–100 : moyenne des orientations de premier niveau (règle de Decidim)',
      resolve: async (s, _args, ctx) => roundPercent((await ctx.loaders.progressBySchemeId.load(s.id))?.progress ?? null),
    }),
    healthSummary: t.field({
      type: HealthSummary,
      description: 'Santé des actions du schéma, à la date du jour',
      resolve: async (s, _args, ctx) => {
        const actions = await ctx.loaders.actionsBySchemeId.load(s.id);
        return { ...countByHealth(actions, ctx.today), illustrative: actions.some((a) => a.illustrative) };
      },
    }),
    actionCounts: t.field({
      type: ActionCountsRef,
      description: 'Actions comptées par statut et par santé, à la date du jour',
      resolve: async (s, _args, ctx) => {
        const actions = await ctx.loaders.actionsBySchemeId.load(s.id);
        return countActions(actions.map((a) => ({ status: a.status, health: actionHealth(a, ctx.today), illustrative: a.illustrative })));
      },
    }),
    orientations: t.connection({
      type: OrientationRef,
      description: 'Orientations de premier niveau (toutes avec all: true)',
      args: { all: t.arg.boolean({ defaultValue: false, description: "Toute l'arborescence, en ordre de lecture" }) },
      resolve: async (s, args, ctx) => {
        const all = await ctx.loaders.orientationsBySchemeId.load(s.id);
        return arrayConnection(args, args.all ? readingOrder(all, (o) => o.id, (o) => o.parentId) : all.filter((o) => o.parentId === null), ctx.lang);
      },
    }, OrientationConnection),
    actions: t.connection({
      type: ActionRef,
      description: 'Toutes les actions du schéma, par code',
      resolve: async (s, args, ctx) => arrayConnection(args, sortByCode(await ctx.loaders.actionsBySchemeId.load(s.id)), ctx.lang),
    }, ActionConnection),
    indicators: t.connection({
      type: IndicatorRef,
      description: 'Indicateurs rattachés au schéma lui-même (ceux des orientations et actions sont sur elles)',
      resolve: async (s, args, ctx, info) =>
        arrayConnection(args, await withLatestMeasurements(ctx, info, await ctx.loaders.schemeIndicatorsBySchemeId.load(s.id)), ctx.lang),
    }, IndicatorConnection),
    districts: t.connection({
      type: DistrictRef,
      description: 'Territoires propres au département (SST, MDS, UTAS…)',
      resolve: async (s, args, ctx) => arrayConnection(args, await ctx.loaders.districtsBySchemeId.load(s.id), ctx.lang),
    }, DistrictConnection),
    governingBodies: t.connection({
      type: GoverningBodyRef,
      resolve: async (s, args, ctx) => arrayConnection(args, await ctx.loaders.governingBodiesBySchemeId.load(s.id), ctx.lang),
    }, GoverningBodyConnection),
    phases: t.connection({
      type: PhaseRef,
      description: "Phases d'élaboration et de mise en œuvre, dans l'ordre",
      resolve: async (s, args, ctx) => arrayConnection(args, await ctx.loaders.phasesBySchemeId.load(s.id), ctx.lang),
    }, PhaseConnection),
    consultationEvents: t.connection({
      type: ConsultationEventRef,
      resolve: async (s, args, ctx) => arrayConnection(args, await ctx.loaders.consultationEventsBySchemeId.load(s.id), ctx.lang),
    }, ConsultationEventConnection),
    proposals: t.connection({
      type: ProposalRef,
      resolve: async (s, args, ctx) => arrayConnection(args, await ctx.loaders.proposalsBySchemeId.load(s.id), ctx.lang),
    }, ProposalConnection),
  }),
});

/** Sort by code the way people read them: 1.2 before 1.10. */
export function sortByCode<T extends { code: string }>(items: readonly T[]): T[] {
  return [...items].sort(compareByCode);
}

const SchemeFilter = builder.inputType('SchemeFilter', {
  description: 'Filtre des schémas',
  fields: (t) => ({
    departments: t.stringList({ description: 'Codes INSEE, ex. ["92", "78"] (sans préfixe dep:)' }),
    regions: t.stringList({ description: 'Codes INSEE de régions, ex. ["11"] (Île-de-France) : les schémas de leurs départements' }),
    statuses: t.field({ type: [SchemeStatus] }),
    text: t.string({ description: 'Recherche plein texte en français (titre, résumé)' }),
  }),
});

const KeyFigureInput = builder.inputType('KeyFigureInput', {
  fields: (t) => ({
    label: t.string({ required: true }),
    value: t.float({ required: true }),
    qualifier: t.field({ type: KeyFigureQualifier }),
    unit: t.string(),
    year: t.int(),
    territory: t.string(),
    source: t.string(),
    illustrative: t.boolean(),
  }),
});

const PrincipleInput = builder.inputType('PrincipleInput', {
  fields: (t) => ({ kind: t.string({ required: true, description: 'value ou principle' }), text: t.string({ required: true }) }),
});

const SchemeInput = builder.inputType('SchemeInput', {
  description: 'Modification des métadonnées (champ absent : inchangé ; null : effacé)',
  fields: (t) => ({
    title: t.string(),
    departments: t.stringList(),
    periodStart: t.int(),
    periodEnd: t.int(),
    status: t.field({ type: SchemeStatus }),
    adoptionDate: t.field({ type: 'Date' }),
    adoptionReference: t.string(),
    predecessorCode: t.string({ description: 'Un seul schéma précédent (sinon predecessorCodes)' }),
    predecessorCodes: t.stringList({ description: 'Les schémas précédents, dans l’ordre' }),
    publics: t.field({ type: [PublicCode] }),
    themes: t.field({ type: [ThemeCode] }),
    levels: t.stringList(),
    summary: t.string(),
    easyRead: t.string(),
    principles: t.field({ type: [PrincipleInput] }),
    legalBasis: t.string(),
    keyFigures: t.field({ type: [KeyFigureInput] }),
    sourceUrl: t.string(),
    illustrative: t.boolean(),
  }),
});

type SchemeInputShape = typeof SchemeInput.$inferInput;

const SchemeCreateInput = builder.inputType('SchemeCreateInput', {
  description: 'Un nouveau schéma (brouillon par défaut) ; le reste se complète ensuite (orientations, actions…)',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Code stable, ex. 48-2023-2027' }),
    title: t.string({ required: true }),
    departments: t.stringList({ required: true }),
    periodStart: t.int({ required: true }),
    periodEnd: t.int({ required: true }),
    status: t.field({ type: SchemeStatus, defaultValue: 'draft' }),
    predecessorCode: t.string(),
    levels: t.stringList(),
    summary: t.string(),
    easyRead: t.string(),
    legalBasis: t.string(),
    sourceUrl: t.string(),
    published: t.boolean({ description: 'Faux pour préparer sans montrer (vrai par défaut, mais un brouillon reste caché)' }),
    illustrative: t.boolean(),
  }),
});

/** A GraphQL scheme input as the core's patch (absent keeps, null clears). */
function toSchemePatch(input: SchemeInputShape): SchemePatch {
  const patch: Record<string, unknown> = {};
  const copy = ['title', 'departments', 'status', 'levels', 'summary', 'easyRead', 'principles', 'legalBasis', 'keyFigures', 'sourceUrl', 'illustrative'] as const;
  for (const key of copy) if (input[key] !== undefined) patch[key] = input[key];
  if (input.predecessorCode !== undefined) patch.predecessors = input.predecessorCode === null ? null : [input.predecessorCode];
  if (input.predecessorCodes !== undefined) patch.predecessors = input.predecessorCodes;
  if (input.publics !== undefined) patch.publics = input.publics;
  if (input.themes !== undefined) patch.themes = input.themes;
  if (input.periodStart != null || input.periodEnd != null) patch.period = { start: input.periodStart, end: input.periodEnd };
  // A null date clears the vote; a reference without a date is the command's VALIDATION (it cleared the vote before).
  if (input.adoptionDate === null) patch.adoption = null;
  else if (input.adoptionDate !== undefined || input.adoptionReference !== undefined) {
    patch.adoption = withoutNulls({ date: input.adoptionDate ?? '', reference: input.adoptionReference });
  }
  return patch as SchemePatch;
}

builder.queryFields((t) => ({
  schemes: t.connection({
    type: SchemeRef,
    description: 'Les schémas de tous les départements (brouillons : seulement avec un jeton de leur département)',
    args: { filter: t.arg({ type: SchemeFilter }) },
    resolve: (_root, args, ctx) =>
      pagedConnection(args, ctx.lang, (page) =>
        listSchemes(
          ctx.readDb,
          {
            departments: args.filter?.departments ?? undefined,
            regions: args.filter?.regions ?? undefined,
            lang: ctx.lang,
            statuses: (args.filter?.statuses ?? undefined) as SchemeStatusCode[] | undefined,
            text: args.filter?.text ?? undefined,
            visibility: ctx.visibility,
          },
          page,
        ),
      ),
  }, SchemeConnection),
  scheme: t.field({
    type: SchemeRef,
    nullable: true,
    description: 'Un schéma par son code, ex. "48-2018-2022"',
    args: { code: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const scheme = await ctx.loaders.schemeByCode.load(args.code);
      return scheme && isSchemeVisible(scheme, ctx.visibility) ? scheme : null;
    },
  }),
}));

const StatusChangeKind = builder.enumType('StatusChangeKind', {
  description: 'Pourquoi un schéma revient en arrière dans son cycle : un avenant (révision) ou un retrait',
  values: { AMENDMENT: { value: 'amendment' }, WITHDRAWAL: { value: 'withdrawal' } } as const,
});

const StatusChangeInput = builder.inputType('StatusChangeInput', {
  fields: (t) => ({
    status: t.field({ type: SchemeStatus, required: true }),
    adoptionDate: t.field({ type: 'Date', description: "Date du vote de l'assemblée (adopté et au-delà)" }),
    adoptionReference: t.string({ description: 'Référence de la délibération (adopté et au-delà)' }),
    changeKind: t.field({ type: StatusChangeKind, description: 'Pour revenir en arrière : avenant ou retrait' }),
    changeDate: t.field({ type: 'Date' }),
    reason: t.string(),
  }),
});

builder.mutationFields((t) => ({
  createScheme: t.field({
    type: SchemeRef,
    description: "Créer un schéma (jeton editor de tous ses départements, code préfixé par l'un d'eux) ; CONFLICT si le code existe",
    args: { input: t.arg({ type: SchemeCreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const { predecessorCode, periodStart, periodEnd, ...rest } = input;
      return createScheme(ctx.db, ctx.caller, {
        ...withoutNulls(rest),
        period: { start: periodStart, end: periodEnd },
        ...(predecessorCode ? { predecessor: predecessorCode } : {}),
      });
    },
  }),
  updateScheme: t.field({
    type: SchemeRef,
    description: "Modifier les métadonnées d'un schéma (jeton editor de tous ses départements, avant et après)",
    args: { code: t.arg.string({ required: true }), input: t.arg({ type: SchemeInput, required: true }) },
    resolve: (_root, args, ctx) => updateScheme(ctx.db, ctx.caller, args.code, toSchemePatch(args.input)),
  }),
  changeSchemeStatus: t.field({
    type: SchemeRef,
    description: 'Faire avancer un schéma dans son cycle légal, ou le faire revenir en arrière par un avenant ou un retrait daté et motivé',
    args: { code: t.arg.string({ required: true }), input: t.arg({ type: StatusChangeInput, required: true }) },
    resolve: (_root, { code, input }, ctx) =>
      changeSchemeStatus(ctx.db, ctx.caller, code, {
        status: input.status,
        // Either adoption field given makes an adoption for the command to check: one alone is a VALIDATION, never dropped.
        ...(input.adoptionDate != null || input.adoptionReference != null ? { adoption: { date: input.adoptionDate ?? '', reference: input.adoptionReference ?? '' } } : {}),
        ...(input.changeKind ? { change: { kind: input.changeKind, date: input.changeDate ?? '', reason: input.reason ?? '' } } : {}),
      }),
  }),
  publishScheme: t.field({
    type: SchemeRef,
    description: 'Publier un schéma (visible de tous sauf au statut brouillon)',
    args: { code: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => setSchemePublished(ctx.db, ctx.caller, args.code, true),
  }),
  unpublishScheme: t.field({
    type: SchemeRef,
    description: 'Dépublier un schéma (caché comme un brouillon)',
    args: { code: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => setSchemePublished(ctx.db, ctx.caller, args.code, false),
  }),
}));
