import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { checkValues, validationError, type Lang } from '@sosms/core';

/**
 * A Pothos plugin that runs the core's value rules (`checkValues`: NUL characters, lone surrogates,
 * length caps, nesting depth) on the arguments of every mutation before its resolver, so that a value
 * the database would refuse answers VALIDATION with the argument's path (`input.title`) and writes
 * nothing, as in a scheme file. The rules live in the core; this only applies them to arguments that
 * reach commands outside their zod input (codes, reasons, JSON inputs).
 *
 * ### Examples
 * ```ts
 * new SchemaBuilder<{ Context: { lang: Lang } }>({ plugins: ['sosmsValueChecks'] });
 * ```
 */
export class ValueChecksPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (fieldConfig.kind !== 'Mutation' || Object.keys(fieldConfig.args).length === 0) return resolver;
    return (parent, args, context, info) => {
      const lang: Lang = (context as { lang?: Lang }).lang ?? 'fr';
      const { issues } = checkValues(args, lang);
      if (issues.length) throw validationError(issues, lang);
      return resolver(parent, args, context, info);
    };
  }
}

const PLUGIN_NAME = 'sosmsValueChecks' as const;
SchemaBuilder.registerPlugin(PLUGIN_NAME, ValueChecksPlugin);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      sosmsValueChecks: ValueChecksPlugin<Types>;
    }
  }
}

export default PLUGIN_NAME;
