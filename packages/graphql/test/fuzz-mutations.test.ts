/**
 * A seeded fuzzer over GraphQL mutation inputs, through the real gateway on every engine: valid
 * variables of a dozen mutations mutated in one to three hostile ways (NUL, lone surrogates, long
 * texts, dates out of range, integers beyond int4, wrong types, odd keys, deep nesting). For each case:
 * no « Erreur interne », every error carries a client code (VALIDATION with issues that each have a
 * path, or BAD_USER_INPUT naming the variable), and a refused mutation writes nothing but its refusal
 * row in the audit log (each table's row count and newest row version after every refusal, the full
 * checksum of every table after every accepted mutation and every 25 refusals). Replay a run with `SOSMS_FUZZ_SEED=<seed> SOSMS_FUZZ_CASES=<n>`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createToken, parseSchemeFile } from '@sosms/core';
import { ENGINES } from '@sosms/core/testing';
import { dangerousText, fuzzCases, fuzzSeed, mutate, Random } from '../../core/test/fuzz/generate.ts';
import { allTables, snapshot, writeStamps } from '../../core/test/read/fixture.ts';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const SEED = fuzzSeed(20_261_202);
const CASES = fuzzCases(500);
const LOZERE = '48-2018-2022';

/** Error codes a client can act on; anything else (INTERNAL_SERVER_ERROR above all) is a crash. */
const CLIENT_CODES = new Set(['VALIDATION', 'BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'INVALID_VARIABLES', 'BODY_TOO_LARGE']);

interface Operation {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

for (const engine of ENGINES) {
  describe(`mutation fuzzer through the gateway on ${engine}`, () => {
    let t: TestGateway;
    let secret: string;
    let tables: string[];
    let operations: Operation[];

    beforeAll(async () => {
      t = await startTestGateway(engine);
      const parsed = await parseSchemeFile(new URL('../../core/data/schemes/92-sosms-2024-2028.yaml', import.meta.url).pathname);
      if (!parsed.ok) throw new Error('92-sosms-2024-2028.yaml');
      const file = parsed.data as any;
      const hauts = file.scheme.code as string;
      secret = (await createToken(t.store.db, { label: 'Fuzz', role: 'editor', departments: ['48', '92'] })).secret;
      const { body } = await post(
        t.url,
        `query ($code: String!) { scheme(code: $code) { actions(first: 1) { nodes { id code orientation { code } } } } indicators(filter: { departments: ["92"] }, first: 1) { nodes { id code } } }`,
        { code: hauts },
        { authorization: `Bearer ${secret}` },
      );
      const action = body.data.scheme.actions.nodes[0];
      const indicator = body.data.indicators.nodes[0];
      // The audit log takes a refusal row by design (its accepted rows are counted apart); a token's
      // last use may be recorded on every request.
      tables = (await allTables(t.store.db)).filter((name) => name !== 'audit_log' && name !== 'api_token');
      operations = [
        { name: 'createScheme', query: 'mutation ($input: SchemeCreateInput!) { createScheme(input: $input) { code } }', variables: { input: { code: '48-2031-2035', title: 'Schéma des solidarités', departments: ['48'], periodStart: 2031, periodEnd: 2035, status: 'DRAFT', summary: 'Résumé', levels: ['Orientation'] } } },
        { name: 'updateScheme', query: 'mutation ($code: String!, $input: SchemeInput!) { updateScheme(code: $code, input: $input) { code } }', variables: { code: LOZERE, input: { summary: 'Un résumé', easyRead: 'Facile à lire', keyFigures: [{ label: 'Habitants', value: 76_000, year: 2020 }], principles: [{ kind: 'value', text: 'Bienveillance' }] } } },
        { name: 'changeSchemeStatus', query: 'mutation ($code: String!, $input: StatusChangeInput!) { changeSchemeStatus(code: $code, input: $input) { code } }', variables: { code: LOZERE, input: { status: 'DRAFT', changeKind: 'AMENDMENT', changeDate: '2024-06-30', reason: 'Révision' } } },
        { name: 'saveOrientation', query: 'mutation ($schemeCode: String!, $input: OrientationInput!) { saveOrientation(schemeCode: $schemeCode, input: $input) { code } }', variables: { schemeCode: LOZERE, input: { code: 'fz-1', title: 'Orientation', description: 'Texte', objectives: ['Objectif'] } } },
        { name: 'saveAction', query: 'mutation ($schemeCode: String!, $orientationCode: String!, $input: ActionInput!) { saveAction(schemeCode: $schemeCode, orientationCode: $orientationCode, input: $input) { code } }', variables: { schemeCode: hauts, orientationCode: action.orientation.code, input: { code: 'fz-a', title: 'Action', startDate: '2025-01-01', endDate: '2026-12-31', milestones: [{ date: '2025-06-01', title: 'Étape' }], budget: [{ year: 2025, funder: file.partners[0].code, planned: 1000 }], objectives: ['Un objectif'] } } },
        { name: 'updateAction', query: 'mutation ($id: ID!, $input: ActionPatchInput!) { updateAction(id: $id, input: $input) { code } }', variables: { id: action.id, input: { description: 'Nouvelle description', progress: 50, status: 'IN_PROGRESS' } } },
        { name: 'addActionUpdate', query: 'mutation ($id: ID!, $input: ActionUpdateInput!) { addActionUpdate(actionId: $id, input: $input) { text } }', variables: { id: action.id, input: { date: '2025-03-01', kind: 'ACHIEVEMENT', text: 'Fait' } } },
        { name: 'saveIndicator', query: 'mutation ($schemeCode: String!, $input: IndicatorInput!) { saveIndicator(schemeCode: $schemeCode, input: $input) { code } }', variables: { schemeCode: hauts, input: { code: 'fz-i', name: 'Indicateur', unit: 'personnes', baseline: { value: 1, date: '2024-01-01' }, target: { value: 2, date: '2028-12-31' } } } },
        { name: 'recordMeasurement', query: 'mutation ($id: ID!, $input: MeasurementInput!) { recordMeasurement(indicatorId: $id, input: $input) { value } }', variables: { id: indicator.id, input: { period: '2025', territory: 'dep:92', value: 12, comment: 'Relevé' } } },
        { name: 'reviseIndicatorTarget', query: 'mutation ($schemeCode: String!, $code: String!, $date: Date!, $revised: TargetValueInput!, $why: String!) { reviseIndicatorTarget(schemeCode: $schemeCode, indicatorCode: $code, date: $date, revised: $revised, justification: $why) { __typename } }', variables: { schemeCode: hauts, code: indicator.code, date: '2026-01-01', revised: { value: 3, date: '2028-12-31' }, why: 'Nouvelle cible' } },
        { name: 'recordLegalAct', query: 'mutation ($schemeCode: String!, $input: JSON!) { recordLegalAct(schemeCode: $schemeCode, input: $input) { __typename } }', variables: { schemeCode: hauts, input: { ...file.legalTrail[0], code: 'fz-avis' } } },
        { name: 'saveEvaluation', query: 'mutation ($schemeCode: String!, $input: JSON!) { saveEvaluation(schemeCode: $schemeCode, input: $input) { __typename } }', variables: { schemeCode: hauts, input: { ...file.evaluations[0], code: 'fz-eval' } } },
      ];
    }, 180_000);
    afterAll(() => t?.close());

    it(`sends ${CASES} hostile mutation inputs: no internal error, a client error with a path, nothing written on a refusal`, async () => {
      const random = new Random(SEED);
      const failures: string[] = [];
      const tally = { refused: 0, done: 0, internal: 0, partialWrites: 0 };
      const byCode = new Map<string, number>();
      const auditDone = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where outcome = 'done'`.execute(t.store.db)).rows[0]!.n);
      // Each base input is valid: the cases start from what a client really sends.
      for (const operation of operations) {
        const { body } = await post(t.url, operation.query, operation.variables, { authorization: `Bearer ${secret}` });
        expect([operation.name, body.errors]).toEqual([operation.name, undefined]);
      }
      let state = await snapshot(t.store.db, tables);
      let stamps = await writeStamps(t.store.db, tables);
      let checksums = 1;
      let done = await auditDone();

      for (let n = 0; n < CASES; n++) {
        const operation = random.pick(operations);
        const { input, what } = mutate(operation.variables, random, { dangerous: dangerousText });
        const label = `case ${n} (${operation.name}: ${what.join('; ')})`;
        const response = await post(t.url, operation.query, input as Record<string, unknown>, { authorization: `Bearer ${secret}` }).catch((error: unknown) => ({ status: 0, body: { errors: [{ message: String(error) }] } }) as never);
        const errors: any[] = response.body.errors ?? [];
        if (errors.length === 0) {
          tally.done++;
          state = await snapshot(t.store.db, tables);
          stamps = await writeStamps(t.store.db, tables);
          checksums++;
          done = await auditDone();
          continue;
        }
        tally.refused++;
        for (const error of errors) {
          const code = error.extensions?.code as string | undefined;
          byCode.set(code ?? 'none', (byCode.get(code ?? 'none') ?? 0) + 1);
          if (!code || !CLIENT_CODES.has(code) || /Erreur interne/.test(error.message)) {
            tally.internal++;
            failures.push(`${label}: ${response.status} ${code} ${String(error.message).slice(0, 200)}`);
          } else if (code === 'VALIDATION') {
            const issues: any[] = error.extensions.issues ?? [];
            // An empty path is the input itself, of the wrong type (a JSON argument that is not an object).
            if (issues.length === 0 || issues.some((i) => typeof i.path !== 'string' || (i.path === '' && i.code !== 'invalid_type') || !i.message)) failures.push(`${label}: VALIDATION without a path ${JSON.stringify(issues).slice(0, 200)}`);
          } else if (code === 'BAD_USER_INPUT' && !/\$|argument|Argument|ID|id/.test(error.message)) {
            failures.push(`${label}: BAD_USER_INPUT that names no variable: ${String(error.message).slice(0, 200)}`);
          }
        }
        if (response.status >= 500) failures.push(`${label}: HTTP ${response.status}`);
        // After each refusal: every table's write stamp (row count, newest row version) and the audit
        // log's accepted rows; every 25 refusals, the full checksum of every table's contents as well.
        const afterStamps = await writeStamps(t.store.db, tables);
        const after = tally.refused % 25 === 0 ? await snapshot(t.store.db, tables) : state;
        if (after !== state) checksums++;
        if (JSON.stringify(afterStamps) !== JSON.stringify(stamps) || JSON.stringify(after) !== JSON.stringify(state) || (await auditDone()) !== done) {
          tally.partialWrites++;
          failures.push(`${label}: refused, but something was written`);
          state = await snapshot(t.store.db, tables);
          stamps = afterStamps;
          done = await auditDone();
        }
      }
      // eslint-disable-next-line no-console
      console.log(
        `[fuzz mutations ${engine}] seed ${SEED}: ${CASES} inputs over ${operations.length} mutations; refused ${tally.refused} (${[...byCode].map(([c, k]) => `${c} ${k}`).join(', ')}), accepted ${tally.done}; ${checksums} checksums of ${tables.length} tables; internal errors ${tally.internal}, partial writes ${tally.partialWrites}`,
      );
      expect(failures.slice(0, 10)).toEqual([]);
    }, 300_000);
  });
}
