import {
  currentMeasurement,
  departmentName,
  type StoredIndicatorValue,
  listIndicators,
  listSharedIndicators,
  type SharedIndicator,
  periodFormatIssue,
  validationError,
  type IndicatorValue as IndicatorValueData,
  saveIndicator,
  type IndicatorComparison,
  type IndicatorType as IndicatorTypeCode,
} from '@sosms/core';
import { builder } from '../builder.ts';
import { IndicatorConnection, MeasurementConnection } from './connections.ts';
import { canSeeScheme, withLatestMeasurements, type Context } from '../context.ts';
import { arrayConnection, pagedConnection } from '../pagination.ts';
import { comparisonConnection } from '../comparison.ts';
import { Aggregation, Direction, IndicatorType, Periodicity, ValueOrigin, ValueStatus } from './enums.ts';
import { withoutNulls } from './orientation.ts';
import { ActionRef, AlertRef, IndicatorRef, MeasurementRef, OrientationRef, PartnerRef, SchemeRef } from './refs.ts';

const DatedValue = builder.objectRef<{ value: number; date: string; illustrative: boolean; source: string | null }>('DatedValue').implement({
  description: 'Valeur datée (valeur de référence, cible, cible intermédiaire), avec sa provenance',
  fields: (t) => ({
    value: t.exposeFloat('value'),
    date: t.expose('date', { type: 'Date' }),
    illustrative: t.exposeBoolean('illustrative', { description: 'Valeur inventée pour la démonstration (absente des sources réelles) / illustrative value' }),
    source: t.exposeString('source', { nullable: true, description: 'Source de cette valeur : document, page ou adresse' }),
  }),
});

/** The value of an indicator as core's one rule gives it; widgets and clients read it and compute nothing. */
export const IndicatorValue = builder.objectRef<IndicatorValueData>('IndicatorValue').implement({
  description:
    "Valeur d'un indicateur pour une période et un territoire, selon la règle unique du cœur (dernière révision définitive avant provisoire, agrégation, cumul annuel, secret statistique)",
  fields: (t) => ({
    status: t.field({ type: ValueStatus, resolve: (v) => v.status }),
    value: t.exposeFloat('value', { nullable: true, description: 'La valeur, seulement quand status = KNOWN' }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    period: t.exposeString('period', { nullable: true, description: 'Période de la valeur (2024, 2024-Q1, 2024-03) ; null si rien n’a été mesuré' }),
    territory: t.exposeString('territory', { nullable: true, description: 'Territoire (dep:92, district) ; null pour le schéma entier' }),
    provisional: t.exposeBoolean('provisional'),
    illustrative: t.exposeBoolean('illustrative', { description: 'Au moins une révision derrière la valeur est illustrative' }),
    sources: t.exposeStringList('sources'),
    origin: t.field({ type: ValueOrigin, resolve: (v) => v.origin }),
  }),
});

/**
 * A field of an indicator's stored values (current value, completion rate, latest measurement), without a
 * promise when the list loaded them beforehand. Every indicator has its stored row once its transaction
 * committed; one written by hand outside `inTransaction` may not yet: the rule over its series answers then.
 */
function storedValue<T>(ctx: Context, indicatorId: string, pick: (stored: StoredIndicatorValue) => T): T | Promise<T> {
  const read = (stored: StoredIndicatorValue | undefined): T | Promise<T> =>
    stored
      ? pick(stored)
      : ctx.loaders.indicatorValuesByIndicatorId.load(indicatorId).then((r) => pick({ indicatorId, current: r!.current, completionRate: r!.completionRate, latestMeasurement: currentMeasurement(r!) }));
  const stored = ctx.loaders.storedValuesByIndicatorId.loadedOrLoad(indicatorId);
  return stored instanceof Promise ? stored.then(read) : read(stored);
}

/** A period argument checked as core checks it: `2024`, `2024-Q1` or `2024-03`, else VALIDATION. */
function checkedPeriod(period: string, lang: 'fr' | 'en'): string {
  const malformed = periodFormatIssue(period, 'period', lang);
  if (malformed) throw validationError([malformed], lang);
  return period;
}

builder.node(IndicatorRef, {
  description: "Un indicateur du schéma, d'une orientation ou d'une action",
  id: { resolve: (i) => i.id },
  loadMany: async (ids, ctx: Context) => {
    const found = await ctx.loaders.indicatorById.loadMany(ids);
    return Promise.all(found.map(async (i) => (i instanceof Error || !i || !(await canSeeScheme(ctx, i.schemeId)) ? null : i)));
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'aggregation' in value && 'periodicity' in value,
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    definition: t.exposeString('definition', { nullable: true }),
    type: t.field({ type: IndicatorType, resolve: (i) => i.type }),
    unit: t.exposeString('unit'),
    direction: t.field({ type: Direction, resolve: (i) => i.direction }),
    baseline: t.field({ type: DatedValue, nullable: true, resolve: (i) => i.baseline }),
    target: t.field({ type: DatedValue, nullable: true, resolve: (i) => i.target }),
    intermediateTargets: t.field({ type: [DatedValue], resolve: (i) => i.intermediateTargets }),
    secrecyThreshold: t.exposeInt('secrecyThreshold', { nullable: true, description: 'Secret statistique : les effectifs entre 1 et ce seuil (exclu) sont masqués' }),
    periodicity: t.field({ type: Periodicity, resolve: (i) => i.periodicity }),
    source: t.exposeString('source', { nullable: true }),
    aggregation: t.field({ type: Aggregation, resolve: (i) => i.aggregation }),
    sharedCode: t.exposeString('sharedCode', { nullable: true, description: 'Code national partagé, pour comparer les départements' }),
    position: t.exposeInt('position'),
    illustrative: t.exposeBoolean('illustrative'),
    owner: t.field({
      type: PartnerRef,
      nullable: true,
      description: 'Le partenaire qui renseigne les valeurs',
      resolve: async (i, _args, ctx) => (i.ownerPartnerId ? ((await ctx.loaders.partnerById.load(i.ownerPartnerId)) ?? null) : null),
    }),
    scheme: t.field({ type: SchemeRef, resolve: async (i, _args, ctx) => (await ctx.loaders.schemeById.load(i.schemeId))! }),
    orientation: t.field({
      type: OrientationRef,
      nullable: true,
      resolve: async (i, _args, ctx) => (i.orientationId ? ((await ctx.loaders.orientationById.load(i.orientationId)) ?? null) : null),
    }),
    action: t.field({
      type: ActionRef,
      nullable: true,
      resolve: async (i, _args, ctx) => (i.actionId ? ((await ctx.loaders.actionById.load(i.actionId)) ?? null) : null),
    }),
    currentValue: t.field({
      type: IndicatorValue,
      description: 'Valeur actuelle : dernière période dont la valeur est connue (sinon l’état de la dernière période), pour le schéma entier ou un territoire',
      args: { territory: t.arg.string({ description: 'dep:92, un district du schéma ; absent : le schéma entier' }) },
      // The whole scheme's from the stored values, loaded beforehand by the list of indicators
      // (withLatestMeasurements): no promise per indicator. A territory's from the rows the rule stored for it
      // (one statement per territory); the rule over the series only for an indicator not stored yet.
      resolve: (i, args, ctx) => {
        if (args.territory) {
          const territory = args.territory;
          return ctx.loaders.currentValueByTerritory
            .load(`${i.id}|${territory}`)
            .then((stored) => stored ?? ctx.loaders.indicatorValuesByIndicatorId.load(i.id).then((r) => r!.values.current(territory)));
        }
        return storedValue(ctx, i.id, (s) => s.current);
      },
    }),
    valueFor: t.field({
      type: IndicatorValue,
      description: 'Valeur pour une période (une année cumule ses trimestres ou ses mois) et un territoire',
      args: { period: t.arg.string({ required: true }), territory: t.arg.string() },
      resolve: async (i, args, ctx) => (await ctx.loaders.indicatorValuesByIndicatorId.load(i.id))!.values.valueFor(checkedPeriod(args.period, ctx.lang), args.territory ?? null),
    }),
    latestMeasurement: t.field({
      type: MeasurementRef,
      nullable: true,
      deprecationReason: 'Utiliser currentValue / use currentValue',
      description: 'La mesure enregistrée qui est la valeur actuelle, quand elle en est une seule (ni agrégée ni cumulée)',
      resolve: (i, _args, ctx) => {
        return storedValue(ctx, i.id, (s) => s.latestMeasurement);
      },
    }),
    completionRate: t.float({
      nullable: true,
      description: '(valeur actuelle − référence) / (cible − référence), borné à 0–100 % ; null sauf valeur actuelle connue',
      resolve: (i, _args, ctx) => {
        return storedValue(ctx, i.id, (s) => s.completionRate);
      },
    }),
    alerts: t.field({
      type: [AlertRef],
      description: 'Indicateur qui évolue dans le mauvais sens',
      resolve: async (i, _args, ctx) => (await ctx.loaders.indicatorAlertsByIndicatorId.load(i.id))?.alerts ?? [],
    }),
    measurements: t.connection({
      type: MeasurementRef,
      description: 'Mesures par période (dernière révision ; toutes avec history: true)',
      args: {
        territory: t.arg.string({ description: 'Un seul territoire, ex. dep:48' }),
        history: t.arg.boolean({ defaultValue: false, description: 'Toutes les révisions, corrections comprises' }),
      },
      resolve: async (i, args, ctx) => {
        const report = await ctx.loaders.indicatorValuesByIndicatorId.load(i.id);
        const all = (args.history ? report?.history : report?.measurements) ?? [];
        return arrayConnection(args, args.territory ? all.filter((m) => m.territory === args.territory) : all, ctx.lang);
      },
    }, MeasurementConnection),
  }),
});

const Comparison = builder.objectRef<IndicatorComparison>('IndicatorComparison').implement({
  description: "Valeur d'un indicateur partagé pour un département, une période",
  fields: (t) => ({
    department: t.exposeString('department'),
    departmentName: t.string({ nullable: true, resolve: (c) => departmentName(c.department) ?? null }),
    schemeCode: t.exposeString('schemeCode'),
    scheme: t.field({ type: SchemeRef, nullable: true, resolve: async (c, _args, ctx) => (await ctx.loaders.schemeByCode.load(c.schemeCode)) ?? null }),
    indicator: t.field({ type: IndicatorRef, nullable: true, resolve: async (c, _args, ctx) => (await ctx.loaders.indicatorById.load(c.indicatorId)) ?? null }),
    value: t.exposeFloat('value', { nullable: true, description: 'Valeur du département pour la période, seulement quand status = KNOWN' }),
    status: t.field({ type: ValueStatus, resolve: (c) => c.status }),
    provisional: t.exposeBoolean('provisional'),
    origin: t.field({ type: ValueOrigin, resolve: (c) => c.origin }),
    baseline: t.exposeFloat('baseline', { nullable: true }),
    target: t.exposeFloat('target', { nullable: true }),
    completionRate: t.exposeFloat('completionRate', { nullable: true }),
    population: t.exposeInt('population', { nullable: true, description: 'Population municipale du département (géographie officielle)' }),
    unit: t.exposeString('unit'),
    illustrative: t.exposeBoolean('illustrative', { description: 'Au moins une révision derrière la valeur est illustrative' }),
    sources: t.exposeStringList('sources', { description: 'Sources des révisions derrière la valeur' }),
  }),
});

const SharedIndicatorType = builder.objectRef<SharedIndicator>('SharedIndicator').implement({
  description: 'Un code national partagé par des indicateurs de plusieurs schémas, avec sa couverture',
  fields: (t) => ({
    sharedCode: t.exposeString('sharedCode'),
    name: t.exposeString('name', { description: 'Le nom que lui donnent le plus de schémas' }),
    unit: t.exposeString('unit'),
    schemeCount: t.exposeInt('schemeCount'),
    departments: t.exposeStringList('departments', { description: 'Départements des schémas qui le portent' }),
    departmentsWithValue: t.exposeStringList('departmentsWithValue', { description: 'Ceux dont la valeur actuelle est connue' }),
    latestPeriod: t.exposeString('latestPeriod', { nullable: true, description: 'Dernière période d’une valeur actuelle connue' }),
    comparisonPeriod: t.exposeString('comparisonPeriod', {
      nullable: true,
      description: 'La période à comparer par défaut : celle où le plus de départements ont une valeur connue (cumuls compris), la plus récente à égalité',
    }),
  }),
});

const IndicatorFilter = builder.inputType('IndicatorFilter', {
  fields: (t) => ({
    sharedCode: t.string({ description: 'Code national partagé' }),
    departments: t.stringList({ description: 'Départements du schéma, ex. ["92"] (sans préfixe dep:)' }),
    regions: t.stringList({ description: 'Codes INSEE de régions, ex. ["11"] (Île-de-France) : les schémas de leurs départements' }),
    types: t.field({ type: [IndicatorType] }),
  }),
});

builder.queryFields((t) => ({
  indicators: t.connection({
    type: IndicatorRef,
    description: 'Les indicateurs de tous les schémas visibles',
    args: { filter: t.arg({ type: IndicatorFilter }) },
    resolve: (_root, args, ctx, info) =>
      pagedConnection(args, ctx.lang, async (page) => {
        const result = await listIndicators(
          ctx.readDb,
          {
            sharedCodes: args.filter?.sharedCode ? [args.filter.sharedCode] : undefined,
            departments: args.filter?.departments ?? undefined,
            regions: args.filter?.regions ?? undefined,
            lang: ctx.lang,
            types: (args.filter?.types ?? undefined) as IndicatorTypeCode[] | undefined,
            visibility: ctx.visibility,
          },
          page,
        );
        await withLatestMeasurements(ctx, info, result.items);
        return result;
      }),
  }, IndicatorConnection),
  sharedIndicators: t.field({
    type: [SharedIndicatorType],
    description: 'Les codes d’indicateurs partagés des schémas visibles, avec leur couverture (départements, valeurs connues)',
    args: {
      sharedCodes: t.arg.stringList({ description: 'Seulement ces codes partagés' }),
      departments: t.arg.stringList({ description: 'Codes INSEE de départements (92), sans préfixe dep:' }),
      regions: t.arg.stringList({ description: 'Codes INSEE de régions (11)' }),
    },
    resolve: (_root, args, ctx) =>
      listSharedIndicators(ctx.readDb, {
        visibility: ctx.visibility,
        sharedCodes: args.sharedCodes ?? undefined,
        departments: args.departments ?? undefined,
        regions: args.regions ?? undefined,
        lang: ctx.lang,
      }),
  }),
  compareIndicator: t.connection({
    type: Comparison,
    description:
      "Un indicateur partagé, une ligne par département, pour une période (2024, 2024-Q1, 2024-03 ; une année cumule trimestres et mois) ; filtrable par départements (92) et régions (11)",
    args: {
      sharedCode: t.arg.string({ required: true }),
      period: t.arg.string({ required: true }),
      departments: t.arg.stringList({ description: 'Codes INSEE de départements (92, 2A), sans préfixe dep:' }),
      regions: t.arg.stringList({ description: 'Codes INSEE de régions (11 = Île-de-France)' }),
    },
    resolve: (_root, args, ctx) => comparisonConnection(args, ctx),
  }, {
    name: 'IndicatorComparisonConnection',
    fields: (t) => ({
      departmentsWithValue: t.int({
        description: 'Nombre de départements dont la valeur est connue pour la période / départements with a known value',
        resolve: (parent) => (parent as unknown as { coverage: { withValue: number } }).coverage.withValue,
      }),
    }),
  }, { name: 'IndicatorComparisonEdge' }),
}));

const DatedValueInput = builder.inputType('DatedValueInput', {
  description: 'Valeur datée, avec sa provenance',
  fields: (t) => ({
    value: t.float({ required: true }),
    date: t.field({ type: 'Date', required: true }),
    illustrative: t.boolean({ description: "Valeur inventée pour la démonstration (absent : la marque de l'indicateur)" }),
    source: t.string({ description: 'Source de cette valeur : document, page ou adresse' }),
  }),
});

const IndicatorInput = builder.inputType('IndicatorInput', {
  description: "Un indicateur (créé ou remplacé d'après son code dans le schéma)",
  fields: (t) => ({
    code: t.string({ required: true }),
    name: t.string({ required: true }),
    definition: t.string(),
    type: t.field({ type: IndicatorType }),
    unit: t.string(),
    direction: t.field({ type: Direction }),
    baseline: t.field({ type: DatedValueInput }),
    target: t.field({ type: DatedValueInput }),
    intermediateTargets: t.field({ type: [DatedValueInput] }),
    periodicity: t.field({ type: Periodicity }),
    source: t.string(),
    aggregation: t.field({ type: Aggregation }),
    secrecyThreshold: t.int({ description: 'Secret statistique : les effectifs entre 1 et ce seuil (exclu) sont masqués' }),
    sharedCode: t.string(),
    owner: t.string({ description: 'Code du partenaire qui renseigne les valeurs' }),
    illustrative: t.boolean(),
  }),
});

builder.mutationFields((t) => ({
  saveIndicator: t.field({
    type: IndicatorRef,
    description: "Créer ou modifier un indicateur, rattaché au schéma, à une orientation ou à une action (jeton editor)",
    args: {
      schemeCode: t.arg.string({ required: true }),
      orientationCode: t.arg.string(),
      actionCode: t.arg.string(),
      input: t.arg({ type: IndicatorInput, required: true }),
    },
    resolve: (_root, args, ctx) => {
      const input = withoutNulls(args.input);
      for (const key of ['baseline', 'target'] as const) if (input[key]) input[key] = withoutNulls(input[key] as object);
      if (input.intermediateTargets) input.intermediateTargets = (input.intermediateTargets as object[]).map((x) => withoutNulls(x));
      // Both codes go to the command, which refuses an indicator attached to both (never one chosen here).
      const owner = args.actionCode || args.orientationCode ? withoutNulls({ orientationCode: args.orientationCode, actionCode: args.actionCode }) : undefined;
      return saveIndicator(ctx.db, ctx.caller, args.schemeCode, input, owner);
    },
  }),
}));

