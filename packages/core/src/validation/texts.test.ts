import { describe, expect, test } from 'vitest';
import { translator } from './texts.ts';
import { valueMessage } from './values.ts';
import { accessMessage } from '../access/access.ts';
import { keyFigureValueText } from '../scheme/key-figure.ts';

describe('translator', () => {
  const t = translator({
    budget: { fr: 'Budget', en: 'Budget line' },
    limit: { fr: '{max} au plus ({length} reçus, {other})', en: 'at most {max} ({length} given, {other})' },
  });

  test('looks a text up by key and language', () => {
    expect(t('budget', 'fr')).toBe('Budget');
    expect(t('budget', 'en')).toBe('Budget line');
  });

  test('fills the placeholders it has parameters for, leaves the others, never reads inherited names', () => {
    expect(t('limit', 'fr', { max: 500, length: '600' })).toBe('500 au plus (600 reçus, {other})');
    expect(translator({ x: { fr: '{toString}', en: '' } })('x', 'fr', {})).toBe('{toString}');
  });

  test('writes parameters with the format given', () => {
    const n = translator({ n: { fr: '{n} octets', en: '{n} bytes' } }, (v, lang) => `${v}${lang}`);
    expect(n('n', 'en', { n: 3 })).toBe('3en bytes');
  });

  test('the value rules and the access checks read their messages through it', () => {
    expect(valueMessage('too_long', 'fr', { max: 20000, length: 20001 })).toBe('texte trop long : 20 000 caractères au plus (20 001 reçus)');
    expect(valueMessage('too_long', 'en', { max: 20000, length: 20001 })).toBe('text too long: at most 20,000 characters (20,001 given)');
    expect(accessMessage('operator_only', 'en')).toBe('This operation is reserved for the operator (the command line on the server)');
    expect(keyFigureValueText({ value: 80, qualifier: 'more_than', unit: 'cartes' })).toBe('plus de 80 cartes');
    expect(keyFigureValueText({ value: 1200, qualifier: 'about', unit: '{value}' }, 'en')).toBe('about 1,200 {value}');
  });
});
