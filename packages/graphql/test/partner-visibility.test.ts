/**
 * The `partners` list and a partner read by global id follow the one visibility rule of schemes: a partner
 * that only a hidden draft declares is seen by that draft's département's editors, by a contributor only
 * when the draft holds an indicator it reports on, and by no one else; an id it cannot see answers as an id
 * that exists nowhere. Through the real gateway, on every engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createToken, importSchemeFile } from '@sosms/core';
import { ENGINES } from '@sosms/core/testing';
import { variant } from '../../core/test/read/fixture.ts';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

/** Scheme codes and the one partner each of them alone declares. */
const SCHEMES = [
  { code: '48-2019-2023', department: '48', status: 'in_force', partner: 'vis-public-48' },
  { code: '48-2024-2028', department: '48', status: 'draft', partner: 'vis-draft-48-a' },
  { code: '48-2025-2029', department: '48', status: 'draft', partner: 'vis-draft-48-b' },
  { code: '77-2026-2030', department: '77', status: 'draft', partner: 'vis-draft-77' },
] as const;
const ABSENT = encodeGlobalID('Partner', '00000000-0000-4000-8000-000000000048');

for (const engine of ENGINES) {
  describe(`which partners a caller sees, on ${engine}`, () => {
    let t: TestGateway;
    const secrets = {} as Record<'editor48' | 'editor77' | 'contributor48', string>;
    const ids = {} as Record<string, string>;

    beforeAll(async () => {
      t = await startTestGateway(engine, { seed: false });
      const db = t.store.db;
      for (const s of SCHEMES) {
        const file = variant(s.code, s.department, s.status);
        file.partners = [...(file.partners ?? []), { code: s.partner, name: `Partenaire visibilité ${s.partner}`, kind: 'association' }];
        await importSchemeFile(db, file);
      }
      const rows = (await sql<{ id: string; code: string }>`select id, code from partner where code like 'vis-%'`.execute(db)).rows;
      for (const r of rows) ids[r.code] = encodeGlobalID('Partner', r.id);
      const reported = (await sql<{ id: string }>`select i.id from indicator i join scheme s on s.id = i.scheme_id where s.code = '48-2024-2028' order by i.code limit 1`.execute(db)).rows[0]!.id;
      secrets.editor48 = (await createToken(db, { label: 'Équipe Lozère', role: 'editor', departments: ['48'] })).secret;
      secrets.editor77 = (await createToken(db, { label: 'Équipe Seine-et-Marne', role: 'editor', departments: ['77'] })).secret;
      secrets.contributor48 = (await createToken(db, { label: 'CAF de la Lozère', role: 'contributor', departments: ['48'], indicatorIds: [reported] })).secret;
    });
    afterAll(() => t?.close());

    async function listed(secret?: string): Promise<string[]> {
      const headers: Record<string, string> = secret ? { authorization: `Bearer ${secret}` } : {};
      const { body } = await post(t.url, '{ partners(filter: { text: "visibilité" }, first: 50) { totalCount nodes { code } } }', {}, headers);
      expect(body.errors).toBeUndefined();
      const codes = body.data.partners.nodes.map((n: { code: string }) => n.code);
      expect(body.data.partners.totalCount).toBe(codes.length);
      return codes.sort();
    }

    async function byId(id: string, secret?: string) {
      const headers: Record<string, string> = secret ? { authorization: `Bearer ${secret}` } : {};
      const { body } = await post(t.url, 'query ($id: ID!) { node(id: $id) { ... on Partner { code } } }', { id }, headers);
      const error = body.errors?.[0];
      return { node: body.data?.node ?? null, code: error?.extensions?.code ?? null, message: error ? String(error.message).replace(id, '<id>') : null };
    }
    const seen = (code: string) => ({ node: { code }, code: null, message: null });

    it('lists the partners of drafts to their département’s editors only', async () => {
      expect(await listed()).toEqual(['vis-public-48']);
      expect(await listed(secrets.editor48)).toEqual(['vis-draft-48-a', 'vis-draft-48-b', 'vis-public-48']);
      expect(await listed(secrets.editor77)).toEqual(['vis-draft-77', 'vis-public-48']);
    });

    it('lists to a contributor the partners of the draft it reports on, not those of its département’s other draft', async () => {
      expect(await listed(secrets.contributor48)).toEqual(['vis-draft-48-a', 'vis-public-48']);
    });

    it('answers a partner’s id by the same rule, a hidden one as an id that exists nowhere', async () => {
      const absent = await byId(ABSENT);
      expect(absent).toMatchObject({ node: null, message: 'Aucun objet visible pour cet identifiant : <id>' });
      expect(await byId(ids['vis-public-48']!)).toEqual(seen('vis-public-48'));
      expect(await byId(ids['vis-draft-48-b']!)).toEqual(absent);
      expect(await byId(ids['vis-draft-77']!, secrets.editor48)).toEqual(absent);
      expect(await byId(ids['vis-draft-48-b']!, secrets.contributor48)).toEqual(absent);
      expect(await byId(ids['vis-draft-48-a']!, secrets.contributor48)).toEqual(seen('vis-draft-48-a'));
      expect(await byId(ids['vis-draft-48-b']!, secrets.editor48)).toEqual(seen('vis-draft-48-b'));
    });
  });
}
