import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, importSchemeFile, loadDemoSchemes, type Store } from '@sosms/core';
import { ENGINES, openTestStore, seededRandom } from '@sosms/core/testing';
import { getOperationAST, parse } from 'graphql';
import { executeQuery } from '../src/index.ts';
import { runCompiled } from '../src/compiled.ts';
import { authenticate, createContext } from '../src/context.ts';
import { schema } from '../src/schema/index.ts';
import { exampleOperations } from './helpers.ts';

/*
 * Compiled reads (src/compiled.ts) must answer exactly as graphql-js does: every query below runs with
 * compiled reads on and off (SOSMS_COMPILED_READS=off) and both answers must be the same text.
 */


const FIELDS = {
  Measurement: ['id', 'period', 'periodStart', 'territory', 'revision', 'value', 'numerator', 'denominator', 'missingReason', 'provisional', 'source', 'comment', 'illustrative', '__typename'],
  Indicator: ['id', 'code', 'name', 'definition', 'type', 'unit', 'direction', 'periodicity', 'source', 'aggregation', 'sharedCode', 'position', 'illustrative', 'baseline { value date illustrative source }', 'target { value date illustrative source }'],
  Action: ['id', 'code', 'title', 'description', 'easyRead', 'objectives', 'expectedResults', 'territoryCodes', 'startDate', 'endDate', 'priority', 'status', 'recordedProgress', 'weight', 'position', 'illustrative', 'progress', 'health', 'lastUpdateDate', 'alerts { code message illustrative }'],
  Orientation: ['id', 'code', 'title', 'description', 'easyRead', 'objectives', 'weight', 'position', 'depth', 'level', 'illustrative', 'progress'],
  // predecessorCode is read by graphql-js: it comes from scheme_predecessor, filtered by the reader's visibility.
  Scheme: ['id', 'code', 'title', 'departments', 'status', 'levels', 'summary', 'easyRead', 'legalBasis', 'sourceUrl', 'published', 'illustrative', 'progress', 'period { start end }', 'adoption { date reference }', 'healthSummary { onTrack behind atRisk unknown illustrative }', 'actionCounts { total illustrative byStatus { status count illustrative } byHealth { health count illustrative } }'],
} as const;

const VALUE_FIELDS = ['status', 'value', 'numerator', 'denominator', 'period', 'territory', 'provisional', 'illustrative', 'sources', 'origin'];
/** Territories measured in the real schemes (départements, a region), and some with nothing. */
const TERRITORIES = ['dep:48', 'dep:92', 'dep:78', 'dep:72', 'dep:77', 'reg:11', 'dep:13', 'sst-inconnu'];

/** A random selection of compiled fields, nested down to measurements, with aliases, fragments, directives and pages. */
function randomQuery(next: () => number): string {
  // Aliases numbered in order: two different fields never share one (GraphQL would refuse the query).
  let alias = 0;
  const pick = (fields: readonly string[]) => fields.filter(() => next() < 0.35).map((f) => (next() < 0.1 && !f.includes('{') && f !== '__typename' ? `a${alias++}: ${f}` : f));
  const page = () => (next() < 0.3 ? `(first: ${1 + Math.floor(next() * 4)}${next() < 0.3 ? ', after: "T2Zmc2V0Q29ubmVjdGlvbjow"' : ''})` : '');
  const connection = (inner: string, args = page()) => {
    const shape = next();
    if (shape < 0.15) return `${args} { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${inner} } } }`;
    if (shape < 0.25) return `${args} { ... on ${'X'}Connection { nodes { ${inner} } } }`;
    return `${args} { totalCount nodes { ${inner} } }`;
  };
  const wrap = (typename: string, fields: string[]) => {
    const body = fields.length ? fields.join(' ') : '__typename';
    return next() < 0.2 ? `... on ${typename} { ${body} } tn: __typename` : body;
  };
  const measurement = wrap('Measurement', pick(FIELDS.Measurement));
  // Stored values (currentValue, a territory's too, completionRate, latestMeasurement) are compiled; series
  // (valueFor, measurements) go through graphql-js and the rule.
  const territoryValue = () => `t${alias++}: currentValue(territory: "${TERRITORIES[Math.floor(next() * TERRITORIES.length)]}") { ${pick(VALUE_FIELDS).join(' ') || '__typename'} }`;
  const values = [`latestMeasurement { ${measurement} }`, `currentValue { ${pick(VALUE_FIELDS).join(' ') || '__typename'} }`, 'completionRate', territoryValue(), territoryValue()].filter(() => next() < 0.4);
  const indicator = wrap('Indicator', [...pick(FIELDS.Indicator), ...values]);
  const action = wrap('Action', [...pick(FIELDS.Action), ...(next() < 0.7 ? [`indicators${connection(indicator).replace('XConnection', 'IndicatorConnection')}`] : []), ...(next() < 0.1 ? ['skipped: code @skip(if: true)'] : [])]);
  const orientation = wrap('Orientation', [
    ...pick(FIELDS.Orientation),
    ...(next() < 0.7 ? [`actions${connection(action).replace('XConnection', 'ActionConnection')}`] : []),
    ...(next() < 0.3 ? [`children { nodes { code progress } }`] : []),
    ...(next() < 0.3 ? [`indicators { nodes { ${indicator} } }`] : []),
  ]);
  const scheme = [
    ...pick(FIELDS.Scheme),
    ...(next() < 0.8 ? [`orientations${connection(orientation, next() < 0.5 ? '(all: true)' : page()).replace('XConnection', 'OrientationConnection')}`] : []),
    ...(next() < 0.3 ? [`actions(first: 3) { nodes { code } }`] : []),
    ...(next() < 0.3 ? [`indicators { nodes { ${indicator} } }`] : []),
  ];
  const root = next() < 0.2 ? `scheme(code: "48-2018-2022") { ${wrap('Scheme', scheme)} }` : `schemes${page()} { totalCount nodes { ${wrap('Scheme', scheme)} } }`;
  return `query Random { ${root} }`;
}

/** A scheme in draft of the département 48 (hidden from anonymous readers). */
const DRAFT = {
  scheme: { code: '48-2028-2032', title: 'Schéma en préparation', departments: ['48'], period: { start: 2028, end: 2032 }, status: 'draft' as const, illustrative: true },
  orientations: [{ code: '1', title: 'Orientation', actions: [{ code: '1.1', title: 'Action', status: 'planned' as const, illustrative: true }] }],
};

for (const engine of ENGINES) {
  describe(`compiled reads on ${engine}`, () => {
    let store: Store;
    let token: string;
    const statements: string[] = [];
    let counting = false;
    beforeAll(async () => {
      store = await openTestStore(engine, { onQuery: (sql) => void (counting && statements.push(sql)) });
      await loadDemoSchemes(store.db);
      await importSchemeFile(store.db, DRAFT);
      token = (await createToken(store.db, { label: 'Équipe 48', role: 'editor', departments: ['48'] })).secret;
    });
    afterAll(() => store?.close());

    /** The answer with compiled reads on, the answer with them off, and the statements of the compiled one. */
    async function both(query: string, variables: Record<string, unknown> = {}, options: { token?: string } = {}) {
      statements.length = 0;
      counting = true;
      const compiled = JSON.stringify(await executeQuery(store.db, query, variables, { today: '2026-11-23', ...options }));
      counting = false;
      const count = statements.length;
      process.env.SOSMS_COMPILED_READS = 'off';
      try {
        const reference = JSON.stringify(await executeQuery(store.db, query, variables, { today: '2026-11-23', ...options }));
        return { compiled, reference, statements: count };
      } finally {
        delete process.env.SOSMS_COMPILED_READS;
      }
    }

    it('answers the example queries as graphql-js does', async () => {
      for (const op of exampleOperations()) {
        const { compiled, reference } = await both(op.query, op.variables);
        expect(compiled, op.name).toBe(reference);
      }
    });

    it('reads a dashboard with its indicators\' stored values in one statement; comparisons read the values the one rule stored', async () => {
      const [dashboard, compare] = exampleOperations();
      expect(dashboard!.query).toMatch(/latestMeasurement \{/);
      expect((await both(dashboard!.query, dashboard!.variables)).statements).toBe(1);
      // A territory's current value: the rows the one rule stored for it, in the same one statement.
      const territoryValue = 'currentValue(territory: "dep:92") { status value period territory origin provisional illustrative sources }';
      const withTerritory = `{ schemes(first: 20) { nodes { code indicators { nodes { code ${territoryValue} } } orientations(all: true) { nodes {
        indicators { nodes { code ${territoryValue} at78: currentValue(territory: "dep:78") { status value period } } }
        actions { nodes { indicators { nodes { code ${territoryValue} } } } } } } } } }`;
      const territoryAnswers = await both(withTerritory);
      expect(territoryAnswers.compiled).toBe(territoryAnswers.reference);
      expect(territoryAnswers.compiled).toContain('"status":"KNOWN"');
      expect(territoryAnswers.statements).toBe(1);
      // compareIndicator: its indicators with their stored values of the period (indicator_period_value).
      expect((await both(compare!.query, compare!.variables)).statements).toBe(1);
      // … and compiled: answered without graphql-js executing it field by field.
      const operation = getOperationAST(parse(compare!.query))!;
      expect(await runCompiled(schema, operation, {}, compare!.variables, createContext(store.db, { today: '2026-11-23' }))).toBeDefined();
    });

    it('answers 80 random selections as graphql-js does, each in one statement', async () => {
      const next = seededRandom(11);
      for (let i = 0; i < 80; i += 1) {
        const query = randomQuery(next);
        const { compiled, reference, statements: count } = await both(query);
        expect(compiled, query).toBe(reference);
        expect(reference, query).not.toContain('"errors"');
        expect(count, query).toBe(1);
      }
    });

    it('keeps drafts out of anonymous answers and shows them to their département, inside the statement', async () => {
      const query = '{ schemes(filter: { departments: ["48"] }) { totalCount nodes { code status orientations { nodes { code actions { nodes { code } } } } } } draft: scheme(code: "48-2028-2032") { code } }';
      const anonymous = await both(query);
      expect(anonymous.compiled).toBe(anonymous.reference);
      expect(anonymous.compiled).not.toContain('48-2028-2032');
      expect(anonymous.statements).toBe(2);
      const withToken = await both(query, {}, { token });
      expect(withToken.compiled).toBe(withToken.reference);
      expect(withToken.compiled).toContain('"draft":{"code":"48-2028-2032"}');
    });

    it('compiles an operation once and answers each set of variables and each caller as graphql-js does', async () => {
      const query = 'query ($d: [String!], $first: Int) { schemes(filter: { departments: $d }, first: $first) { totalCount nodes { code status } } }';
      const operation = getOperationAST(parse(query))!;
      const cases = [{ d: ['48'] }, { d: ['92'], first: 1 }, { d: ['48'] }, { d: ['92'], first: 1 }, {}];
      for (const [i, variables] of cases.entries()) {
        const options = i % 2 ? {} : { token };
        // The same operation node each time, as the gateway gives it for a query text it has parsed once.
        const ctx = createContext(store.db, { today: '2026-11-23', ...(i % 2 ? {} : { principal: ((await authenticate(store.db, `Bearer ${token}`)) as { principal?: undefined }).principal }) });
        const data = await runCompiled(schema, operation, {}, variables, ctx);
        process.env.SOSMS_COMPILED_READS = 'off';
        try {
          const reference = (await executeQuery(store.db, query, variables, { today: '2026-11-23', ...options })) as { data: unknown };
          expect(JSON.stringify({ data }), JSON.stringify(variables)).toBe(JSON.stringify(reference));
        } finally {
          delete process.env.SOSMS_COMPILED_READS;
        }
      }
    });

    it('leaves errors and unknown fields to graphql-js', async () => {
      for (const query of [
        '{ schemes(first: 500) { nodes { code } } }',
        '{ schemes(first: 1) { nodes { code updatedAt } } }',
        '{ schemes(first: 1) { nodes { code orientations { nodes { scheme { code } } } } } }',
        'query ($s: [SchemeStatus!]) { schemes(filter: { statuses: $s }) { totalCount } }',
      ]) {
        const { compiled, reference } = await both(query, { s: ['NOT_A_STATUS'] });
        expect(compiled, query).toBe(reference);
      }
    });
  });
}
