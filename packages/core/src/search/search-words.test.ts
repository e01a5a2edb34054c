import { describe, expect, test } from 'vitest';
import { checkSearchText, SEARCH_LIMITS } from './search-text.ts';
import { foldText, matchesSearch, searchWords } from './search-words.ts';

describe('search words', () => {
  test('folding drops accents and case', () => {
    expect(foldText('Égalité ÉLABORER')).toBe('egalite elaborer');
  });

  test('words are runs of letters and digits, folded, without the or operator', () => {
    expect(searchWords('  Aidants or « répit-domicile » 2024 OR ')).toEqual(['aidants', 'repit', 'domicile', '2024']);
    expect(searchWords(' … ')).toEqual([]);
  });

  test('a static search needs every word, anywhere, accents and case aside', () => {
    const text = '1.2 Développer le répit des aidants à domicile';
    expect(matchesSearch(text, 'AIDANTS domicile')).toBe(true);
    expect(matchesSearch(text, 'developper')).toBe(true);
    expect(matchesSearch(text, 'aidant')).toBe(true);
    expect(matchesSearch(text, 'aidants emploi')).toBe(false);
    expect(matchesSearch(text, '')).toBe(true);
  });

  test('the database search counts the same words against its cap', () => {
    const words = Array.from({ length: SEARCH_LIMITS.maxTerms }, (_, i) => `mot${i}`);
    expect(() => checkSearchText([...words, 'répit'].join(' '))).toThrow(/17 mots/);
    expect(checkSearchText(words.join(' or '))).toBe(words.join(' or '));
  });
});
