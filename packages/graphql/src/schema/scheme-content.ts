import { isSchemeVisible, PUBLICS, schemeTerritory, THEMES, type SchemeTerritory } from '@sosms/core';
import { builder } from '../builder.ts';
import { Public, Theme } from './nomenclature.ts';
import { SchemeRef, TerritoryRef } from './refs.ts';

/*
 * What a scheme covers and continues (issue 9 item 4): its predecessors, publics, themes and territory.
 * Thin: the core holds the predecessors (scheme_predecessor), the nomenclature and the geography.
 */

const SchemeTerritoryRef = builder.objectRef<SchemeTerritory>('SchemeTerritory').implement({
  description: 'Territoire couvert par un schéma : ses départements et leur population (géographie officielle)',
  fields: (t) => ({
    codes: t.stringList({ description: 'Codes des départements, ex. ["dep:92", "dep:78"]', resolve: (x) => [...x.codes] }),
    name: t.exposeString('name', { description: 'Ex. « Hauts-de-Seine et Yvelines »' }),
    population: t.exposeInt('population', {
      nullable: true,
      description: 'Population municipale, somme sur les départements (@etalab/decoupage-administratif) ; null si un département est inconnu',
    }),
    departments: t.field({ type: [TerritoryRef], resolve: (x) => [...x.departments] }),
    illustrative: t.boolean({ description: 'Géographie officielle : jamais illustrative', resolve: () => false }),
  }),
});

builder.objectFields(SchemeRef, (t) => ({
  predecessors: t.field({
    type: [SchemeRef],
    description: 'Les schémas précédents que celui-ci prolonge, dans son ordre (un schéma unique peut en remplacer plusieurs) ; ceux que le lecteur ne peut pas voir sont omis',
    resolve: async (s, _args, ctx) => {
      const found = await ctx.loaders.schemeByCode.loadMany([...s.predecessors]);
      return found.filter((p): p is Exclude<typeof p, Error | undefined> => p !== undefined && !(p instanceof Error) && isSchemeVisible(p, ctx.visibility));
    },
  }),
  publics: t.field({ type: [Public], description: 'Publics que le schéma couvre (nomenclature commune)', resolve: (s) => PUBLICS.filter((p) => s.publics.includes(p.code)) }),
  themes: t.field({ type: [Theme], description: 'Thématiques que le schéma couvre (nomenclature commune)', resolve: (s) => THEMES.filter((th) => s.themes.includes(th.code)) }),
  territory: t.field({
    type: SchemeTerritoryRef,
    description: 'Territoire couvert (ses départements) et sa population',
    resolve: (s, _args, ctx) => schemeTerritory(s.departments, ctx.lang),
  }),
}));
