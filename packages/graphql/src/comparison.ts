import { compareIndicator, comparisonCoverage } from '@sosms/core';
import type { Context } from './context.ts';
import { arrayConnection, type ConnectionArgs } from './pagination.ts';

/** The arguments of `compareIndicator` (schema/indicator.ts). */
export interface ComparisonArgs extends ConnectionArgs {
  readonly sharedCode: string;
  readonly period: string;
  readonly departments?: readonly string[] | null;
  readonly regions?: readonly string[] | null;
}

/**
 * The `compareIndicator` connection: core's comparison (the values the one rule stored), paged, with its
 * coverage. One home for the resolver and the compiled read (compiled.ts), so both give the same answer.
 *
 * ### Examples
 * ```ts
 * const connection = await comparisonConnection({ sharedCode: 'rsa-emploi-12m', period: '2022' }, ctx);
 * connection.coverage.withValue; // 2
 * ```
 */
export async function comparisonConnection(args: ComparisonArgs, ctx: Context) {
  const rows = await compareIndicator(ctx.readDb, args.sharedCode, args.period, {
    visibility: ctx.visibility,
    departments: args.departments ?? undefined,
    regions: args.regions ?? undefined,
    lang: ctx.lang,
  });
  return { ...arrayConnection(args, rows, ctx.lang), coverage: comparisonCoverage(rows) };
}
