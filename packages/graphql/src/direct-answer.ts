import { specifiedRules, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { compiledReadsEnabled, fragmentsOf, runCompiled } from './compiled.ts';
import type { Context } from './context.ts';

/*
 * A compiled query answered by the HTTP layer itself, without Apollo's request pipeline: the same checks,
 * the same bytes. Apollo, for a query of one operation, parses (done by handler.ts with the same token
 * limit), validates with graphql-js's rules and the operation limits, runs the compiled read (its
 * `responseForOperation` plugin, compiled.ts) and writes `JSON.stringify({ data }) + '\n'` with a content
 * type chosen from the Accept header. Here the validation is run once per parsed document, the content
 * type comes from a table of the Accept headers whose answer is known (others go to Apollo), and anything
 * else (an invalid document, variables to report, a field compiled reads do not know, any error) goes to
 * Apollo unchanged. test/direct-answer.test.ts compares both answers byte for byte, headers included.
 */

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

/**
 * The content type Apollo gives a single answer (`chooseContentTypeForSingleResultResponse`, by `negotiator`)
 * for the Accept headers clients send most: none, the widgets' own, curl's, browsers' fetch. Any other
 * header is Apollo's to negotiate.
 */
const CONTENT_TYPES = new Map<string | undefined, string>([
  [undefined, JSON_TYPE],
  ['', JSON_TYPE],
  ['*/*', JSON_TYPE],
  ['application/json', JSON_TYPE],
  ['application/graphql-response+json', GRAPHQL_RESPONSE_TYPE],
  ['application/graphql-response+json, application/json', GRAPHQL_RESPONSE_TYPE],
  ['application/json, application/graphql-response+json', JSON_TYPE],
  ['application/graphql-response+json, application/json;q=0.9', GRAPHQL_RESPONSE_TYPE],
  ['application/graphql-response+json, application/json; q=0.9', GRAPHQL_RESPONSE_TYPE],
]);

/** The Accept headers the table knows (the test checks each against Apollo). */
export const DIRECT_ACCEPT_HEADERS: readonly (string | undefined)[] = [...CONTENT_TYPES.keys()];

/**
 * Whether Apollo's validation passes. A validation that throws is Apollo's to report: so is a schema from
 * another copy of graphql-js (a bundler that loads `graphql` twice, as vite does for a workspace's sources).
 */
function isValid(schema: GraphQLSchema, document: DocumentNode, rules: readonly ValidationRule[]): boolean {
  try {
    return validate(schema, document, [...specifiedRules, ...rules]).length === 0;
  } catch {
    return false;
  }
}

/** What a direct answer sends: Apollo's status (200), content type and body. */
export interface DirectAnswer {
  readonly contentType: string;
  readonly text: string;
}

/**
 * The direct answers of one gateway: `answer` gives a compiled query's answer as Apollo would write it,
 * or undefined when Apollo must answer. `rules` are the operation limits Apollo validates with.
 *
 * ### Examples
 * ```ts
 * const direct = createDirectAnswers(schema, limitRules(limits));
 * const answer = await direct.answer(document, operation, variables, req.headers.accept, ctx);
 * ```
 */
export function createDirectAnswers(schema: GraphQLSchema, rules: readonly ValidationRule[]) {
  const checked = new WeakMap<DocumentNode, { valid: boolean; fragments: Record<string, FragmentDefinitionNode> }>();
  function check(document: DocumentNode) {
    let known = checked.get(document);
    if (!known) {
      known = { valid: isValid(schema, document, rules), fragments: fragmentsOf(document) };
      checked.set(document, known);
    }
    return known;
  }
  return {
    async answer(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined, accept: string | undefined, ctx: Context): Promise<DirectAnswer | undefined> {
      if (!compiledReadsEnabled() || operation.operation !== 'query') return undefined;
      const contentType = CONTENT_TYPES.get(accept);
      if (!contentType) return undefined;
      const { valid, fragments } = check(document);
      if (!valid) return undefined;
      const data = await runCompiled(schema, operation, fragments, variables ?? {}, ctx);
      if (!data) return undefined;
      // As Apollo's didResolveOperation hook records it (apollo.ts), for the log.
      ctx.meta.operationName = operation.name?.value || undefined;
      return { contentType, text: `${JSON.stringify({ data })}\n` };
    },
  };
}
