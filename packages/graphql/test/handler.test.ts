import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, loadDemoSchemes, type Store } from '@sosms/core';
import { openTestStore } from '@sosms/core/testing';
import { createGatewayHandler, type GatewayHandler } from '../src/handler.ts';

const QUERY = '{ schemes(filter: { departments: ["48"] }) { totalCount nodes { code } } }';
const DRAFTS = '{ schemes(filter: { statuses: [DRAFT] }) { totalCount } }';

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What every mount must keep: GraphQL under the prefix, CORS, authentication, limits and the request log. */
function mountedBehaviour(name: string, base: () => string, logs: () => Record<string, unknown>[], secret: () => string) {
  it(`${name}: answers POST and GET under /api/graphql with CORS`, async () => {
    const post = await fetch(`${base()}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await post.json()) as any).data.schemes).toEqual({ totalCount: 1, nodes: [{ code: '48-2018-2022' }] });
    const get = await fetch(`${base()}/api/graphql?query=${encodeURIComponent(QUERY)}`);
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.schemes.totalCount).toBe(1);
    const preflight = await fetch(`${base()}/api/graphql`, { method: 'OPTIONS', headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it(`${name}: authenticates tokens and refuses unknown ones`, async () => {
    const anonymous = await fetch(`${base()}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: DRAFTS }) });
    const withToken = await fetch(`${base()}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret()}` }, body: JSON.stringify({ query: DRAFTS }) });
    expect(anonymous.status).toBe(200);
    expect(withToken.status).toBe(200);
    expect(((await withToken.json()) as any).errors).toBeUndefined();
    expect(((await anonymous.json()) as any).data.schemes.totalCount).toBe(0);
    expect(withToken.headers.get('cache-control')).toMatch(/private|no-store/);
    const bad = await fetch(`${base()}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sosms_nope' }, body: JSON.stringify({ query: QUERY }) });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it(`${name}: keeps the limits and writes the request log`, async () => {
    const deep = `{ ${'schemes { nodes { '.repeat(10)}code${' } }'.repeat(10)} }`;
    const refused = await fetch(`${base()}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': `mount-${name}` }, body: JSON.stringify({ query: deep }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.headers.get('x-request-id')).toBe(`mount-${name}`);
    expect(logs().some((l) => l.requestId === `mount-${name}` && l.status === 400 && l.path === '/api/graphql')).toBe(true);
  });

  it(`${name}: leaves other paths to the host application`, async () => {
    const other = await fetch(`${base()}/graphql`);
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('host');
  });
}

describe('the gateway handler mounted in other servers', () => {
  let store: Store;
  let secret = '';
  const servers: { close(): unknown }[] = [];
  const handlers: GatewayHandler[] = [];
  const logs: Record<string, unknown>[] = [];
  const bases: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore('pglite');
    await loadDemoSchemes(store.db);
    secret = (await createToken(store.db, { label: 'mount test', role: 'editor', departments: ['48'] })).secret;
    const mount = () => {
      const handler = createGatewayHandler({ store, path: '/api/graphql', log: (e) => void logs.push(e) });
      handlers.push(handler);
      return handler;
    };

    // node:http: the handler first, the host's own routes in `next`.
    const plain = mount();
    const server = http.createServer((req, res) => void plain(req, res, () => res.writeHead(404).end('host: not found')));
    bases.http = await listen(server);
    servers.push({ close: () => new Promise((r) => server.close(r)) });

    // Express 5 after express.json(): the handler takes the parsed body, under a mount prefix.
    const app = express();
    app.use(express.json());
    app.use('/api', mount());
    app.use((_req, res) => void res.status(404).send('host: not found'));
    const expressServer = http.createServer(app);
    bases.express = await listen(expressServer);
    servers.push({ close: () => new Promise((r) => expressServer.close(r)) });

    // Fastify 5: its JSON parser has read the body; the handler answers on the raw request and response.
    const fastify = Fastify();
    const onFastify = mount();
    fastify.all('/api/graphql', async (request, reply) => {
      reply.hijack();
      await onFastify(Object.assign(request.raw, { body: request.body }), reply.raw);
    });
    fastify.setNotFoundHandler((_request, reply) => void reply.code(404).send('host: not found'));
    bases.fastify = await fastify.listen({ port: 0, host: '127.0.0.1' });
    servers.push({ close: () => fastify.close() });
  });

  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const h of handlers) await h.close();
    await store?.close();
  });

  for (const name of ['http', 'express', 'fastify'] as const) mountedBehaviour(name, () => bases[name]!, () => logs, () => secret);

  it('node:http: a body larger than the limit gets 413, closes the connection, and the next request answers', async () => {
    const small = createGatewayHandler({ store, path: '/g', limits: { maxBodyBytes: 1_000 }, log: () => {} });
    handlers.push(small);
    const server = http.createServer((req, res) => void small(req, res));
    const base = await listen(server);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = http.request(`${base}/g`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const big = await send(JSON.stringify({ query: `{ schemes { totalCount } } #${'x'.repeat(50_000)}` }));
    expect(big.status).toBe(413);
    // The unread rest of the body would stall the next request on this connection (6 s seen): it is closed.
    expect(big.connection).toBe('close');
    const next = await send(JSON.stringify({ query: '{ schemes { totalCount } }' }));
    expect(next.status).toBe(200);
    agent.destroy();
    await new Promise((r) => server.close(r));
  });
});
