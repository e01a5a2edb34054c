import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  typeFromAST,
  type FieldNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  actionAlerts,
  actionHealth,
  compareByPosition,
  compareCodes,
  computeTreeProgress,
  countActions,
  countByHealth,
  departmentName,
  effectiveProgress,
  notKnownValue,
  readingOrder,
  readSchemeTrees,
  resolveDepartmentFilter,
  roundPercent,
  type ActionShape,
  type ActionStatus,
  type IndicatorShape,
  type OrientationShape,
  type SchemeStatus,
  type SchemeTreeShape,
  type TreeProgress,
  type TreeRow,
} from '@sosms/core';
import type { Context } from './context.ts';
import { arrayConnection, pagedConnection, type ConnectionArgs } from './pagination.ts';
import { comparisonConnection, type ComparisonArgs } from './comparison.ts';

/*
 * Compiled reads. A query whose every field is known here is not executed field by field by graphql-js:
 * its selection is compiled once into (1) the shape of ONE SQL statement per root field (core's
 * `readSchemeTrees`: only the asked columns, children nested as JSON by PostgreSQL, drafts filtered inside
 * the statement) and (2) a function that builds the answer from the rows, calling the same core rules
 * (progress roll-up, health, alerts, completion rate) and the same pagination as the resolvers, and
 * serialising leaves through the schema's own scalar and enum types. The answer is the one graphql-js
 * would give, byte for byte (test/compiled.test.ts compares both on the example queries and on random
 * selections). Any field, type or value it does not know, or any error, sends the operation back to
 * graphql-js unchanged: compilation is an optimisation, never a second semantics.
 */

/** Thrown while compiling or running when graphql-js must take over. */
class NotCompiled extends Error {
  constructor(reason: string) {
    // Thrown for every query that graphql-js executes: no stack trace to capture (it is never shown).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
  }
}

type Args = Record<string, unknown>;
/** A row of a tree read, with the links added after the read ($scheme on orientations and actions). */
type Row = TreeRow & Record<string, any>;

/** The part of a tree read one type's fields ask for: columns, nested relations, flags. */
class Shape {
  readonly columns = new Set<string>();
  readonly relations = new Map<string, Shape>();
  readonly flags = new Set<string>();
  /** Territories whose current value an indicator's fields ask for (`currentValue(territory:)`). */
  readonly territories = new Set<string>();
  constructor(readonly parent?: Shape) {}

  col(...columns: string[]): this {
    for (const c of columns) this.columns.add(c);
    return this;
  }

  rel(name: string): Shape {
    let shape = this.relations.get(name);
    if (!shape) this.relations.set(name, (shape = new Shape(this)));
    return shape;
  }
}

/** How one field reads: what it needs of the tree read (`plan`, returning the shape of its children), and its value. */
interface FieldSpec {
  plan?(shape: Shape, args: Args): Shape | void;
  resolve(parent: Row, args: Args, ctx: Context): unknown;
}

const column = (name: string): FieldSpec => ({ plan: (s) => void s.col(name), resolve: (r) => r[name] });
const property = (name: string): FieldSpec => ({ resolve: (r) => r[name] });

const byPosition: (a: Row, b: Row) => number = compareByPosition;
const byCode = (a: Row, b: Row) => compareCodes(a.code, b.code);
const sorted = (rows: readonly Row[] | undefined, ...orders: ((a: Row, b: Row) => number)[]) => {
  const out = [...(rows ?? [])];
  for (const order of orders) out.sort(order);
  return out;
};

/** Columns of the scheme's orientations and actions that the progress roll-up and health read. */
function planProgress(scheme: Shape): void {
  const orientations = scheme.rel('orientations').col('id', 'parent_id', 'weight', 'position', 'code');
  orientations.rel('actions').col('orientation_id', 'status', 'progress', 'weight', 'position', 'code');
}

const progressCache = new WeakMap<Row, TreeProgress>();
/** The roll-up of a scheme read as a tree, by the core's rule (computeTreeProgress), once per scheme row. */
function treeProgress(scheme: Row): TreeProgress {
  let tree = progressCache.get(scheme);
  if (!tree) {
    const orientations = (scheme.orientations ?? []) as Row[];
    tree = computeTreeProgress(
      orientations.map((o) => ({ id: o.id, parentId: o.parent_id, weight: o.weight })),
      orientations.flatMap((o) => (o.actions ?? []) as Row[]).map((a) => ({ orientationId: a.orientation_id, status: a.status as ActionStatus, progress: a.progress, weight: a.weight })),
    );
    progressCache.set(scheme, tree);
  }
  return tree;
}

/** All orientations of a scheme row, as the loader orders them (position, then code). */
const orientationsOf = (scheme: Row): Row[] => (scheme.$orientations ??= sorted(scheme.orientations, byPosition));
/** All actions of a scheme row, as the loader orders them (position, then code). */
const actionsOf = (scheme: Row): Row[] => (scheme.$actions ??= sorted(((scheme.orientations ?? []) as Row[]).flatMap((o) => (o.actions ?? []) as Row[]), byPosition));

const healthInput = (a: Row) => ({ status: a.status as ActionStatus, progress: a.progress, startDate: a.start_date, endDate: a.end_date });
const globalId = (typename: string): FieldSpec => ({ plan: (s) => void s.col('id'), resolve: (r) => encodeGlobalID(typename, r.id) });
/** A dated value with its own provenance (`<prefix>_illustrative` ?? the indicator's mark, `<prefix>_source`), as `indicatorFromRow` reads it. */
const datedValue = (prefix: 'baseline' | 'target'): FieldSpec => ({
  plan: (s) => void s.col(`${prefix}_value`, `${prefix}_date`, `${prefix}_illustrative`, `${prefix}_source`, 'illustrative'),
  resolve: (r) =>
    r[`${prefix}_value`] !== null && r[`${prefix}_date`] !== null
      ? { value: r[`${prefix}_value`], date: r[`${prefix}_date`], illustrative: r[`${prefix}_illustrative`] ?? r.illustrative, source: r[`${prefix}_source`] ?? null }
      : null,
});
const connection = (plan: (shape: Shape) => Shape, items: (r: Row, args: Args) => readonly Row[]): FieldSpec => ({
  plan: (s) => plan(s),
  resolve: (r, args, ctx) => arrayConnection(args as ConnectionArgs, items(r, args), ctx.lang),
});
const indicatorList = (s: Shape) => s.rel('indicators').col('position', 'code');
/** The columns of a stored value: the fields of the IndicatorValue type, same names. */
const VALUE_COLUMNS = ['status', 'value', 'numerator', 'denominator', 'period', 'territory', 'provisional', 'illustrative', 'sources', 'origin'] as const;
/** The stored values of an indicator row; none yet (written outside inTransaction): graphql-js and the rule answer. */
function stored(r: Row): Row {
  if (!r.current) throw new NotCompiled('no stored values');
  return r.current as Row;
}

/** The fields compiled, per GraphQL type. A type or field absent here sends the operation to graphql-js. */
const SPECS: Record<string, Record<string, FieldSpec>> = {
  Scheme: {
    id: globalId('Scheme'),
    code: column('code'),
    title: column('title'),
    departments: column('departments'),
    status: column('status'),
    levels: column('levels'),
    summary: column('summary'),
    easyRead: column('easy_read'),
    legalBasis: column('legal_basis'),
    sourceUrl: column('source_url'),
    // predecessorCode is resolved by graphql-js: predecessors live in scheme_predecessor and are filtered by visibility.
    published: column('published'),
    illustrative: column('illustrative'),
    period: { plan: (s) => void s.col('period_start', 'period_end'), resolve: (r) => ({ start: r.period_start, end: r.period_end }) },
    adoption: {
      plan: (s) => void s.col('adoption_date', 'adoption_reference'),
      resolve: (r) => (r.adoption_date ? { date: r.adoption_date, reference: r.adoption_reference } : null),
    },
    progress: { plan: (s) => planProgress(s), resolve: (r) => roundPercent(treeProgress(r).scheme ?? null) },
    healthSummary: {
      plan: (s) => void s.rel('orientations').col('position', 'code').rel('actions').col('status', 'progress', 'start_date', 'end_date', 'illustrative', 'position', 'code'),
      resolve: (r, _args, ctx) => {
        const actions = actionsOf(r);
        return { ...countByHealth(actions.map(healthInput), ctx.today), illustrative: actions.some((a) => a.illustrative) };
      },
    },
    actionCounts: {
      plan: (s) => void s.rel('orientations').col('position', 'code').rel('actions').col('status', 'progress', 'start_date', 'end_date', 'illustrative', 'position', 'code'),
      resolve: (r, _args, ctx) =>
        countActions(actionsOf(r).map((a) => ({ status: a.status, health: actionHealth(healthInput(a), ctx.today), illustrative: a.illustrative }))),
    },
    orientations: connection(
      (s) => s.rel('orientations').col('id', 'parent_id', 'position', 'code'),
      (r, args) => (args.all ? readingOrder(orientationsOf(r), (o) => o.id, (o) => o.parent_id) : orientationsOf(r).filter((o) => o.parent_id === null)),
    ),
    actions: connection((s) => s.rel('orientations').col('position', 'code').rel('actions').col('position', 'code'), (r) => sorted(actionsOf(r), byCode)),
    indicators: connection(indicatorList, (r) => sorted(r.indicators, byPosition)),
  },
  Orientation: {
    id: globalId('Orientation'),
    code: column('code'),
    title: column('title'),
    description: column('description'),
    easyRead: column('easy_read'),
    objectives: column('objectives'),
    weight: column('weight'),
    position: column('position'),
    depth: column('depth'),
    level: { plan: (s) => void (s.col('depth'), s.parent!.col('levels')), resolve: (o) => o.$scheme.levels[o.depth] ?? null },
    illustrative: { plan: (s) => void s.parent!.col('illustrative'), resolve: (o) => o.$scheme.illustrative ?? false },
    progress: { plan: (s) => void (s.col('id'), planProgress(s.parent!)), resolve: (o) => roundPercent(treeProgress(o.$scheme).byOrientation.get(o.id) ?? null) },
    children: connection((s) => s.col('id', 'parent_id'), (o) => orientationsOf(o.$scheme).filter((c) => c.parent_id === o.id)),
    actions: connection((s) => s.rel('actions').col('position', 'code'), (o) => sorted(o.actions, byPosition, byCode)),
    indicators: connection(indicatorList, (o) => sorted(o.indicators, byPosition)),
  },
  Action: {
    id: globalId('Action'),
    code: column('code'),
    title: column('title'),
    description: column('description'),
    easyRead: column('easy_read'),
    objectives: column('objectives'),
    expectedResults: column('expected_results'),
    territoryCodes: column('territories'),
    startDate: column('start_date'),
    endDate: column('end_date'),
    priority: column('priority'),
    status: column('status'),
    recordedProgress: column('progress'),
    weight: column('weight'),
    position: column('position'),
    illustrative: column('illustrative'),
    progress: { plan: (s) => void s.col('status', 'progress'), resolve: (a) => roundPercent(effectiveProgress({ status: a.status, progress: a.progress })) },
    health: { plan: (s) => void s.col('status', 'progress', 'start_date', 'end_date'), resolve: (a, _args, ctx) => actionHealth(healthInput(a), ctx.today) },
    alerts: {
      plan: (s) => void (s.col('status', 'end_date'), s.flags.add('lastUpdateDate')),
      resolve: (a, _args, ctx) => actionAlerts({ status: a.status, endDate: a.end_date, lastUpdateDate: a.last_update_date ?? null }, ctx.today),
    },
    lastUpdateDate: { plan: (s) => void s.flags.add('lastUpdateDate'), resolve: (a) => a.last_update_date ?? null },
    indicators: connection(indicatorList, (a) => sorted(a.indicators, byPosition)),
  },
  Indicator: {
    id: globalId('Indicator'),
    code: column('code'),
    name: column('name'),
    definition: column('definition'),
    type: column('type'),
    unit: column('unit'),
    direction: column('direction'),
    periodicity: column('periodicity'),
    source: column('source'),
    aggregation: column('aggregation'),
    sharedCode: column('shared_code'),
    position: column('position'),
    illustrative: column('illustrative'),
    baseline: datedValue('baseline'),
    target: datedValue('target'),
    // The values the one rule of values stored at write time (indicator_current, and for a territory the row
    // of indicator_period_value flagged current): read as stored, computed nowhere here. The series
    // (valueFor, measurements) go to graphql-js.
    currentValue: {
      plan: (s, args) => {
        if (args.territory !== undefined && args.territory !== null) {
          s.territories.add(args.territory as string);
          s.rel('current').col('indicator_id');
        } else s.rel('current').col('indicator_id', ...VALUE_COLUMNS);
      },
      resolve: (r, args) => {
        const row = stored(r);
        if (args.territory === undefined || args.territory === null) return row;
        const territory = args.territory as string;
        return (r.territory_current as Record<string, unknown> | undefined)?.[territory] ?? notKnownValue(null, territory);
      },
    },
    completionRate: { plan: (s) => void s.rel('current').col('indicator_id', 'completion_rate'), resolve: (r) => stored(r).completion_rate },
    latestMeasurement: { plan: (s) => s.rel('current').col('indicator_id').rel('latest_measurement'), resolve: (r) => stored(r).latest_measurement },
  },
  IndicatorValue: Object.fromEntries(VALUE_COLUMNS.map((f) => [f, property(f)])),
  Measurement: {
    id: column('id'),
    period: column('period'),
    periodStart: column('period_start'),
    territory: column('territory'),
    revision: column('revision'),
    value: column('value'),
    numerator: column('numerator'),
    denominator: column('denominator'),
    missingReason: column('missing_reason'),
    provisional: column('provisional'),
    source: column('source'),
    comment: column('comment'),
    illustrative: column('illustrative'),
  },
  Alert: {
    code: property('code'),
    message: { resolve: (a, _args, ctx) => a.message[ctx.lang] },
    illustrative: { resolve: () => false },
  },
  IndicatorComparison: {
    ...Object.fromEntries(['department', 'schemeCode', 'value', 'baseline', 'target', 'completionRate', 'population', 'unit', 'illustrative'].map((f) => [f, property(f)])),
    status: property('status'),
    provisional: property('provisional'),
    origin: property('origin'),
    sources: property('sources'),
    departmentName: { resolve: (c) => departmentName(c.department) ?? null },
  },
  // Its other fields are a connection's (CONNECTION_FIELDS).
  IndicatorComparisonConnection: { departmentsWithValue: { resolve: (c) => (c.coverage as { withValue: number }).withValue } },
  ActionCounts: Object.fromEntries(['total', 'illustrative', 'byStatus', 'byHealth'].map((f) => [f, property(f)])),
  StatusCount: { status: property('key'), count: property('count'), illustrative: property('illustrative') },
  HealthCount: { health: { resolve: (c) => (c.key === 'unknown' ? null : c.key) }, count: property('count'), illustrative: property('illustrative') },
  HealthSummary: Object.fromEntries(['onTrack', 'behind', 'atRisk', 'unknown', 'illustrative'].map((f) => [f, property(f)])),
  Period: { start: property('start'), end: property('end') },
  Adoption: { date: property('date'), reference: property('reference') },
  DatedValue: { value: property('value'), date: property('date'), illustrative: property('illustrative'), source: property('source') },
  PageInfo: Object.fromEntries(['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'].map((f) => [f, property(f)])),
};

/** Connection and edge types (`SchemeConnection`, `SchemeEdge`…): what pagination built, read as it is. */
const CONNECTION_FIELDS: Record<string, FieldSpec> = {
  totalCount: property('totalCount'),
  pageInfo: property('pageInfo'),
  edges: property('edges'),
  nodes: { resolve: (c) => (c.edges as { node: unknown }[]).map((e) => e.node) },
};
const EDGE_FIELDS: Record<string, FieldSpec> = { cursor: property('cursor'), node: property('node') };

function specOf(type: GraphQLObjectType, field: string): FieldSpec {
  const spec = SPECS[type.name]?.[field] ?? (type.name.endsWith('Connection') ? CONNECTION_FIELDS[field] : type.name.endsWith('Edge') ? EDGE_FIELDS[field] : undefined);
  if (!spec) throw new NotCompiled(`${type.name}.${field}`);
  return spec;
}

/** How a root field loads its value once its selection is compiled into a shape. */
interface RootSpec {
  /** The shape its node type plans into (none when the value does not come from a tree read). */
  shape?: () => Shape;
  load(args: Args, shape: Shape | undefined, ctx: Context): Promise<unknown>;
}

// A measurement asked for only by its presence (`latestMeasurement { __typename }`) still needs a column.
const latestColumns = (s: Shape) => (s.columns.size ? [...s.columns] : ['indicator_id']) as NonNullable<NonNullable<IndicatorShape['current']>['latestMeasurement']>['columns'];

/** A compiled shape as the core's tree read takes it. */
function treeShape(scheme: Shape): SchemeTreeShape {
  const current = (s: Shape | undefined): IndicatorShape['current'] =>
    s && { columns: [...s.columns] as NonNullable<IndicatorShape['current']>['columns'], ...(s.relations.has('latest_measurement') ? { latestMeasurement: { columns: latestColumns(s.relations.get('latest_measurement')!) } } : {}) };
  const indicators = (s: Shape | undefined): IndicatorShape | undefined =>
    s && {
      columns: [...s.columns] as IndicatorShape['columns'],
      ...(s.relations.has('current') ? { current: current(s.relations.get('current')) } : {}),
      ...(s.territories.size ? { territoryCurrent: [...s.territories] } : {}),
    };
  const actions = (s: Shape | undefined): ActionShape | undefined =>
    s && { columns: [...s.columns] as ActionShape['columns'], lastUpdateDate: s.flags.has('lastUpdateDate'), indicators: indicators(s.relations.get('indicators')) };
  const orientations = (s: Shape | undefined): OrientationShape | undefined =>
    s && { columns: [...s.columns] as OrientationShape['columns'], actions: actions(s.relations.get('actions')), indicators: indicators(s.relations.get('indicators')) };
  return { scheme: [...scheme.columns] as SchemeTreeShape['scheme'], orientations: orientations(scheme.relations.get('orientations')), indicators: indicators(scheme.relations.get('indicators')) };
}

/** Link the rows of a tree read to their scheme (orientations and actions read the scheme's levels and roll-up). */
function linkTree(schemes: Row[]): Row[] {
  for (const scheme of schemes) {
    for (const o of (scheme.orientations ?? []) as Row[]) {
      o.$scheme = scheme;
      for (const a of (o.actions ?? []) as Row[]) a.$scheme = scheme;
    }
  }
  return schemes;
}

const schemeShape = () => new Shape().col('id');

const ROOTS: Record<string, RootSpec> = {
  schemes: {
    shape: schemeShape,
    load: (args, shape, ctx) => {
      const filter = args.filter as { departments?: string[] | null; regions?: string[] | null; statuses?: SchemeStatus[] | null; text?: string | null } | null | undefined;
      // Checked as listSchemes checks them (a malformed code throws, and graphql-js answers the VALIDATION error).
      const departments = resolveDepartmentFilter({ departments: filter?.departments, regions: filter?.regions }, ctx.lang);
      return pagedConnection(args as ConnectionArgs, ctx.lang, async (page) => {
        if (departments?.size === 0) return { items: [], totalCount: 0 };
        const { rows, totalCount } = await readSchemeTrees(
          ctx.readDb,
          { filter: { departments: departments ? [...departments] : undefined, statuses: filter?.statuses ?? undefined, text: filter?.text ?? undefined, visibility: ctx.visibility, lang: ctx.lang }, page },
          treeShape(shape!),
        );
        return { items: linkTree(rows), totalCount };
      });
    },
  },
  scheme: {
    shape: schemeShape,
    load: async (args, shape, ctx) => {
      const { rows } = await readSchemeTrees(ctx.readDb, { codes: [args.code as string], visibility: ctx.visibility }, treeShape(shape!));
      return linkTree(rows)[0] ?? null;
    },
  },
  // The resolver's own loader (comparison.ts): core's comparison over the values the one rule stored.
  compareIndicator: { load: (args, _shape, ctx) => comparisonConnection(args as unknown as ComparisonArgs, ctx) },
};

type Complete = (value: unknown, ctx: Context) => unknown;

/** One compiled operation: its root fields, each with its shape and the function that completes its value. */
interface CompiledOperation {
  readonly roots: { key: string; spec: RootSpec; args: Args; shape: Shape | undefined; complete: Complete }[];
}

class Compiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Args,
  ) {}

  /** The fields of `sets` for an object type, merged by response key in order, as graphql-js collects them. */
  collect(type: GraphQLObjectType, sets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
    const fields = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (!this.included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const list = fields.get(key);
          if (list) list.push(selection);
          else fields.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.matches(selection.typeCondition?.name.value, type)) visit(selection.selectionSet);
        } else {
          const name = selection.name.value;
          if (visited.has(name)) continue;
          visited.add(name);
          const fragment = this.fragments[name];
          if (fragment && this.matches(fragment.typeCondition.name.value, type)) visit(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) visit(set);
    return fields;
  }

  private included(node: Parameters<typeof getDirectiveValues>[1]): boolean {
    if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
  }

  private matches(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition) return true;
    const conditionType = typeFromAST(this.schema, { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: condition } });
    if (!conditionType) return false;
    if (conditionType === type) return true;
    return isAbstractType(conditionType) && this.schema.isSubType(conditionType, type);
  }

  object(type: GraphQLObjectType, sets: readonly SelectionSetNode[], shape: Shape | undefined): Complete {
    const fields = [...this.collect(type, sets)].map(([key, nodes]) => {
      const name = nodes[0]!.name.value;
      if (name === '__typename') return { key, run: () => type.name };
      const def = type.getFields()[name];
      if (!def) throw new NotCompiled(name);
      const spec = specOf(type, name);
      const args = getArgumentValues(def, nodes[0]!, this.variables);
      if (spec.plan && !shape) throw new NotCompiled(`${type.name}.${name} outside a tree read`);
      const childShape = (spec.plan && shape ? spec.plan(shape, args) : undefined) ?? shape;
      const complete = this.value(def.type, nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])), childShape);
      const resolve = spec.resolve;
      return { key, run: (parent: unknown, ctx: Context) => complete(resolve(parent as Row, args, ctx), ctx) };
    });
    return (parent, ctx) => {
      const out: Record<string, unknown> = {};
      for (const field of fields) out[field.key] = field.run(parent, ctx);
      return out;
    };
  }

  value(type: GraphQLOutputType, sets: readonly SelectionSetNode[], shape: Shape | undefined): Complete {
    if (isNonNullType(type)) {
      const inner = this.value(type.ofType, sets, shape);
      return (value, ctx) => {
        // graphql-js would raise an error here: let it.
        if (value === null || value === undefined) throw new NotCompiled('null in a non-null field');
        return inner(value, ctx);
      };
    }
    if (isListType(type)) {
      const item = this.value(type.ofType, sets, shape);
      return (value, ctx) => (value === null || value === undefined ? null : Array.from(value as Iterable<unknown>, (v) => item(v, ctx)));
    }
    if (isLeafType(type)) {
      return (value) => (value === null || value === undefined ? null : type.serialize(value));
    }
    if (isObjectType(type)) {
      const object = this.object(type, sets, shape);
      return (value, ctx) => (value === null || value === undefined ? null : object(value, ctx));
    }
    throw new NotCompiled(`abstract type ${getNamedType(type).name}`);
  }

  operation(operation: OperationDefinitionNode): CompiledOperation {
    const queryType = this.schema.getQueryType();
    if (operation.operation !== 'query' || !queryType) throw new NotCompiled('not a query');
    const roots = [...this.collect(queryType, [operation.selectionSet])].map(([key, nodes]) => {
      const name = nodes[0]!.name.value;
      const spec = ROOTS[name];
      const def = queryType.getFields()[name];
      if (!spec || !def) throw new NotCompiled(name);
      if (nodes.length > 1) throw new NotCompiled('merged root field');
      const shape = spec.shape?.();
      const complete = this.value(def.type, nodes[0]!.selectionSet ? [nodes[0]!.selectionSet] : [], shape);
      return { key, spec, args: getArgumentValues(def, nodes[0]!, this.variables), shape, complete };
    });
    return { roots };
  }
}

/**
 * Compiled operations by operation node (the gateway parses each query text once, so a query asked again
 * brings the same node) and coerced variables: a query is compiled once, not at every request. `null` keeps
 * "graphql-js executes it" (found while compiling). At most {@link PLANS_PER_OPERATION} variable sets per
 * operation, the oldest forgotten first, so that clients varying their variables cannot grow it.
 */
const plans = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; byVariables: Map<string, CompiledOperation | null> }>();
const PLANS_PER_OPERATION = 64;

function compileOnce(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Args): CompiledOperation | null {
  let entry = plans.get(operation);
  if (!entry || entry.schema !== schema) plans.set(operation, (entry = { schema, byVariables: new Map() }));
  const key = JSON.stringify(variables);
  const known = entry.byVariables.get(key);
  if (known !== undefined) return known;
  let compiled: CompiledOperation | null;
  try {
    compiled = new Compiler(schema, fragments, variables).operation(operation);
  } catch (error) {
    if (!(error instanceof NotCompiled)) throw error;
    compiled = null;
  }
  if (entry.byVariables.size >= PLANS_PER_OPERATION) entry.byVariables.delete(entry.byVariables.keys().next().value!);
  entry.byVariables.set(key, compiled);
  return compiled;
}

/**
 * Answer a query from compiled SQL when every field it asks for is compiled, or return undefined so that
 * graphql-js executes it. Never throws: any error, expected or not, is graphql-js's to report.
 *
 * ### Examples
 * ```ts
 * const data = await runCompiled(schema, document, 'Dashboard', variables, ctx);
 * if (data) return { data }; // else: execute(…)
 * ```
 */
export async function runCompiled(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  rawVariables: Args,
  ctx: Context,
): Promise<Record<string, unknown> | undefined> {
  try {
    // Variables coerced as graphql-js does (enum names to values, defaults); invalid ones are graphql-js's to report.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
    if (variables.errors) return undefined;
    const compiled = compileOnce(schema, operation, fragments, variables.coerced);
    if (!compiled) return undefined;
    const data: Record<string, unknown> = {};
    // Root fields of a query run side by side in graphql-js too; each is one statement.
    const values = await Promise.all(compiled.roots.map((root) => root.spec.load(root.args, root.shape, ctx)));
    compiled.roots.forEach((root, i) => void (data[root.key] = root.complete(values[i], ctx)));
    return data;
  } catch {
    return undefined;
  }
}

/** The fragments of a document by name, as {@link runCompiled} takes them. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  return fragments;
}

/** Whether compiled reads are on: `SOSMS_COMPILED_READS=off` turns them off (to compare, or to rule them out). */
export const compiledReadsEnabled = () => process.env.SOSMS_COMPILED_READS !== 'off';

/**
 * The Apollo plugin that answers compiled queries before graphql-js executes them (`responseForOperation`),
 * after parsing, validation and the operation limits.
 *
 * ### Examples
 * ```ts
 * new ApolloServer({ schema, plugins: [compiledReadsPlugin()] });
 * ```
 */
export function compiledReadsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ schema, operation, document, request, contextValue }) {
          if (!compiledReadsEnabled() || operation.operation !== 'query') return null;
          const data = await runCompiled(schema, operation, fragmentsOf(document), (request.variables ?? {}) as Args, contextValue);
          if (!data) return null;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
        },
      };
    },
  };
}
