import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, openTestStore } from '../testing/engines.ts';
import type { Store } from '../database/store.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import { searchActions } from '../action/action.repository.ts';
import { listSchemes } from '../scheme/scheme.repository.ts';
import { readSchemeTrees } from '../scheme/scheme-tree.repository.ts';
import { DomainError } from '../validation/issues.ts';
import { checkSearchText, SEARCH_LIMITS } from './search-text.ts';

/** The 71 KB search of issue 13 that froze PGlite: 8,000 words joined by `or`. */
const EIGHT_THOUSAND_ORS = Array.from({ length: 8_000 }, (_, i) => `aide${i}`).join(' or ');

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('search text caps', () => {
  it('keeps a sane text, trimmed, and counts words without the or operator', () => {
    expect(checkSearchText('  aidants  ')).toBe('aidants');
    expect(checkSearchText('   ')).toBeUndefined();
    expect(checkSearchText(Array.from({ length: SEARCH_LIMITS.maxTerms }, (_, i) => `m${i}`).join(' or '))).toContain('m0');
  });
  it('refuses too long, too many words and control characters with a French message and the path', () => {
    const long = refusal(() => checkSearchText('a'.repeat(900_000)));
    expect(long).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'text', code: 'too_big' }] });
    // French typography: a narrow no-break space groups the thousands.
    expect(long.message.replace(/\u202f/g, ' ')).toBe('Recherche trop longue : 900 000 caractères, 200 au plus. Raccourcissez-la.');
    const wide = refusal(() => checkSearchText(Array.from({ length: 17 }, (_, i) => `mot${i}`).join(' ')));
    expect(wide.message.replace(/\u202f/g, ' ')).toBe('Recherche trop large : 17 mots, 16 au plus. Gardez les mots les plus précis.');
    expect(wide.issues[0]).toMatchObject({ path: 'text', code: 'too_many_terms' });
    expect(refusal(() => checkSearchText('aide\u0000', 'en')).message).toBe('Invalid search: a control or badly encoded character.');
    expect(refusal(() => checkSearchText('aide \ud800')).issues[0]?.code).toBe('invalid_characters');
    expect(refusal(() => checkSearchText(EIGHT_THOUSAND_ORS)).issues[0]?.code).toBe('too_big');
    expect(refusal(() => checkSearchText(EIGHT_THOUSAND_ORS.slice(0, 190).replace(/ or aide\d*$/, ''))).issues[0]?.code).toBe('too_many_terms');
  });
});

for (const engine of ENGINES) {
  describe(`search on ${engine}`, () => {
    let store: Store;
    const statements: string[] = [];
    beforeAll(async () => {
      store = await openTestStore(engine, { onQuery: (q) => void statements.push(q) });
      await loadDemoSchemes(store.db);
    }, 180_000);
    afterAll(() => store?.close());

    it('has the French text search configuration and websearch parsing', async () => {
      const row = await sql<{ q: string }>`select websearch_to_tsquery('french', '"aide sociale" -enfance or aidants')::text as q`.execute(store.db);
      expect(row.rows[0]!.q).toBe("'aid' <-> 'social' & !'enfanc' | 'aid'");
    });

    it('ranks the exact word above its stems: « aidants » before « aides » and « Aide sociale à l’enfance »', async () => {
      const { items, totalCount } = await searchActions(store.db, { text: 'aidants', visibility: {} }, { limit: 100 });
      expect(totalCount).toBe(items.length);
      const exact = (a: (typeof items)[number]) => /\baidants\b/i.test([a.title, a.description ?? '', a.easyRead ?? ''].join(' '));
      const flags = items.map(exact);
      // Some hits match by stem only (aide, aides, aider…): they all come after every exact hit.
      expect(flags.filter(Boolean).length).toBeGreaterThan(0);
      expect(flags.filter((f) => !f).length).toBeGreaterThan(0);
      expect(flags.indexOf(false)).toBe(flags.filter(Boolean).length);
      // Among exact hits, one with the word in its title comes first.
      expect(items[0]!.title.toLowerCase()).toContain('aidants');
    });

    it('parses the web search syntax: phrases, exclusions, or', async () => {
      const all = await searchActions(store.db, { text: 'aidants', visibility: {} }, { limit: 100 });
      // Exclude the longest word of the best hit's title: that hit goes, others stay.
      const best = all.items[0]!;
      const word = best.title.split(/[^\p{L}]+/u).filter((w) => !/^aidants?$/i.test(w)).sort((a, b) => b.length - a.length)[0]!;
      const without = await searchActions(store.db, { text: `aidants -${word}`, visibility: {} }, { limit: 100 });
      expect(without.totalCount).toBeLessThan(all.totalCount);
      expect(without.totalCount).toBeGreaterThan(0);
      expect(without.items.map((a) => a.id)).not.toContain(best.id);
      const phrase = await searchActions(store.db, { text: `"${best.title.split(/\s+/).slice(0, 3).join(' ')}"`, visibility: {} }, { limit: 100 });
      expect(phrase.items[0]?.id).toBe(best.id);
      const other = (await searchActions(store.db, { visibility: {} }, { limit: 500 })).items.find((a) => !all.items.some((b) => b.id === a.id))!;
      const otherWord = other.title.split(/[^\p{L}]+/u).sort((a, b) => b.length - a.length)[0]!;
      const either = await searchActions(store.db, { text: `aidants or ${otherWord}`, visibility: {} }, { limit: 500 });
      expect(either.totalCount).toBeGreaterThan(all.totalCount);
      expect(either.items.map((a) => a.id)).toContain(other.id);
    });

    it('refuses the 8,000-or search at once, on every search path, before any SQL', async () => {
      statements.length = 0;
      const started = performance.now();
      await expect(searchActions(store.db, { text: EIGHT_THOUSAND_ORS, visibility: {} })).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: 'text', code: 'too_big' }] });
      await expect(listSchemes(store.db, { text: EIGHT_THOUSAND_ORS, visibility: {}, lang: 'en' })).rejects.toThrow(/^Search too long: [\d,]+ characters, at most 200/);
      await expect(readSchemeTrees(store.db, { filter: { text: EIGHT_THOUSAND_ORS, visibility: {} }, page: { limit: 5, offset: 0 } }, { scheme: ['code'] })).rejects.toMatchObject({ code: 'VALIDATION' });
      expect(statements).toEqual([]);
      // Not a timed assertion: the refusal is printed for the record.
      console.log(`8 000 « or » refused on ${engine} in ${(performance.now() - started).toFixed(1)} ms (3 paths), ${statements.length} statements`);
    });

    it('ranks schemes and scheme trees the same way', async () => {
      const listed = await listSchemes(store.db, { text: 'enfance', visibility: {} });
      const trees = await readSchemeTrees(store.db, { filter: { text: 'enfance', visibility: {} }, page: { limit: 20, offset: 0 } }, { scheme: ['code'] });
      expect(listed.totalCount).toBeGreaterThan(0);
      expect(trees.rows.map((r) => r.code)).toEqual(listed.items.map((s) => s.code));
    });
  });
}
