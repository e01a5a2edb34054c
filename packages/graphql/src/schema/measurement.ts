import { recordMeasurement, revisionStatus, type ValueStatus as ValueStatusCode } from '@sosms/core';
import { builder } from '../builder.ts';
import { canSeeScheme } from '../context.ts';
import { MissingReason, ValueStatus } from './enums.ts';
import { idOf } from './ids.ts';
import { withoutNulls } from './orientation.ts';
import { IndicatorRef, MeasurementRef } from './refs.ts';

MeasurementRef.implement({
  description: "Une valeur d'indicateur pour une période et un territoire ; une correction ajoute une révision",
  fields: (t) => ({
    id: t.exposeID('id'),
    period: t.exposeString('period', { description: '2024, 2024-Q1 ou 2024-03' }),
    periodStart: t.expose('periodStart', { type: 'Date' }),
    territory: t.exposeString('territory', { description: 'Code du territoire (dep:48, com:…, district du schéma)' }),
    revision: t.exposeInt('revision'),
    value: t.exposeFloat('value', { nullable: true, description: 'Null quand la valeur manque ou est masquée (secret statistique : missingReason STATISTICAL_SECRECY)' }),
    status: t.field({
      type: ValueStatus,
      description: 'État de la valeur selon la règle unique (secret statistique compris)',
      // Reads hand published measurements (status set by core); a write hands back the stored revision.
      resolve: (m) => ('status' in m ? (m as { status: ValueStatusCode }).status : revisionStatus(null, m)),
    }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    missingReason: t.field({ type: MissingReason, nullable: true, resolve: (m) => m.missingReason }),
    provisional: t.exposeBoolean('provisional'),
    source: t.exposeString('source', { nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    illustrative: t.exposeBoolean('illustrative'),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
    indicator: t.field({ type: IndicatorRef, resolve: async (m, _args, ctx) => (await ctx.loaders.indicatorById.load(m.indicatorId))! }),
  }),
});

const MeasurementInput = builder.inputType('MeasurementInput', {
  description: 'Une valeur, ou la raison de son absence',
  fields: (t) => ({
    period: t.string({ required: true, description: '2024, 2024-Q1 ou 2024-03' }),
    territory: t.string({ required: true, description: 'dep:48, com:48095, ou un district du schéma' }),
    value: t.float(),
    numerator: t.float(),
    denominator: t.float(),
    missingReason: t.field({ type: MissingReason }),
    provisional: t.boolean(),
    source: t.string(),
    comment: t.string(),
    illustrative: t.boolean(),
  }),
});

builder.mutationFields((t) => ({
  recordMeasurement: t.field({
    type: MeasurementRef,
    description: "Enregistrer une valeur (nouvelle révision si la période et le territoire ont déjà une valeur). Jeton editor, ou contributor nommant l'indicateur",
    args: { indicatorId: t.arg.globalID({ required: true }), input: t.arg({ type: MeasurementInput, required: true }) },
    resolve: (_root, args, ctx) => recordMeasurement(ctx.db, ctx.caller, idOf(args.indicatorId, 'Indicator'), withoutNulls(args.input)),
  }),
}));

