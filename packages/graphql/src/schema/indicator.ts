import {
  compareIndicator,
  completionRate,
  departmentName,
  listIndicators,
  roundPercent,
  saveIndicator,
  type IndicatorComparison,
  type IndicatorType as IndicatorTypeCode,
} from '@sosms/core';
import { builder } from '../builder.ts';
import { IndicatorConnection, MeasurementConnection } from './connections.ts';
import { canSeeScheme, withLatestMeasurements, type Context } from '../context.ts';
import { arrayConnection, pagedConnection } from '../pagination.ts';
import { Aggregation, Direction, IndicatorType, Periodicity } from './enums.ts';
import { withoutNulls } from './orientation.ts';
import { ActionRef, AlertRef, IndicatorRef, MeasurementRef, OrientationRef, PartnerRef, SchemeRef } from './refs.ts';

const DatedValue = builder.objectRef<{ value: number; date: string; illustrative: boolean }>('DatedValue').implement({
  description: 'Valeur datée (valeur de référence, cible, cible intermédiaire)',
  fields: (t) => ({
    value: t.exposeFloat('value'),
    date: t.expose('date', { type: 'Date' }),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

const withFlag = (v: { value: number; date: string } | null, illustrative: boolean) => (v ? { ...v, illustrative } : null);

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
    baseline: t.field({ type: DatedValue, nullable: true, resolve: (i) => withFlag(i.baseline, i.illustrative) }),
    target: t.field({ type: DatedValue, nullable: true, resolve: (i) => withFlag(i.target, i.illustrative) }),
    intermediateTargets: t.field({ type: [DatedValue], resolve: (i) => i.intermediateTargets.map((v) => ({ ...v, illustrative: i.illustrative })) }),
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
    latestMeasurement: t.field({
      type: MeasurementRef,
      nullable: true,
      description: 'Dernière période mesurée (dernière révision ; le département en priorité)',
      // Loaded beforehand by the list of indicators (withLatestMeasurements): no promise per indicator.
      resolve: (i, _args, ctx) => ctx.loaders.latestMeasurementByIndicatorId.loadedOrLoad(i.id),
    }),
    completionRate: t.float({
      nullable: true,
      description: '(dernière valeur − référence) / (cible − référence), borné à 0–100 %',
      resolve: async (i, _args, ctx) => {
        const latest = await ctx.loaders.latestMeasurementByIndicatorId.load(i.id);
        return roundPercent(completionRate({ baselineValue: i.baseline?.value, targetValue: i.target?.value }, latest?.value));
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
        const all = args.history ? await ctx.loaders.measurementHistoryByIndicatorId.load(i.id) : await ctx.loaders.measurementsByIndicatorId.load(i.id);
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
    value: t.exposeFloat('value', { nullable: true }),
    baseline: t.exposeFloat('baseline', { nullable: true }),
    target: t.exposeFloat('target', { nullable: true }),
    completionRate: t.exposeFloat('completionRate', { nullable: true }),
    population: t.exposeInt('population', { nullable: true, description: 'Population municipale du département (géographie officielle)' }),
    unit: t.exposeString('unit'),
    illustrative: t.exposeBoolean('illustrative'),
  }),
});

const IndicatorFilter = builder.inputType('IndicatorFilter', {
  fields: (t) => ({
    sharedCode: t.string({ description: 'Code national partagé' }),
    departments: t.stringList(),
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
            types: (args.filter?.types ?? undefined) as IndicatorTypeCode[] | undefined,
            visibility: ctx.visibility,
          },
          page,
        );
        await withLatestMeasurements(ctx, info, result.items);
        return result;
      }),
  }, IndicatorConnection),
  compareIndicator: t.connection({
    type: Comparison,
    description: "Un indicateur partagé, une ligne par département, pour une période (ex. 2024, 2024-Q1, 2024-03)",
    args: { sharedCode: t.arg.string({ required: true }), period: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => arrayConnection(args, await compareIndicator(ctx.readDb, args.sharedCode, args.period, { visibility: ctx.visibility }), ctx.lang),
  }, { name: 'IndicatorComparisonConnection' }, { name: 'IndicatorComparisonEdge' }),
}));

const DatedValueInput = builder.inputType('DatedValueInput', {
  fields: (t) => ({ value: t.float({ required: true }), date: t.field({ type: 'Date', required: true }) }),
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
      const owner = args.actionCode ? { actionCode: args.actionCode } : args.orientationCode ? { orientationCode: args.orientationCode } : undefined;
      return saveIndicator(ctx.db, ctx.caller, args.schemeCode, input, owner);
    },
  }),
}));

