import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '@sosms/core';
import { ENGINES } from '@sosms/core/testing';
import { DEFAULT_LIMITS } from '../src/limits.ts';
import { DIRECT_ACCEPT_HEADERS } from '../src/direct-answer.ts';
import { exampleOperations, startTestGateway, type TestGateway } from './helpers.ts';

/*
 * Compiled queries answered by the HTTP layer without Apollo (src/direct-answer.ts) must be Apollo's answer,
 * byte for byte, headers included: every request below is sent with compiled reads on (answered directly
 * when it can be) and off (Apollo and graphql-js), and both answers must be the same.
 */

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}

/** A request through node:http, which adds no Accept or Accept-Encoding header of its own (fetch would). */
function request(url: string, method: 'GET' | 'POST', body: string | undefined, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const kept = ['content-type', 'content-length', 'cache-control', 'etag', 'vary', 'content-encoding'];
        resolve({ status: res.statusCode!, headers: Object.fromEntries(kept.map((h) => [h, res.headers[h] as string | undefined])), body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Headers Apollo negotiates that the table does not know: they must go to Apollo, the same answer either way.
const OTHER_ACCEPT_HEADERS = ['text/html', 'application/json;q=0.5, application/graphql-response+json;q=0.8', 'application/xml'];

for (const engine of ENGINES) {
  describe(`direct answers of compiled queries on ${engine}`, () => {
    let t: TestGateway;
    let token: string;
    beforeAll(async () => {
      t = await startTestGateway(engine);
      token = (await createToken(t.store.db, { label: 'Équipe 48', role: 'editor', departments: ['48'] })).secret;
    });
    afterAll(() => t?.close());

    async function both(method: 'GET' | 'POST', query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
      const url = method === 'GET' ? `${t.url}/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}` : `${t.url}/graphql`;
      const body = method === 'POST' ? JSON.stringify({ query, variables }) : undefined;
      const from = t.logs.length;
      const direct = await request(url, method, body, headers);
      const answeredBy = t.logs.slice(from).find((entry) => entry.msg === 'request')?.answeredBy;
      process.env.SOSMS_COMPILED_READS = 'off';
      try {
        return { direct, apollo: await request(url, method, body, headers), answeredBy };
      } finally {
        delete process.env.SOSMS_COMPILED_READS;
      }
    }

    it('answers the example queries as Apollo does, for every Accept header, GET and POST, with or without a token', async () => {
      let directly = 0;
      for (const op of exampleOperations()) {
        for (const accept of [...DIRECT_ACCEPT_HEADERS, ...OTHER_ACCEPT_HEADERS]) {
          for (const method of ['GET', 'POST'] as const) {
            for (const auth of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
              const headers: Record<string, string> = { ...auth, ...(accept === undefined ? {} : { accept }) };
              const { direct, apollo, answeredBy } = await both(method, op.query, op.variables, headers);
              const label = `${op.name} ${method} accept=${String(accept)} ${Object.keys(auth).length ? 'token' : 'anonymous'}`;
              expect(direct, label).toEqual(apollo);
              if (answeredBy === 'compiled') directly += 1;
              // Headers the table does not know are Apollo's to negotiate.
              if (OTHER_ACCEPT_HEADERS.includes(accept!)) expect(answeredBy, label).toBeUndefined();
            }
          }
        }
      }
      // The dashboard and the comparison are compiled: answered directly for every known header, method and caller.
      expect(directly).toBeGreaterThanOrEqual(2 * DIRECT_ACCEPT_HEADERS.length * 2 * 2);
    });

    it('leaves to Apollo what it must report: invalid documents, limits, bad variables, fields compiled reads do not know', async () => {
      const cases: [string, Record<string, unknown>][] = [
        ['{ schemes { nodes { cod } } }', {}],
        // One alias over the limit (graphql-armor's rule, which Apollo runs).
        [`{ schemes { nodes { ${Array.from({ length: DEFAULT_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: code`).join(' ')} } } }`, {}],
        ['query Q($first: Int) { schemes(first: $first) { totalCount } }', { first: 'dix' }],
        ['{ schemes(first: 1000) { totalCount } }', {}],
        ['{ __schema { queryType { name } } }', {}],
        ['{ schemes(first: 1) { nodes { code indicators { nodes { valueFor(period: "2024") { value } } } } } }', {}],
      ];
      for (const [query, variables] of cases) {
        const { direct, apollo, answeredBy } = await both('POST', query, variables, { accept: 'application/json' });
        expect(direct, query).toEqual(apollo);
        expect(answeredBy, query).toBeUndefined();
      }
    });
  });
}
