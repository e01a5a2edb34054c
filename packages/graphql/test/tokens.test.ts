import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, createToken, listTokens, revokeToken, rotateToken, withAccessTables, type Store } from '@sosms/core';
import { createTestDatabase, ENGINES, type TestDatabase } from '@sosms/core/testing';
import { createGateway, type Gateway } from '../src/server.ts';
import { createLogger, redactEntry } from '../src/log.ts';

/** A gateway process as a test sees it: its URL, its logs, how to stop it. */
interface Running {
  readonly gateway: Gateway;
  readonly url: string;
  readonly logs: Record<string, unknown>[];
}

async function listen(store: Store): Promise<Running> {
  const logs: Record<string, unknown>[] = [];
  const gateway = await createGateway({ db: store.db, log: (entry) => void logs.push(entry), today: () => '2026-11-23' });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  return { gateway, url: `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}/graphql`, logs };
}

async function statusWith(url: string, secret: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}`, ...headers },
    body: JSON.stringify({ query: '{ schemes(first: 1) { totalCount } }' }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The statuses the same secret gets from every gateway, in order. */
const statuses = (gateways: readonly Running[], secret: string) => Promise.all(gateways.map((g) => statusWith(g.url, secret)));

for (const engine of ENGINES) {
  // On PostgreSQL two gateways (two processes' worth: two stores, two pools) share one database; a PGlite
  // folder has a single process.
  describe(`tokens as credentials through the gateway on ${engine}`, () => {
    let database: TestDatabase | undefined;
    const stores: Store[] = [];
    const gateways: Running[] = [];
    beforeAll(async () => {
      if (engine === 'postgres') {
        database = await createTestDatabase('sosms_tokens');
        stores.push(await createStore({ location: database.url }), await createStore({ location: database.url }));
      } else {
        stores.push(await createStore());
      }
      for (const store of stores) gateways.push(await listen(store));
    }, 120_000);
    afterAll(async () => {
      for (const g of gateways) await g.gateway.close();
      for (const s of stores) await s.close();
      await database?.drop();
    });

    it('refuses a revoked, a rotated-out and an expired token at once on every gateway', async () => {
      const db = stores[0]!.db;
      const { secret, token } = await createToken(db, { label: 'Équipe 92', role: 'editor', departments: ['92'] });
      expect(await statuses(gateways, secret)).toEqual(gateways.map(() => 200));
      await revokeToken(stores.at(-1)!.db, token.id);
      expect(await statuses(gateways, secret)).toEqual(gateways.map(() => 401));

      const first = await createToken(db, { label: 'Équipe 78', role: 'editor', departments: ['78'] });
      expect(await statuses(gateways, first.secret)).toEqual(gateways.map(() => 200));
      const rotated = await rotateToken(db, first.token.id);
      expect(await statuses(gateways, first.secret)).toEqual(gateways.map(() => 401));
      expect(await statuses(gateways, rotated.secret)).toEqual(gateways.map(() => 200));

      await withAccessTables(db).updateTable('api_token').set({ expires_at: new Date(Date.now() - 1_000) }).where('id', '=', rotated.token.id).execute();
      expect(await statuses(gateways, rotated.secret)).toEqual(gateways.map(() => 401));
      const lastUsed = (await listTokens(db)).find((t) => t.id === rotated.token.id)?.lastUsedAt;
      expect(lastUsed).not.toBeNull();
    });

    it('never writes a secret in its logs, wherever the client puts it', async () => {
      const { secret } = await createToken(stores[0]!.db, { label: 'journal', role: 'editor', departments: ['92'] });
      const wrong = `sosms_${'x'.repeat(43)}`;
      const g = gateways[0]!;
      g.logs.length = 0;
      expect(await statusWith(g.url, secret)).toBe(200);
      expect(await statusWith(g.url, wrong)).toBe(401);
      // A secret given as the request id is a sane id (letters, digits, _ and -): kept, but masked in logs.
      expect(await statusWith(g.url, secret, { 'x-request-id': secret })).toBe(200);
      const syntax = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ ${secret} ` }) });
      expect(syntax.status).toBe(400);
      const text = JSON.stringify(g.logs);
      expect(g.logs.length).toBeGreaterThanOrEqual(4);
      expect(text).not.toContain(secret.slice(6));
      expect(text).not.toContain(wrong.slice(6));
      expect(g.logs.some((l) => l.requestId === '[masqué]')).toBe(true);
    });
  });
}

describe('the structured logger', () => {
  it('writes JSON lines with the level as a word, masking credentials (pino)', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: 'info', destination });
    const secret = 'sosms_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    log({ level: 'debug', msg: 'hidden below info' });
    log({ level: 'warn', msg: `refus du jeton ${secret}`, headers: { authorization: `Bearer ${secret}`, accept: 'application/json' }, requestId: 'r1' });
    log({ level: 'error', msg: 'boom', error: new Error(`Bearer ${secret} refusé`) });
    expect(lines).toHaveLength(2);
    const [warn, error] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warn).toMatchObject({ level: 'warn', msg: 'refus du jeton [masqué]', headers: { authorization: '[masqué]', accept: 'application/json' }, requestId: 'r1' });
    expect(typeof warn!.time).toBe('string');
    expect(error!.error).toMatch(/^Error: Bearer \[masqué\] refusé/);
    expect(lines.join('')).not.toContain(secret.slice(6));
    expect(redactEntry({ note: 'Basic usage of bearer tokens' })).toEqual({ note: 'Basic usage of bearer tokens' });
  });
});
