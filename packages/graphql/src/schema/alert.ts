import { builder } from '../builder.ts';
import { AlertCode } from './enums.ts';
import { Label } from './nomenclature.ts';
import { AlertRef } from './refs.ts';

AlertRef.implement({
  description: "Alerte : mise à jour trop ancienne, échéance dépassée, indicateur dans le mauvais sens",
  fields: (t) => ({
    code: t.field({ type: AlertCode, resolve: (a) => a.code }),
    message: t.string({ description: 'Message dans la langue de la requête', resolve: (a, _args, ctx) => a.message[ctx.lang] }),
    label: t.field({ type: Label, description: 'Message en français et en anglais', resolve: (a) => a.message }),
    illustrative: t.boolean({ description: 'Calculée ; illustrative si elle repose sur des données illustratives', resolve: () => false }),
  }),
});
