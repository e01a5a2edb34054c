import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import type { Store } from '../database/store.ts';
import { withAccessTables } from './access.table.ts';
import { listAuditEntries } from './audit.repository.ts';
import { runTokenCommand } from './cli.ts';
import {
  authenticateToken,
  createToken,
  DEFAULT_TOKEN_DAYS,
  hashToken,
  LAST_USED_PRECISION_MS,
  listTokens,
  revokeToken,
  rotateToken,
  tokenExpiry,
} from './token.repository.ts';

const DAY = 86_400_000;

describe('token expiry dates', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('stops a token at the end of its last day (UTC), one year ahead by default', () => {
    expect(tokenExpiry('2027-06-30', 'fr', now).at?.toISOString()).toBe('2027-07-01T00:00:00.000Z');
    expect(tokenExpiry(undefined, 'fr', now).at?.getTime()).toBe(now.getTime() + DEFAULT_TOKEN_DAYS * DAY);
    expect(tokenExpiry('2026-12-01', 'fr', now).at?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });
  it('refuses a malformed, past or too distant date with a French message', () => {
    expect(tokenExpiry('30/06/2027', 'fr', now).issue).toMatchObject({ path: 'expires', code: 'invalid_date', message: expect.stringContaining('AAAA-MM-JJ') });
    expect(tokenExpiry('2027-02-30', 'fr', now).issue?.code).toBe('invalid_date');
    expect(tokenExpiry('2026-11-30', 'fr', now).issue).toMatchObject({ code: 'too_small', message: "date d'expiration déjà passée : 2026-11-30" });
    expect(tokenExpiry('2031-01-01', 'en', now).issue).toMatchObject({ code: 'too_big', message: 'expiry date more than three years ahead: 2031-01-01' });
  });
});

for (const engine of ENGINES) {
  describe(`tokens as credentials on ${engine}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store?.close());

    it('authenticates until the expiry instant, then never', async () => {
      const { secret, token } = await createToken(store.db, { label: 'Équipe 92', role: 'editor', departments: ['92'], expires: '2027-06-30' });
      expect(token.expiresAt).toBe('2027-07-01T00:00:00.000Z');
      const before = Date.parse('2027-06-30T23:59:59Z');
      expect(await authenticateToken(store.db, secret, before)).toMatchObject({ tokenId: token.id });
      expect(await authenticateToken(store.db, secret, Date.parse(token.expiresAt))).toBeUndefined();
      const defaulted = await createToken(store.db, { label: 'défaut', role: 'editor', departments: ['92'] });
      expect(Math.abs(Date.parse(defaulted.token.expiresAt) - (Date.now() + DEFAULT_TOKEN_DAYS * DAY))).toBeLessThan(60_000);
      await expect(createToken(store.db, { label: 'passé', role: 'editor', departments: ['92'], expires: '2020-01-01' })).rejects.toMatchObject({
        code: 'VALIDATION',
        issues: [expect.objectContaining({ path: 'expires', code: 'too_small' })],
      });
    });

    it('writes the last-used time at most once a minute per token', async () => {
      const { secret, token } = await createToken(store.db, { label: 'usage', role: 'editor', departments: ['48'] });
      const lastUsed = async () => (await listTokens(store.db)).find((t) => t.id === token.id)!.lastUsedAt;
      expect(await lastUsed()).toBeNull();
      const t0 = Date.now();
      await authenticateToken(store.db, secret, t0);
      expect(await lastUsed()).toBe(new Date(t0).toISOString());
      await authenticateToken(store.db, secret, t0 + 30_000);
      expect(await lastUsed()).toBe(new Date(t0).toISOString());
      await authenticateToken(store.db, secret, t0 + LAST_USED_PRECISION_MS + 1);
      expect(await lastUsed()).toBe(new Date(t0 + LAST_USED_PRECISION_MS + 1).toISOString());
    });

    it('rotates a token: same rights, new secret, the old one refused at once', async () => {
      const { secret: oldSecret, token: old } = await createToken(store.db, { label: 'Équipe 77', role: 'editor', departments: ['77', '91'] });
      const { secret, token, replaced } = await rotateToken(store.db, old.id, { expires: '2027-12-31' });
      expect(secret).not.toBe(oldSecret);
      expect(token).toMatchObject({ label: 'Équipe 77', role: 'editor', departments: ['77', '91'], rotatedFrom: old.id, expiresAt: '2028-01-01T00:00:00.000Z', revokedAt: null });
      expect(replaced.revokedAt).not.toBeNull();
      expect(await authenticateToken(store.db, oldSecret)).toBeUndefined();
      expect(await authenticateToken(store.db, secret)).toMatchObject({ tokenId: token.id, departments: ['77', '91'] });
      await expect(rotateToken(store.db, old.id)).rejects.toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ code: 'revoked' })] });
      await expect(rotateToken(store.db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('audits create, rotate and revoke through the command runner, without secrets or hashes', async () => {
      const { secret, token } = await createToken(store.db, { label: 'audité', role: 'editor', departments: ['13'] });
      const rotated = await rotateToken(store.db, token.id);
      await revokeToken(store.db, rotated.token.id);
      await expect(revokeToken(store.db, 'pas-un-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const entries = await listAuditEntries(store.db, { entityType: 'ApiToken', limit: 1_000 });
      const mine = entries.filter((e) => e.entityId === token.id || e.entityId === rotated.token.id);
      expect(mine.map((e) => e.operation).sort()).toEqual(['token:create', 'token:revoke', 'token:rotate']);
      expect(mine.every((e) => e.tokenLabel === 'sosms token' && e.outcome === 'done')).toBe(true);
      expect(entries.some((e) => e.operation === 'token:revoke' && e.outcome === 'refused' && e.code === 'NOT_FOUND')).toBe(true);
      const text = JSON.stringify(entries);
      for (const s of [secret, rotated.secret, hashToken(secret), hashToken(rotated.secret)]) expect(text).not.toContain(s);
      const rows = await withAccessTables(store.db).selectFrom('api_token').select('hash').execute();
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    });

    it('refuses secrets that are wrong, too long or not ours, without a statement for the latter', async () => {
      const { secret } = await createToken(store.db, { label: 'x', role: 'editor', departments: ['92'] });
      expect(await authenticateToken(store.db, `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
      expect(await authenticateToken(store.db, `sosms_${'a'.repeat(5_000)}`)).toBeUndefined();
      expect(await authenticateToken(store.db, 'ghp_abc')).toBeUndefined();
    });

    it('runs token rotate and shows expiry and last use in token list', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
      expect(await runTokenCommand(['create', '--departments', '2A', '--role', 'editor', '--label', 'Corse-du-Sud', '--expires', '2027-06-30'], io, store.db)).toBe(0);
      // The end of 30 June (UTC), written as a French date, not a raw ISO timestamp.
      expect(out.join('')).toContain('Expire le 1er juillet 2027 à 00:00 UTC');
      expect(out.join('')).not.toContain('2027-07-01T');
      const first = out.join('').match(/sosms_\S+/)![0];
      const id = out.join('').match(/Jeton créé : (\S+)/)![1]!;
      await authenticateToken(store.db, first);
      out.length = 0;
      expect(await runTokenCommand(['rotate', id], io, store.db)).toBe(0);
      const second = out.join('').match(/sosms_\S+/)![0];
      expect(out.join('')).toContain(`remplace ${id}`);
      expect(out.join('')).toMatch(/Expire le \d{1,2}(er)? [a-zéû]+ \d{4} à \d{2}:\d{2} UTC/);
      expect(await authenticateToken(store.db, first)).toBeUndefined();
      expect(await authenticateToken(store.db, second)).toBeDefined();
      out.length = 0;
      expect(await runTokenCommand(['list'], io, store.db)).toBe(0);
      const lines = out.join('').split('\n');
      expect(lines.find((l) => l.startsWith(id))).toMatch(/révoqué le .*\tutilisé le /);
      expect(lines.find((l) => l.includes('Corse-du-Sud') && !l.startsWith(id))).toMatch(/actif jusqu'au .*\tutilisé le /);
      expect(out.join('')).not.toContain(second);
      expect(await runTokenCommand(['create', '--departments', '2A', '--role', 'editor', '--label', 'L', '--expires', 'demain'], io, store.db)).toBe(1);
      expect(err.join('')).toContain('expires : date d\'expiration attendue au format AAAA-MM-JJ');
      expect(await runTokenCommand(['rotate'], io, store.db)).toBe(2);
    });
  });
}
