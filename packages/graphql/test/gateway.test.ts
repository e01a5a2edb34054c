import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '@sosms/core/testing';
import { executeQuery } from '../src/index.ts';
import { readExamples } from '../src/playground.ts';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

const variablesOf = (query: string): Record<string, unknown> => {
  const line = /# variables: (.*)/.exec(query);
  return line ? (JSON.parse(line[1]!) as Record<string, unknown>) : {};
};

for (const engine of ENGINES) {
  describe(`gateway on ${engine}`, () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway(engine);
    });
    afterAll(() => t?.close());

    it("returns Lozère's four orientations across schemes (POST)", async () => {
      const { status, body } = await post(
        t.url,
        `query Lozere { schemes(filter: { departments: ["48"] }) { totalCount nodes { code title departments orientations { totalCount nodes { code title depth illustrative } } } } }`,
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const [lozere] = body.data.schemes.nodes;
      expect(body.data.schemes.totalCount).toBe(1);
      expect(lozere.departments).toEqual(['48']);
      expect(lozere.orientations.totalCount).toBe(4);
      expect(lozere.orientations.nodes.every((o: { depth: number }) => o.depth === 0)).toBe(true);
    });

    it('lists the interdepartmental scheme under both 92 and 78', async () => {
      const query = `query ($d: [String!]) { schemes(filter: { departments: $d }) { nodes { code departments } } }`;
      const in92 = (await executeQuery(t.store.db, query, { d: ['92'] })).data as any;
      const in78 = (await executeQuery(t.store.db, query, { d: ['78'] })).data as any;
      const shared = (nodes: { code: string; departments: string[] }[]) => nodes.filter((s) => s.departments.includes('92') && s.departments.includes('78')).map((s) => s.code);
      expect(shared(in92.schemes.nodes)).toHaveLength(1);
      expect(shared(in78.schemes.nodes)).toEqual(shared(in92.schemes.nodes));
      expect(in78.schemes.nodes.map((s: { code: string }) => s.code)).not.toContain('92-2024-2028');
    });

    it('answers GET queries per GraphQL-over-HTTP, with open CORS', async () => {
      const query = encodeURIComponent('query Themes { themes(first: 3) { totalCount nodes { code name } } }');
      const response = await fetch(`${t.url}/graphql?query=${query}`, { headers: { origin: 'https://www.lozere.fr', 'accept-language': 'en' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await response.json()) as any;
      expect(body.data.themes.totalCount).toBe(18);
      expect(body.data.themes.nodes).toHaveLength(3);
      expect(body.data.themes.nodes[0].name).toBe('Access to culture');
    });

    it('answers CORS preflights allowing the Authorization header', async () => {
      const response = await fetch(`${t.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    });

    it('refuses mutations over GET', async () => {
      const query = encodeURIComponent('mutation { publishScheme(code: "48-2018-2022") { code } }');
      const response = await fetch(`${t.url}/graphql?query=${query}`);
      expect(response.status).toBe(405);
    });

    it('reports the database in /healthz', async () => {
      const response = await fetch(`${t.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
    });

    it('serves GraphiQL from the gateway itself, under a strict CSP, offering the example queries', async () => {
      const response = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await response.text();
      const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((s) => s !== 'data:,'); // the empty favicon
      expect(sources.length).toBe(6);
      expect(sources.every((s) => s.startsWith('/graphql/graphiql/'))).toBe(true);
      // No inline script: the only script without src is a JSON data block.
      expect([...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!.trim())).toEqual(['type="application/json" id="sosms-graphiql-config"']);
      for (const example of readExamples()) expect(html).toContain(JSON.stringify(example.name));
      for (const source of sources) {
        const asset = await fetch(`${t.url}${source}`, { headers: { 'accept-encoding': 'gzip' } });
        expect(asset.status, source).toBe(200);
        expect(asset.headers.get('content-type')).toMatch(source.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
        expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(100);
      }
      expect((await fetch(`${t.url}/graphql/graphiql/../package.json`)).status).toBe(404);
      expect((await fetch(`${t.url}/graphql/graphiql/graphiql.min.js.map`)).status).toBe(404);
    });

    it('logs one JSON line per request with operation name, status and duration', async () => {
      await post(t.url, 'query NamedForTheLog { themes(first: 1) { totalCount } }');
      const line = t.logs.find((l) => l.operationName === 'NamedForTheLog');
      expect(line).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql', status: 200 });
      expect(typeof line!.durationMs).toBe('number');
    });

    it('runs every example query without errors', async () => {
      const examples = readExamples().filter((e) => !/^\s*mutation\b/m.test(e.query.replace(/#.*$/gm, '')));
      expect(examples.length).toBeGreaterThanOrEqual(5);
      for (const example of examples) {
        const { body } = await post(t.url, example.query, variablesOf(example.query));
        expect(body.errors, example.name).toBeUndefined();
        const [first] = Object.values(body.data as Record<string, unknown>);
        expect(first, example.name).not.toBeNull();
      }
    });

    it('compares a shared indicator, one row per département', async () => {
      const { data } = (await executeQuery(t.store.db, readFileSync(new URL('../../../examples/queries/02-compare-indicator.graphql', import.meta.url), 'utf8'), {
        sharedCode: 'rsa-emploi-12m',
        period: '2022',
      })) as any;
      const departments = data.compareIndicator.nodes.map((r: { department: string }) => r.department).sort();
      expect(departments).toEqual(expect.arrayContaining(['78', '92']));
      expect(new Set(departments).size).toBe(departments.length);
      const row92 = data.compareIndicator.nodes.find((r: { department: string }) => r.department === '92');
      expect(row92.population).toBeGreaterThan(1_500_000);
      expect(row92.value).toBe(47.2);
      expect(row92.illustrative).toBe(true);
    });

    it('finds actions by French full-text search and resolves nodes by global id', async () => {
      const { data } = (await executeQuery(t.store.db, '{ actions(filter: { text: "accompagner" }, first: 5) { totalCount nodes { id code title } } }')) as any;
      expect(data.actions.totalCount).toBeGreaterThan(0);
      const ids = data.actions.nodes.map((a: { id: string }) => a.id);
      const again = (await executeQuery(t.store.db, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Action { title } } }', { ids })).data as any;
      expect(again.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
    });

    it('filters actions by computed health, by partner and by theme; indicators by shared code', async () => {
      const run = async (query: string) => {
        const result = await executeQuery(t.store.db, query, {}, { today: '2026-11-23' });
        expect(result.errors).toBeUndefined();
        return result.data as any;
      };
      const atRisk = await run('{ actions(filter: { health: [AT_RISK] }) { totalCount nodes { health } } }');
      expect(atRisk.actions.totalCount).toBeGreaterThan(0);
      expect(new Set(atRisk.actions.nodes.map((a: { health: string }) => a.health))).toEqual(new Set(['AT_RISK']));
      const all = await run('{ actions { totalCount } }');
      expect(atRisk.actions.totalCount).toBeLessThan(all.actions.totalCount);
      const { partners } = await run('{ actions(first: 100) { nodes { partners { nodes { partner { code } } } } } partners(first: 1) { nodes { code } } }');
      const withPartner = await run('{ actions(first: 100) { nodes { partners { nodes { partner { code } } } } } }');
      const code = withPartner.actions.nodes.flatMap((a: any) => a.partners.nodes.map((p: any) => p.partner.code))[0] ?? partners.nodes[0].code;
      const byPartner = await run(`{ actions(filter: { partner: "${code}" }) { totalCount nodes { partners { nodes { partner { code } } } } } }`);
      expect(byPartner.actions.totalCount).toBeGreaterThan(0);
      for (const a of byPartner.actions.nodes) expect(a.partners.nodes.map((p: any) => p.partner.code)).toContain(code);
      const shared = await run('{ indicators(filter: { sharedCode: "rsa-emploi-12m" }) { totalCount nodes { sharedCode scheme { code } } } }');
      expect(shared.indicators.totalCount).toBeGreaterThanOrEqual(3);
      expect(new Set(shared.indicators.nodes.map((i: { sharedCode: string }) => i.sharedCode))).toEqual(new Set(['rsa-emploi-12m']));
    });

    it('refuses first > 100 with a VALIDATION error naming the argument', async () => {
      const { body } = await post(t.url, '{ schemes(first: 101) { totalCount } }');
      expect(body.errors[0].extensions).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'first' }] });
    });

    it('limits depth, aliases and cost with a clear error', async () => {
      let deep = 'name';
      for (let i = 0; i < 3; i += 1) deep = `scheme { orientations { nodes { actions { nodes { indicators { nodes { ${deep} } } } } } } }`;
      const tooDeep = await post(t.url, `{ actions(first: 1) { nodes { ${deep} } } }`);
      expect(tooDeep.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
      expect(tooDeep.body.errors[0].message).toMatch(/profondeur/);
      const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: themes { totalCount }`).join(' ');
      const english = await post(t.url, `{ ${aliases} }`, {}, { 'accept-language': 'en' });
      expect(english.body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
      expect(english.body.errors[0].message).toMatch(/aliases/);
      const costly = await post(t.url, '{ schemes(first: 100) { nodes { actions(first: 100) { nodes { indicators(first: 100) { nodes { name } } } } } } }');
      expect(costly.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
      expect(costly.body.errors[0].message).toMatch(/coût/);
    });

    it('commits the printed schema (fails when schema.graphql drifts)', async () => {
      const { printedSchema, SCHEMA_FILE } = await import('../scripts/print-schema.ts');
      expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
    });
  });
}
