import { districtPopulation, districtTerritory, getOfficialTerritory, getTerritory, isSchemeVisible, type Territory } from '@sosms/core';
import { builder } from '../builder.ts';
import { TerritoryKind } from './enums.ts';
import { DistrictRef, SchemeRef, TerritoryRef } from './refs.ts';

TerritoryRef.implement({
  description: "Un territoire : géographie officielle (fr, reg:11, dep:92, epci:…, com:…) ou district d'un schéma (SST, MDS…)",
  fields: (t) => ({
    code: t.exposeString('code'),
    kind: t.field({ type: TerritoryKind, resolve: (x) => x.kind }),
    name: t.exposeString('name'),
    population: t.exposeInt('population', { description: 'Population municipale (somme des communes)' }),
    parentCode: t.string({ nullable: true, resolve: (x) => ('parentCode' in x ? (x.parentCode ?? null) : null) }),
    departmentCode: t.string({ nullable: true, resolve: (x) => x.departmentCode ?? null }),
    parent: t.field({ type: TerritoryRef, nullable: true, resolve: (x) => ('parentCode' in x && x.parentCode ? (getOfficialTerritory(x.parentCode) ?? null) : null) }),
    districtKind: t.string({ nullable: true, description: 'Pour un district : SST, MDS, UTAS…', resolve: (x) => (x.kind === 'district' ? x.districtKind : null) }),
    communes: t.stringList({ description: "Communes d'un district (vide pour la géographie officielle)", resolve: (x) => (x.kind === 'district' ? [...x.communes] : []) }),
    illustrative: t.boolean({ description: 'Géographie officielle (@etalab/decoupage-administratif)', resolve: () => false }),
  }),
});

DistrictRef.implement({
  description: "Territoire propre au département (SST, MDS, UTAS…), fait de communes",
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    kind: t.exposeString('kind'),
    communes: t.exposeStringList('communes'),
    population: t.int({ resolve: (d) => districtPopulation(d.communes) }),
    territory: t.field({ type: TerritoryRef, resolve: (d) => districtTerritory(d) }),
    scheme: t.field({ type: SchemeRef, resolve: async (d, _args, ctx) => (await ctx.loaders.schemeById.load(d.schemeId))! }),
    illustrative: t.boolean({ resolve: async (d, _args, ctx) => (await ctx.loaders.schemeById.load(d.schemeId))?.illustrative ?? false }),
  }),
});

builder.queryFields((t) => ({
  territory: t.field({
    type: TerritoryRef,
    nullable: true,
    description: "Un territoire par son code : dep:92, com:48095… ou le code d'un district (préciser schemeCode s'il est ambigu)",
    args: { code: t.arg.string({ required: true }), schemeCode: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      let schemeId: string | undefined;
      if (args.schemeCode) {
        const scheme = await ctx.loaders.schemeByCode.load(args.schemeCode);
        if (!scheme || !isSchemeVisible(scheme, ctx.visibility)) return null;
        schemeId = scheme.id;
      }
      const territory: Territory | undefined = await getTerritory(ctx.readDb, args.code, { schemeId, visibility: ctx.visibility });
      if (!territory) return null;
      if (territory.kind === 'district') {
        const scheme = await ctx.loaders.schemeById.load(territory.schemeId);
        if (!scheme || !isSchemeVisible(scheme, ctx.visibility)) return null;
      }
      return territory;
    },
  }),
}));
