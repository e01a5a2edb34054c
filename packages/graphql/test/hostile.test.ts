import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '@sosms/core/testing';
import { createGateway } from '../src/server.ts';
import { startTestGateway, type TestGateway } from './helpers.ts';

/** One hostile request and the clean refusal it must get. */
interface HostileCase {
  readonly name: string;
  readonly method?: string;
  readonly search?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly status: number;
  readonly code: string;
}

const json = (value: unknown) => JSON.stringify(value);
const q = (query: string, extra: Record<string, unknown> = {}) => json({ query, ...extra });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let deep = 'name';
for (let i = 0; i < 3; i += 1) deep = `scheme { orientations { nodes { actions { nodes { indicators { nodes { ${deep} } } } } } } }`;

/** The hostile-query table of issue 13: each row is refused with a 4xx, a code and a French message. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'syntax error', body: q('{ schemes { totalCount '), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'syntax error over GET', method: 'GET', search: `?query=${encodeURIComponent('{ schemes {')}`, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'a field repeated 10,000 times', body: q(`{ ${'themes { totalCount } '.repeat(10_000)}}`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'a field repeated 1,000 times in one selection (under the token limit)', body: q(`{ themes { ${'totalCount '.repeat(1_000)}} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '1,000 aliases', body: q(`{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: themes { totalCount }`).join(' ')} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '25 aliases (under the token limit)', body: q(`{ ${Array.from({ length: 25 }, (_, i) => `a${i}: themes { totalCount }`).join(' ')} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '1,000 directives', body: q(`{ themes { totalCount ${'@include(if: true) '.repeat(1_000)}} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '60 directives (under the token limit)', body: q(`{ themes { totalCount ${'@skip(if: false) '.repeat(60)}} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'too deep', body: q(`{ actions(first: 1) { nodes { ${deep} } } }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'too costly', body: q('{ schemes(first: 100) { nodes { actions(first: 100) { nodes { indicators(first: 100) { nodes { name } } } } } } }'), status: 400, code: 'QUERY_TOO_COMPLEX' },
  {
    name: 'fragment cycle',
    body: q('query { themes { ...A } } fragment A on ThemeConnection { totalCount ...B } fragment B on ThemeConnection { totalCount ...A }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  { name: 'unknown field', body: q('{ secrets { password } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'huge string in an unknown argument', body: q(`{ themes(x: "${'a'.repeat(900_000)}") { totalCount } }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'body above 1 MB', body: q(`{ themes { totalCount } } # ${'x'.repeat(1_100_000)}`), status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'batch of 11', body: json(Array.from({ length: 11 }, () => ({ query: '{ themes { totalCount } }' }))), status: 400, code: 'BATCH_TOO_LARGE' },
  { name: 'empty batch', body: '[]', status: 400, code: 'MISSING_QUERY' },
  { name: 'mutation over GET', method: 'GET', search: `?query=${encodeURIComponent('mutation { publishScheme(code: "48-2018-2022") { code } }')}`, status: 405, code: 'MUTATION_OVER_GET' },
  { name: 'text/plain POST', headers: { 'content-type': 'text/plain' }, body: q('{ themes { totalCount } }'), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B%7D', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'invalid JSON', body: '{"query": ', status: 400, code: 'INVALID_JSON' },
  { name: 'JSON that is not an object', body: '"{ themes { totalCount } }"', status: 400, code: 'MISSING_QUERY' },
  { name: 'variables that are not an object', body: q('{ themes { totalCount } }', { variables: [1] }), status: 400, code: 'INVALID_VARIABLES' },
  { name: 'GET variables that are not JSON', method: 'GET', search: `?query=${encodeURIComponent('{ themes { totalCount } }')}&variables=%7Bnope`, status: 400, code: 'INVALID_VARIABLES' },
  { name: 'unknown operation name', body: q('query A { themes { totalCount } }', { operationName: 'B' }), status: 400, code: 'OPERATION_NOT_FOUND' },
  { name: 'subscription', body: q('subscription { themes { totalCount } }'), status: 400, code: 'SUBSCRIPTION_NOT_SUPPORTED' },
  { name: 'unknown persisted query', body: json({ extensions: { persistedQuery: { version: 1, sha256Hash: sha('nope') } } }), status: 404, code: 'PERSISTED_QUERY_NOT_FOUND' },
  { name: 'persisted query with the wrong text', body: json({ query: '{ themes { totalCount } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha('other') } } }), status: 400, code: 'PERSISTED_QUERY_HASH_MISMATCH' },
  { name: 'persisted query hash that is not one', body: json({ extensions: { persistedQuery: { version: 1, sha256Hash: '../../etc' } } }), status: 400, code: 'BAD_REQUEST' },
  { name: 'unknown token', headers: { authorization: 'Bearer sosms_guess' }, body: q('{ themes { totalCount } }'), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'malformed Authorization', headers: { authorization: 'Basic abc' }, body: q('{ themes { totalCount } }'), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'PUT', method: 'PUT', body: q('{ themes { totalCount } }'), status: 405, code: 'METHOD_NOT_ALLOWED' },
];

for (const engine of ENGINES) {
  describe(`hostile queries on ${engine}`, () => {
    let t: TestGateway;
    const cheapMs: number[] = [];
    beforeAll(async () => {
      t = await startTestGateway(engine);
    });
    afterAll(async () => {
      // eslint-disable-next-line no-console
      console.log(`[hostile ${engine}] ${HOSTILE_CASES.length} cases refused cleanly; concurrent cheap query: max ${Math.max(...cheapMs).toFixed(0)} ms`);
      await t?.close();
    });

    const send = (c: HostileCase, lang?: string) =>
      fetch(`${t.url}/graphql${c.search ?? ''}${lang ? `${c.search ? '&' : '?'}lang=${lang}` : ''}`, {
        method: c.method ?? 'POST',
        headers: { ...(c.method === 'GET' ? {} : { 'content-type': 'application/json' }), ...c.headers },
        body: c.method === 'GET' ? undefined : c.body,
      });

    for (const c of HOSTILE_CASES) {
      it(`refuses ${c.name} with ${c.status} ${c.code}, in French then English, while a cheap query answers`, async () => {
        const cheapStarted = performance.now();
        const cheap = fetch(`${t.url}/graphql?query=${encodeURIComponent('{ themes(first: 1) { totalCount } }')}`).then(async (r) => {
          cheapMs.push(performance.now() - cheapStarted);
          return { status: r.status, body: (await r.json()) as any };
        });
        const response = await send(c);
        const body = (await response.json()) as any;
        expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(c.status);
        expect(body.errors[0].extensions.code).toBe(c.code);
        expect(body.errors[0].message).not.toMatch(/Erreur interne|Internal error/);
        expect(body.data ?? null).toBeNull();
        const english = (await (await send(c, 'en')).json()) as any;
        expect(english.errors[0].extensions.code).toBe(c.code);
        if (!['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED'].includes(c.code)) expect(english.errors[0].message).not.toBe(body.errors[0].message);
        expect(Object.keys(english.errors[0].extensions)).not.toContain('sosmsEnglishMessage');
        const answered = await cheap;
        expect(answered.status).toBe(200);
        expect(answered.body.data.themes.totalCount).toBe(18);
      });
    }

    it('answers a batch within the cap, one result per operation', async () => {
      const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json([{ query: '{ themes { totalCount } }' }, { query: '{ schemes { totalCount } }' }]) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as any[];
      expect(body.map((r) => Object.keys(r.data)[0])).toEqual(['themes', 'schemes']);
    });

    it('keeps introspection on by default, whatever NODE_ENV says', async () => {
      // Apollo reads NODE_ENV when it is built: a gateway built under production, on the same store.
      const before = process.env.NODE_ENV;
      process.env.NODE_ENV = 'production';
      let production: Awaited<ReturnType<typeof createGateway>>;
      try {
        production = await createGateway({ store: t.store, log: () => {} });
      } finally {
        process.env.NODE_ENV = before;
      }
      await new Promise<void>((resolve) => production.server.listen(0, '127.0.0.1', resolve));
      try {
        for (const url of [t.url, `http://127.0.0.1:${(production.server.address() as AddressInfo).port}`]) {
          const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: q('{ __schema { queryType { name } } }') });
          expect(response.status).toBe(200);
          expect(((await response.json()) as any).data.__schema.queryType.name).toBe('Query');
        }
      } finally {
        await production.close();
      }
    });

    it('keeps its memory flat under 10,000 distinct bad ids (nothing keyed by client input is kept)', async () => {
      const round = async (from: number) => {
        for (let r = 0; r < 50; r += 1) {
          const ids = Array.from({ length: 100 }, (_, i) => `Invalid global ID ${from + r * 100 + i} ${'x'.repeat(2_000)}`);
          const { body } = await postJson(t.url, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
          expect(body.errors).toHaveLength(100);
          // Through Pothos' own decoding too (a mutation argument), and unknown persisted-query hashes.
          await postJson(t.url, `mutation { updateAction(id: "bad-${from + r}-${'y'.repeat(200)}", input: {}) { id } }`);
          await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json({ extensions: { persistedQuery: { version: 1, sha256Hash: sha(`${from + r}`) } } }) });
        }
      };
      // Warm-up: code paths, connection pools, caches of fixed size. 10,000 ids of 2 KB kept would be 20 MB.
      await round(0);
      await round(500_000);
      await settle();
      const before = process.memoryUsage();
      await round(1_000_000); // 5,000 more distinct ids
      await round(2_000_000); // and 5,000 more
      await settle();
      const after = process.memoryUsage();
      const heapMb = (after.heapUsed - before.heapUsed) / 1e6;
      const rssMb = (after.rss - before.rss) / 1e6;
      // eslint-disable-next-line no-console
      console.log(`[memory ${engine}] 10,000 distinct bad ids: heap ${heapMb.toFixed(1)} MB, resident ${rssMb.toFixed(1)} MB`);
      expect(heapMb).toBeLessThan(5);
      // The heap after collection is the signal: the old map of English messages kept 100 MB per 150 requests.
      // Resident memory of this process (server, PGlite and the test's own HTTP client together) moves by
      // 10 to 20 MB either way from allocator noise, so it is only bounded loosely.
      expect(rssMb).toBeLessThan(40);
    }, 180_000);

    it('answers NOT_FOUND for each crafted global id alone, the others intact', async () => {
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      const { body: schemes } = await postJson(t.url, '{ schemes(first: 2) { nodes { id code } } }');
      const [first, second] = schemes.data.schemes.nodes;
      const draft = second.code;
      await t.store.db.updateTable('scheme').set({ status: 'draft' }).where('code', '=', draft).execute();
      try {
        const ids = [first.id, b64('Secret:1'), 'not base64 at all ✗', b64('Scheme:00000000-0000-0000-0000-000000000000'), second.id, b64('Scheme')];
        const { status, body } = await postJson(t.url, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Scheme { code } } }', { ids });
        expect(status).toBe(200);
        expect(body.data.nodes).toEqual([{ id: first.id, code: first.code }, null, null, null, null, null]);
        expect(body.errors.map((e: any) => [e.path, e.extensions.code])).toEqual([1, 2, 3, 4, 5].map((i) => [['nodes', i], 'NOT_FOUND']));
        for (const id of ids.slice(1)) {
          const one = await postJson(t.url, 'query ($id: ID!) { node(id: $id) { id } }', { id });
          expect(one.body.data.node).toBeNull();
          expect(one.body.errors[0].extensions.code).toBe('NOT_FOUND');
        }
      } finally {
        await t.store.db.updateTable('scheme').set({ status: 'in_force' }).where('code', '=', draft).execute();
      }
    });
  });
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Collect garbage and give freed pages time to go back to the system, so that resident memory means something. */
async function settle(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 300));
  gc();
}

async function postJson(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json({ query, variables }) });
  return { status: response.status, body: (await response.json()) as any };
}
