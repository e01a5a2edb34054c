import { PUBLICS, THEMES, type NomenclatureEntry } from '@sosms/core';
import { builder } from '../builder.ts';
import { arrayConnection } from '../pagination.ts';

/** A label in French and English. */
export const Label = builder.objectRef<NomenclatureEntry['label']>('Label').implement({
  description: 'Libellé en français et en anglais / label in French and English',
  fields: (t) => ({ fr: t.exposeString('fr'), en: t.exposeString('en') }),
});

/** A theme of the shared nomenclature (the 18 consultation themes of seed 003). */
export const Theme = builder.objectRef<NomenclatureEntry>('Theme').implement({
  description: 'Thématique commune à tous les départements / theme shared by every département',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code stable, ex. carer_support' }),
    label: t.field({ type: Label, resolve: (entry) => entry.label }),
    name: t.string({ description: 'Libellé dans la langue de la requête / label in the request language', resolve: (entry, _args, ctx) => entry.label[ctx.lang] }),
    illustrative: t.boolean({ resolve: () => false }),
  }),
});

/** A public of the shared nomenclature. */
export const Public = builder.objectRef<NomenclatureEntry>('Public').implement({
  description: 'Public visé, nomenclature commune / target public, shared nomenclature',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Code stable, ex. elderly' }),
    label: t.field({ type: Label, resolve: (entry) => entry.label }),
    name: t.string({ resolve: (entry, _args, ctx) => entry.label[ctx.lang] }),
    illustrative: t.boolean({ resolve: () => false }),
  }),
});

builder.queryFields((t) => ({
  themes: t.connection({
    type: Theme,
    description: 'Les thématiques communes / the shared themes',
    resolve: (_root, args, ctx) => arrayConnection(args, THEMES, ctx.lang),
  }, { name: 'ThemeConnection' }, { name: 'ThemeEdge' }),
  publics: t.connection({
    type: Public,
    description: 'Les publics communs / the shared publics',
    resolve: (_root, args, ctx) => arrayConnection(args, PUBLICS, ctx.lang),
  }, { name: 'PublicConnection' }, { name: 'PublicEdge' }),
}));
