import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@sosms/core';
import { ENGINES, openTestStore } from '@sosms/core/testing';
import { createGateway, type Gateway } from '../src/server.ts';

for (const engine of ENGINES) {
  describe(`request ids, logs and metrics on ${engine}`, () => {
    let store: Store;
    let gateway: Gateway;
    let url: string;
    const logs: Record<string, unknown>[] = [];
    beforeAll(async () => {
      store = await openTestStore(engine);
      gateway = await createGateway({ store, log: (entry) => void logs.push(entry) });
      await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await gateway?.close();
      await store?.close();
    });

    const ask = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

    it('returns the request id in X-Request-Id (the client’s when sane) and logs it with a level', async () => {
      const given = await ask('{ themes(first: 1) { totalCount } }', { 'x-request-id': 'portail-92:abc.1' });
      expect(given.headers.get('x-request-id')).toBe('portail-92:abc.1');
      const insane = await ask('{ themes(first: 1) { totalCount } }', { 'x-request-id': 'a b\u00e9<script>' });
      const fresh = insane.headers.get('x-request-id')!;
      expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
      const tooLong = await ask('{ themes(first: 1) { totalCount } }', { 'x-request-id': 'x'.repeat(65) });
      expect(tooLong.headers.get('x-request-id')).not.toBe('x'.repeat(65));
      expect(logs.find((l) => l.requestId === 'portail-92:abc.1')).toMatchObject({ level: 'info', msg: 'request', status: 200, durationMs: expect.any(Number) });
      expect(logs.find((l) => l.requestId === fresh)).toMatchObject({ level: 'info', status: 200 });
      const bad = await ask('{ nope');
      expect(logs.find((l) => l.requestId === bad.headers.get('x-request-id'))).toMatchObject({ level: 'warn', status: 400, code: 'GRAPHQL_PARSE_FAILED' });
    });

    it('counts requests, latency, errors by code (inside 200 answers too) and, on PostgreSQL, the pool', async () => {
      const refused = await ask(`{ actions(filter: { text: "${'mot '.repeat(30)}" }) { totalCount } }`);
      expect(refused.status).toBe(200);
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(text).toMatch(/^sosms_graphql_errors_total\{code="VALIDATION"\} 1$/m);
      expect(text).toMatch(/^sosms_http_requests_total\{status="400",code="GRAPHQL_PARSE_FAILED"\} \d+$/m);
      expect(text).toMatch(/^sosms_http_request_duration_seconds_bucket\{le="0\.005"\} \d+$/m);
      expect(text).toMatch(/^sosms_http_request_duration_seconds_count \d+$/m);
      if (engine === 'postgres') {
        expect(text).toMatch(/^sosms_db_pool_connections\{state="total"\} [1-9]\d*$/m);
        expect(text).toMatch(/^sosms_db_pool_waiting 0$/m);
      } else {
        expect(text).not.toContain('sosms_db_pool');
      }
      expect(logs.find((l) => Array.isArray(l.errors) && (l.errors as string[]).includes('VALIDATION'))).toMatchObject({ level: 'info', status: 200 });
    });
  });
}
