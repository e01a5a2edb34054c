import { describe, expect, test } from 'vitest';
import { filterActions, fold, items, readComparison, readLatestPeriod, readSchemeOverview } from '../src/data/read.ts';
import { label } from '../src/shared/i18n.ts';

describe('readers', () => {
  test('connections read as nodes or edges', () => {
    expect(items({ nodes: [{ a: 1 }] })).toEqual([{ a: 1 }]);
    expect(items({ edges: [{ node: { a: 2 } }] })).toEqual([{ a: 2 }]);
    expect(items(null)).toEqual([]);
  });

  test('the orientation tree is rebuilt from parent ids, in reading order (1.2 before 1.10)', () => {
    const view = readSchemeOverview(
      {
        scheme: {
          code: 'x',
          title: 'X',
          departments: ['48'],
          orientations: { nodes: [{ id: 'b', code: '1.10', parent: { id: 'a' } }, { id: 'c', code: '1.2', parent: { id: 'a' } }, { id: 'a', code: '1', parent: null }] },
          actions: { nodes: [{ id: 'z', code: '1.2.1', status: 'IN_PROGRESS', orientation: { id: 'c' } }] },
        },
      },
      'x',
    );
    expect(view.orientations.map((o) => o.code)).toEqual(['1']);
    expect(view.orientations[0].orientations.map((o) => o.code)).toEqual(['1.2', '1.10']);
    expect(view.orientations[0].orientations[0].actions[0]).toMatchObject({ code: '1.2.1', status: 'in_progress' });
  });

  test('an unknown scheme is a SCHEME_NOT_FOUND failure', () => {
    expect(() => readSchemeOverview({ scheme: null }, 'nope')).toThrow(expect.objectContaining({ code: 'SCHEME_NOT_FOUND', detail: 'nope' }));
  });

  test('the latest period orders years, quarters and months by their start', () => {
    expect(readLatestPeriod({ indicators: { nodes: [{ latestMeasurement: { period: '2023-Q4' } }, { latestMeasurement: { period: '2024' } }, { latestMeasurement: null }] } })).toBe('2024');
    expect(readLatestPeriod({ indicators: { nodes: [] } })).toBeNull();
  });

  test('comparison rows are sorted by département', () => {
    const view = readComparison({ compareIndicator: { nodes: [{ department: '92', value: 3, unit: '%' }, { department: '48', departmentName: 'Lozère', value: 5, unit: '%', indicator: { name: 'Délai' } }] } }, 'd', '2022');
    expect(view?.rows.map((r) => r.label)).toEqual(['Lozère (48)', '92']);
  });

  test('search folds accents and case, and every word must match', () => {
    const base = { id: '1', title: '', easyRead: null, status: null, progress: null, health: null, illustrative: false, schemeCode: null, schemeTitle: null, publics: [] };
    const actions = [
      { ...base, code: '1', themes: ['carer_support'], text: 'Soutenir les aidants à domicile' },
      { ...base, code: '2', themes: [], text: 'Développer l’observatoire' },
    ];
    expect(fold('Élaborer')).toBe('elaborer');
    expect(filterActions(actions, { text: 'AIDANTS domicile', theme: null, public: null }).map((a) => a.code)).toEqual(['1']);
    expect(filterActions(actions, { text: 'developper', theme: null, public: null }).map((a) => a.code)).toEqual(['2']);
    expect(filterActions(actions, { text: '', theme: 'carer_support', public: null }).map((a) => a.code)).toEqual(['1']);
  });

  test('labels accept GraphQL upper-case enums and never show a blank', () => {
    expect(label('actionStatus', 'IN_PROGRESS', 'fr')).toBe('En cours');
    expect(label('health', 'AT_RISK', 'en')).toBe('At risk');
    expect(label('actionStatus', 'SOMETHING_NEW', 'fr')).toBe('SOMETHING_NEW');
  });
});
