import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, loadDemoSchemes, type Store } from '@sosms/core';
import { openTestStore } from '@sosms/core/testing';
import { createGateway, type Gateway } from '../src/server.ts';
import { post } from './helpers.ts';

/*
 * Reads of anonymous requests go to the read replicas; writes and every request with a token go to the
 * primary. The "replica" here is a second, empty store, so that the answers tell which one was read
 * (a real streaming standby is shown by the benchmark, bench/replica.ts).
 */
describe('read replicas', () => {
  let primary: Store;
  let replica: Store;
  let gateway: Gateway;
  let url: string;
  let token: string;
  beforeAll(async () => {
    [primary, replica] = await Promise.all([openTestStore('pglite'), openTestStore('pglite')]);
    await loadDemoSchemes(primary.db);
    token = (await createToken(primary.db, { label: 'Équipe 48', role: 'editor', departments: ['48'] })).secret;
    gateway = await createGateway({ db: primary.db, readDbs: [replica.db], log: () => {}, today: () => '2026-11-23' });
    await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([primary?.close(), replica?.close()]);
  });

  it('answers anonymous reads from the replica, compiled or not', async () => {
    for (const query of ['{ schemes { totalCount } }', '{ schemes { totalCount nodes { updatedAt } } }', '{ actions(filter: { text: "aidants" }) { totalCount } }']) {
      const { body } = await post(url, query);
      expect(body.errors, query).toBeUndefined();
      expect(JSON.stringify(body.data), query).toMatch(/"totalCount":0/);
    }
  });

  it('answers the reads of a token from the primary, so a writer reads what it wrote', async () => {
    const headers = { authorization: `Bearer ${token}` };
    expect((await post(url, '{ schemes { totalCount } }', {}, headers)).body.data.schemes.totalCount).toBe(5);
    const saved = await post(url, 'mutation { saveOrientation(schemeCode: "48-2018-2022", input: { code: "9", title: "Orientation ajoutée" }) { code } }', {}, headers);
    expect(saved.body.errors).toBeUndefined();
    const read = await post(url, '{ scheme(code: "48-2018-2022") { orientations { nodes { code } } } }', {}, headers);
    expect(JSON.stringify(read.body.data)).toContain('"code":"9"');
    expect((await post(url, '{ scheme(code: "48-2018-2022") { code } }')).body.data.scheme).toBeNull();
  });
});
