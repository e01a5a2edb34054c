import { moveOrientation, roundPercent, saveOrientation } from '@sosms/core';
import { builder } from '../builder.ts';
import { ActionConnection, IndicatorConnection, OrientationConnection } from './connections.ts';
import { canSeeScheme, withLatestMeasurements, type Context } from '../context.ts';
import { arrayConnection } from '../pagination.ts';
import { ActionRef, IndicatorRef, OrientationRef, SchemeRef } from './refs.ts';
import { sortByCode } from './scheme.ts';

builder.node(OrientationRef, {
  description: "Orientation (axe, intention, objectif, partie…) : un nœud de l'arborescence du schéma",
  id: { resolve: (o) => o.id },
  loadMany: async (ids, ctx: Context) => {
    const found = await ctx.loaders.orientationById.loadMany(ids);
    return Promise.all(found.map(async (o) => (o instanceof Error || !o || !(await canSeeScheme(ctx, o.schemeId)) ? null : o)));
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'depth' in value && 'parentId' in value,
  fields: (t) => ({
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    easyRead: t.exposeString('easyRead', { nullable: true, description: 'Version FALC' }),
    objectives: t.exposeStringList('objectives'),
    weight: t.exposeFloat('weight', { nullable: true, description: "Poids dans l'avancement du parent" }),
    position: t.exposeInt('position'),
    depth: t.exposeInt('depth', { description: '0 au premier niveau' }),
    level: t.string({
      nullable: true,
      description: 'Nom du niveau dans ce schéma (ex. Axe, Orientation)',
      resolve: async (o, _args, ctx) => (await ctx.loaders.schemeById.load(o.schemeId))?.levels[o.depth] ?? null,
    }),
    illustrative: t.boolean({ description: 'Les orientations viennent des textes réels', resolve: async (o, _args, ctx) => (await ctx.loaders.schemeById.load(o.schemeId))?.illustrative ?? false }),
    scheme: t.field({ type: SchemeRef, resolve: async (o, _args, ctx) => (await ctx.loaders.schemeById.load(o.schemeId))! }),
    parent: t.field({
      type: OrientationRef,
      nullable: true,
      resolve: async (o, _args, ctx) => (o.parentId ? ((await ctx.loaders.orientationById.load(o.parentId)) ?? null) : null),
    }),
    progress: t.float({
      nullable: true,
      description: 'Avancement 0–100 : moyenne (pondérée si des poids existent) des sous-orientations et actions',
      resolve: async (o, _args, ctx) => roundPercent((await ctx.loaders.progressBySchemeId.load(o.schemeId))?.byOrientation.get(o.id) ?? null),
    }),
    children: t.connection({
      type: OrientationRef,
      description: 'Sous-orientations',
      resolve: async (o, args, ctx) => {
        const all = await ctx.loaders.orientationsBySchemeId.load(o.schemeId);
        return arrayConnection(args, all.filter((c) => c.parentId === o.id), ctx.lang);
      },
    }, OrientationConnection),
    actions: t.connection({
      type: ActionRef,
      description: 'Actions rattachées directement à cette orientation',
      resolve: async (o, args, ctx) => arrayConnection(args, sortByCode(await ctx.loaders.actionsByOrientationId.load(o.id)), ctx.lang),
    }, ActionConnection),
    indicators: t.connection({
      type: IndicatorRef,
      resolve: async (o, args, ctx, info) =>
        arrayConnection(args, await withLatestMeasurements(ctx, info, await ctx.loaders.indicatorsByOrientationId.load(o.id)), ctx.lang),
    }, IndicatorConnection),
  }),
});

const OrientationInput = builder.inputType('OrientationInput', {
  description: "Une orientation (créée ou remplacée d'après son code)",
  fields: (t) => ({
    code: t.string({ required: true }),
    title: t.string({ required: true }),
    description: t.string(),
    easyRead: t.string(),
    objectives: t.stringList(),
    weight: t.float(),
  }),
});

/** Drop null values: the core's zod schemas take absent optional fields, not nulls. */
export function withoutNulls<T extends object>(input: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? withoutNulls(x) : x)) : v]),
  );
}

builder.mutationFields((t) => ({
  saveOrientation: t.field({
    type: OrientationRef,
    description: "Créer ou modifier une orientation d'après son code (jeton editor)",
    args: {
      schemeCode: t.arg.string({ required: true }),
      parentCode: t.arg.string({ description: 'Orientation parente ; absent : inchangé (premier niveau si nouvelle)' }),
      input: t.arg({ type: OrientationInput, required: true }),
    },
    resolve: (_root, args, ctx) => saveOrientation(ctx.db, ctx.caller, args.schemeCode, withoutNulls(args.input), args.parentCode ?? undefined),
  }),
  moveOrientation: t.field({
    type: OrientationRef,
    description: "Déplacer une orientation sous une autre, ou au premier niveau (parentCode absent), sans changer ses champs",
    args: { schemeCode: t.arg.string({ required: true }), code: t.arg.string({ required: true }), parentCode: t.arg.string() },
    resolve: (_root, args, ctx) => moveOrientation(ctx.db, ctx.caller, args.schemeCode, args.code, args.parentCode ?? null),
  }),
}));

