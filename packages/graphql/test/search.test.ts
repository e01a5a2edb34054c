import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '@sosms/core/testing';
import { post, startTestGateway, type TestGateway } from './helpers.ts';

/** The 71 KB search of issue 13 that froze the embedded gateway: 8,000 terms joined by `or`. */
const HOSTILE = Array.from({ length: 8_000 }, (_, i) => `t${i}`).join(' or ');

const SEARCH = `query Search($text: String!) { actions(filter: { text: $text }, first: 10) { totalCount nodes { title scheme { code title departments } } } }`;

for (const engine of ENGINES) {
  describe(`search through the gateway on ${engine}`, () => {
    let t: TestGateway;
    beforeAll(async () => {
      t = await startTestGateway(engine);
    });
    afterAll(() => t?.close());

    it('refuses the 8,000-or search with a French VALIDATION error, English on request, and keeps serving', async () => {
      const started = performance.now();
      const hostile = post(t.url, SEARCH, { text: HOSTILE });
      const cheap = post(t.url, '{ themes(first: 1) { totalCount } }');
      const [refused, served] = await Promise.all([hostile, cheap]);
      expect(refused.status).toBe(200);
      expect(refused.body.data).toBeNull();
      expect(refused.body.errors[0]).toMatchObject({ extensions: { code: 'VALIDATION', issues: [{ path: 'text', code: 'too_big' }] } });
      expect(refused.body.errors[0].message).toMatch(/^Recherche trop longue : /);
      expect(served.body.errors).toBeUndefined();
      const english = await post(t.url, SEARCH, { text: Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ') }, { 'accept-language': 'en' });
      expect(english.body.errors[0]).toMatchObject({ message: 'Search too broad: 20 words, at most 16. Keep the most precise words.', extensions: { code: 'VALIDATION' } });
      const schemes = await post(t.url, '{ schemes(filter: { text: "' + 'x'.repeat(300) + '" }) { totalCount } }');
      expect(schemes.body.errors[0].extensions.code).toBe('VALIDATION');
      // Printed, never asserted: a refusal costs about as much as any small request.
      console.log(`hostile search refused on ${engine} with a concurrent query served, in ${(performance.now() - started).toFixed(0)} ms`);
    });

    it('answers « aidants » with the exact word first, each result naming its scheme and départements', async () => {
      const { body } = await post(t.url, SEARCH, { text: 'aidants' });
      expect(body.errors).toBeUndefined();
      const nodes = body.data.actions.nodes as { title: string; scheme: { code: string; title: string; departments: string[] } }[];
      expect(nodes.length).toBeGreaterThan(1);
      expect(nodes[0]!.title.toLowerCase()).toContain('aidants');
      // Every action holding the word itself comes before those found by its stem only (« aide », « aider »).
      const { body: texts } = await post(t.url, `query ($text: String!) { actions(filter: { text: $text }, first: 10) { nodes { title description easyRead } } }`, { text: 'aidants' });
      const exact = (texts.data.actions.nodes as { title: string; description: string | null; easyRead: string | null }[]).map((n) =>
        /\baidants\b/i.test([n.title, n.description, n.easyRead].join(' ')),
      );
      expect(exact).toContain(false);
      expect(exact).toEqual([...exact].sort((a, b) => Number(b) - Number(a)));
      for (const node of nodes) {
        expect(node.scheme.title.length).toBeGreaterThan(0);
        expect(node.scheme.departments.length).toBeGreaterThan(0);
      }
    });
  });
}
