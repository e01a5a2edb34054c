import { describe, expect, it } from 'vitest';
import { createStore, DomainError } from '@sosms/core';
import { createErrorFormatter, localizeErrors } from '../src/errors.ts';
import { executeQuery } from '../src/index.ts';

describe('error handling', () => {
  it('masks unexpected errors as « Erreur interne » (English on request) and logs the cause', async () => {
    const store = await createStore();
    await store.close();
    const fr = await executeQuery(store.db, '{ schemes { totalCount } }');
    expect(fr.errors?.[0]).toMatchObject({ message: 'Erreur interne', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(fr.errors)).not.toMatch(/closed|PGlite|stack/i);
    const en = await executeQuery(store.db, '{ schemes { totalCount } }', {}, { lang: 'en' });
    expect(en.errors?.[0]?.message).toBe('Internal error');
  });

  it('answers NOT_FOUND to an undecodable global id, French then English', async () => {
    const store = await createStore();
    const { errors } = await executeQuery(store.db, '{ node(id: "garbage") { id } }');
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect(errors?.[0]?.message).toMatch(/^Aucun objet visible pour cet identifiant : garbage/);
    const en = await executeQuery(store.db, '{ node(id: "garbage") { id } }', {}, { lang: 'en' });
    expect(en.errors?.[0]?.message).toMatch(/^No visible object for this id/);
    await store.close();
  });

  it('turns a DomainError into extensions.code and issues', () => {
    const logged: unknown[] = [];
    const format = createErrorFormatter((e) => logged.push(e));
    const domain = new DomainError('VALIDATION', 'Données invalides', [{ path: 'endDate', code: 'end_before_start', message: 'la date de fin précède la date de début' }]);
    expect(format({ message: 'x', path: ['saveAction'] }, domain)).toEqual({
      message: 'Données invalides',
      path: ['saveAction'],
      locations: undefined,
      extensions: { code: 'VALIDATION', issues: [{ path: 'endDate', code: 'end_before_start', message: 'la date de fin précède la date de début' }] },
    });
    expect(format({ message: 'secret SQL detail' }, new Error('secret SQL detail')).message).toBe('Erreur interne');
    expect(logged).toHaveLength(1);
    expect(localizeErrors([{ message: 'Erreur interne', extensions: { code: 'INTERNAL_SERVER_ERROR' } }], 'en')?.[0]?.message).toBe('Internal error');
  });
});
