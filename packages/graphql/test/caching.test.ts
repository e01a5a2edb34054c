import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createStore, createToken, loadDemoSchemes, type Store } from '@sosms/core';
import { createTestDatabase, ENGINES, type TestDatabase } from '@sosms/core/testing';
import { readExamples } from '../src/playground.ts';
import { createGateway, type Gateway } from '../src/server.ts';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const QUERY = '{ schemes { totalCount nodes { code title } } }';
const getUrl = (base: string, query: string, extra = '') => `${base}/graphql?query=${encodeURIComponent(query)}${extra}`;
const persistedUrl = (base: string, hash: string) => `${base}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`;

for (const engine of ENGINES) {
  describe(`HTTP caching on ${engine}`, () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway(engine);
    });
    afterAll(() => t?.close());

    it('gives anonymous GET queries an ETag and a short public max-age, and answers 304 to If-None-Match', async () => {
      const first = await fetch(getUrl(t.url, QUERY));
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/"\d+-[0-9a-f]{20}"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=30');
      expect(first.headers.get('vary')).toMatch(/Authorization/);
      const again = await fetch(getUrl(t.url, QUERY), { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      const english = await fetch(getUrl(t.url, QUERY, '&lang=en'), { headers: { 'if-none-match': etag! } });
      expect(english.status).toBe(200);
      expect(english.headers.get('etag')).not.toBe(etag);
    });

    it('changes the ETag after any write, made through SQL as an import would', async () => {
      const first = await fetch(getUrl(t.url, QUERY));
      const etag = first.headers.get('etag')!;
      await sql`update scheme set title = title || ' ' where code = '48-2018-2022'`.execute(t.store.db);
      try {
        const after = await fetch(getUrl(t.url, QUERY), { headers: { 'if-none-match': etag } });
        expect(after.status).toBe(200);
        expect(after.headers.get('etag')).not.toBe(etag);
      } finally {
        await sql`update scheme set title = rtrim(title) where code = '48-2018-2022'`.execute(t.store.db);
      }
    });

    it('never lets a cache keep a token’s answer, nor serves it to an anonymous client', async () => {
      const draftQuery = '{ schemes(filter: { statuses: [DRAFT] }) { totalCount } }';
      await t.store.db.updateTable('scheme').set({ status: 'draft' }).where('code', '=', '48-2018-2022').execute();
      try {
        const { secret } = await createToken(t.store.db, { label: 'cache', role: 'editor', departments: ['48'] });
        const withToken = await fetch(getUrl(t.url, draftQuery), { headers: { authorization: `Bearer ${secret}` } });
        expect(withToken.headers.get('cache-control')).toBe('private, no-store');
        expect(withToken.headers.get('etag')).toBeNull();
        expect(((await withToken.json()) as any).data.schemes.totalCount).toBe(1);
        const anonymous = await fetch(getUrl(t.url, draftQuery), { headers: { 'if-none-match': '*' } });
        expect(anonymous.status).toBe(304);
        const fresh = await fetch(getUrl(t.url, draftQuery));
        expect(((await fresh.json()) as any).data.schemes.totalCount).toBe(0);
        expect(fresh.headers.get('cache-control')).toMatch(/^public/);
      } finally {
        await t.store.db.updateTable('scheme').set({ status: 'in_force' }).where('code', '=', '48-2018-2022').execute();
      }
    });

    it('serves Prometheus metrics: requests by status and code, latency histogram, pool', async () => {
      await fetch(getUrl(t.url, '{ nope }'));
      const response = await fetch(`${t.url}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
      const text = await response.text();
      expect(text).toMatch(/^sosms_http_requests_total\{status="200",code=""\} \d+$/m);
      expect(text).toMatch(/^sosms_http_requests_total\{status="400",code="GRAPHQL_VALIDATION_FAILED"\} \d+$/m);
      expect(text).toMatch(/^sosms_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+$/m);
      expect(text).toMatch(/^sosms_http_requests_in_flight 0$/m);
    });

    it('compresses large answers with brotli or gzip', async () => {
      const dashboard = readExamples().find((e) => e.name.startsWith('01-'))!.query;
      for (const encoding of ['br', 'gzip']) {
        const response = await fetch(getUrl(t.url, dashboard), { headers: { 'accept-encoding': encoding } });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(((await response.json()) as any).errors).toBeUndefined();
      }
      const small = await fetch(getUrl(t.url, '{ themes(first: 1) { totalCount } }'), { headers: { 'accept-encoding': 'br' } });
      expect(small.headers.get('content-encoding')).toBeNull();
    });

    it('serves persisted queries by hash over GET: the examples at once, others once registered', async () => {
      const example = readExamples()[0]!;
      const variables = /# variables: (.*)/.exec(example.query)?.[1] ?? '{}';
      const byHash = await fetch(`${persistedUrl(t.url, sha(example.query))}&variables=${encodeURIComponent(variables)}`);
      const byHashText = await byHash.clone().text();
      expect(byHash.status, byHashText.slice(0, 300)).toBe(200);
      expect(byHash.headers.get('etag'), `${byHash.headers.get('cache-control')} ${byHashText.slice(0, 300)}`).toBeTruthy();
      const text = '{ themes(first: 2) { nodes { code } } }';
      const unknown = await fetch(persistedUrl(t.url, sha(text)));
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const register = await fetch(`${persistedUrl(t.url, sha(text))}&query=${encodeURIComponent(text)}`);
      expect(register.status).toBe(200);
      const known = await fetch(persistedUrl(t.url, sha(text)));
      expect(known.status).toBe(200);
      expect(((await known.json()) as any).data.themes.nodes).toHaveLength(2);
    });
  });
}

describe('locked-down persisted queries', () => {
  let t: TestGateway;
  const allowed = '{ themes(first: 1) { totalCount } }';
  beforeAll(async () => {
    t = await startTestGateway('pglite', { persistedQueries: { only: true, queries: [allowed] } });
  });
  afterAll(() => t?.close());

  it('answers registered hashes only: free text and new registrations are refused', async () => {
    expect((await fetch(persistedUrl(t.url, sha(allowed)))).status).toBe(200);
    const text = '{ schemes { totalCount } }';
    const free = await fetch(getUrl(t.url, text));
    expect(free.status).toBe(400);
    expect(((await free.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    const register = await fetch(`${persistedUrl(t.url, sha(text))}&query=${encodeURIComponent(text)}`);
    expect(register.status).toBe(404);
    expect((await fetch(persistedUrl(t.url, sha(text)))).status).toBe(404);
    // The registered text itself may also come as text.
    expect((await fetch(getUrl(t.url, allowed))).status).toBe(200);
  });
});

/*
 * Several gateways and the CLI write one PostgreSQL: a gateway's 304 uses a read of the data version
 * that started after the request came (shared by the requests waiting, core data-version.ts).
 */
describe.skipIf(!ENGINES.includes('postgres'))('HTTP caching with several writers on PostgreSQL', () => {
  const LOZERE = '48-2018-2022';
  let database: TestDatabase;
  const stores: Store[] = [];
  const gateways: Gateway[] = [];
  let a: string;
  let b: string;
  let editor: string;
  const listen = async (store: Store) => {
    const gateway = await createGateway({ store, log: () => {}, today: () => '2026-11-23' });
    gateways.push(gateway);
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  };
  /** A write by another process: psql, as an operator's script would. */
  const psql = (statement: string) => promisify(execFile)('psql', [database.url, '-v', 'ON_ERROR_STOP=1', '-qc', statement]);
  const lozereTitle = async (response: Response) => ((await response.json()) as any).data.schemes.nodes.find((n: { code: string }) => n.code === LOZERE).title as string;

  beforeAll(async () => {
    database = await createTestDatabase('sosms_caching');
    for (let n = 0; n < 2; n += 1) stores.push(await createStore({ location: database.url }));
    await loadDemoSchemes(stores[0]!.db);
    editor = (await createToken(stores[0]!.db, { label: 'Équipe schéma Lozère', role: 'editor', departments: ['48'] })).secret;
    a = await listen(stores[0]!);
    b = await listen(stores[1]!);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.close();
    for (const store of stores) await store.close();
    await database?.drop();
  });

  /** An ETag of gateway A, answered 304. */
  async function cachedTag(): Promise<string> {
    const first = await fetch(getUrl(a, QUERY));
    const etag = first.headers.get('etag')!;
    const again = await fetch(getUrl(a, QUERY), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    return etag;
  }

  it('answers a write of another process at once: no stale 304', async () => {
    for (let n = 1; n <= 3; n += 1) {
      const etag = await cachedTag();
      await psql(`update scheme set title = 'Schéma de la Lozère, version ${n}' where code = '${LOZERE}'`);
      const after = await fetch(getUrl(a, QUERY), { headers: { 'if-none-match': etag } });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
      expect(await lozereTitle(after)).toBe(`Schéma de la Lozère, version ${n}`);
    }
  });

  it('answers a mutation made through another gateway at once, and one made through itself', async () => {
    for (const [name, url] of [['B', b], ['A', a]] as const) {
      const etag = await cachedTag();
      const { body } = await post(url, `mutation { updateScheme(code: "${LOZERE}", input: { title: "Titre écrit par la passerelle ${name}" }) { title } }`, {}, bearer(editor));
      expect(body.errors).toBeUndefined();
      const after = await fetch(getUrl(a, QUERY), { headers: { 'if-none-match': etag } });
      expect(after.status, `written through ${name}`).toBe(200);
      expect(await lozereTitle(after)).toBe(`Titre écrit par la passerelle ${name}`);
    }
  });

  it('still answers at once when the connection it reads the version on is lost', async () => {
    const etag = await cachedTag();
    await psql(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'sosms data version' and datname = current_database()`);
    await psql(`update scheme set title = 'Écrit après la coupure' where code = '${LOZERE}'`);
    const after = await fetch(getUrl(a, QUERY), { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(await lozereTitle(after)).toBe('Écrit après la coupure');
    await cachedTag();
  });

  it('never answers a token with an anonymous answer’s 304, nor an anonymous client with a token’s answer', async () => {
    const etag = await cachedTag();
    await stores[0]!.db.updateTable('scheme').set({ status: 'draft' }).where('code', '=', LOZERE).execute();
    try {
      const draftQuery = '{ schemes(filter: { statuses: [DRAFT] }) { totalCount } }';
      const anonymousTag = (await fetch(getUrl(a, draftQuery))).headers.get('etag')!;
      const withToken = await fetch(getUrl(a, draftQuery), { headers: { authorization: `Bearer ${editor}`, 'if-none-match': `${anonymousTag}, ${etag}` } });
      expect(withToken.status).toBe(200);
      expect(withToken.headers.get('cache-control')).toBe('private, no-store');
      expect(withToken.headers.get('etag')).toBeNull();
      expect(((await withToken.json()) as any).data.schemes.totalCount).toBe(1);
      for (const url of [a, b]) {
        const anonymous = await fetch(getUrl(url, draftQuery));
        expect(((await anonymous.json()) as any).data.schemes.totalCount).toBe(0);
        if (url === a) expect(anonymous.headers.get('etag')).toBe(anonymousTag);
      }
    } finally {
      await stores[0]!.db.updateTable('scheme').set({ status: 'in_force' }).where('code', '=', LOZERE).execute();
    }
  });
});
