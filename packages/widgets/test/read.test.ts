import { describe, expect, test } from 'vitest';
import { chooseComparisonPeriod, filterActions, items, readComparison, readProgress, readSchemeActionsForSearch, readSchemeOverview } from '../src/data/read.ts';
import { completePages } from '../src/data/source.ts';
import { SchemeActions } from '../src/data/queries.ts';
import { actionUrl } from '../src/shared/links.ts';
import { ACTION_STATUS, HEALTH, label } from '../src/shared/i18n.ts';

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

  test('the default comparison period is the one the API states (core: most départements with a known value)', () => {
    expect(chooseComparisonPeriod({ sharedIndicators: [{ sharedCode: 'delai', comparisonPeriod: '2022' }] })).toBe('2022');
    expect(chooseComparisonPeriod({ sharedIndicators: [{ sharedCode: 'delai', comparisonPeriod: null }] })).toBeNull();
    expect(chooseComparisonPeriod({ sharedIndicators: [] })).toBeNull();
  });

  test('paged connections are completed page after page, and the counts match totalCount', async () => {
    const node = (i: number) => ({ id: `a${i}`, code: `1.${i}`, status: 'PLANNED', illustrative: i % 2 === 0, orientation: { id: 'o' } });
    const page = (from: number, to: number, total: number) => ({
      totalCount: total,
      pageInfo: { hasNextPage: to < total, endCursor: to < total ? `c${to}` : null },
      nodes: Array.from({ length: to - from }, (_, i) => node(from + i)),
    });
    const data = { scheme: { code: 's', title: 'S', actions: page(0, 100, 150) } };
    const asked: unknown[] = [];
    await completePages(data, SchemeActions, { scheme: 's' }, async (query, variables) => {
      asked.push([query.name, variables.after]);
      return { scheme: { actions: page(100, 150, 150) } };
    });
    expect(asked).toEqual([['SchemeActionsPage', 'c100']]);
    expect(readSchemeActionsForSearch(data, 's')).toHaveLength(150);
  });

  test('progress reads the counts core makes (actionCounts), in the API\'s order: the widget counts and sorts nothing', () => {
    const actionCounts = {
      total: 5,
      illustrative: 2,
      byStatus: [{ status: 'IN_PROGRESS', count: 3, illustrative: 1 }, { status: 'DONE', count: 2, illustrative: 1 }],
      byHealth: [{ health: null, count: 3, illustrative: 2 }, { health: 'AT_RISK', count: 2, illustrative: 0 }],
    };
    // Actions in the data are not what is counted: only actionCounts is read.
    const view = readProgress({ scheme: { code: 's', title: 'S', progress: 40, actionCounts, actions: { nodes: [{ code: '1', status: 'PLANNED' }] } } }, 's');
    expect(view).toMatchObject({ total: 5, illustrative: true });
    expect(view.byStatus).toEqual([{ key: 'in_progress', count: 3, illustrative: 1 }, { key: 'done', count: 2, illustrative: 1 }]);
    expect(view.byHealth).toEqual([{ key: 'unknown', count: 3, illustrative: 2 }, { key: 'at_risk', count: 2, illustrative: 0 }]);
    expect(readProgress({ scheme: { code: 's', title: 'S' } }, 's')).toMatchObject({ total: 0, byStatus: [], byHealth: [], illustrative: false });
    const withoutStatus = { ...actionCounts, byStatus: [{ status: null, count: 1, illustrative: 0 }, ...actionCounts.byStatus] };
    expect(readProgress({ scheme: { code: 's', title: 'S', actionCounts: withoutStatus } }, 's').byStatus).toEqual(view.byStatus);
  });

  test('result links follow the action-url template, values encoded', () => {
    expect(actionUrl('/s/{scheme}/a/{action}?d={department}', { schemeCode: '92-78-2018-2023', code: '1 & 2', departments: ['92', '78'] })).toBe('/s/92-78-2018-2023/a/1%20%26%202?d=92');
  });

  test('comparison rows keep the API\'s order, status and coverage: the widget sorts and counts nothing', () => {
    const nodes = [
      { department: '92', value: 3, status: 'KNOWN', unit: '%', sources: ['Observatoire'] },
      { department: '48', departmentName: 'Lozère', value: null, status: 'MASKED', unit: '%', illustrative: true, indicator: { name: 'Délai' } },
      { department: '77', value: null, status: 'NOT_APPLICABLE', unit: '%' },
    ];
    const view = readComparison({ compareIndicator: { departmentsWithValue: 1, nodes } }, 'd', '2022');
    expect(view?.rows.map((r) => [r.label, r.status, r.value, r.sources])).toEqual([
      ['92', 'known', 3, ['Observatoire']],
      ['Lozère (48)', 'masked', null, []],
      ['77', 'not_applicable', null, []],
    ]);
    expect(view?.withValue).toBe(1);
    // A masked value's revisions may be illustrative: no mark where no value is shown.
    expect(view?.rows.map((r) => r.illustrative)).toEqual([false, false, false]);
    expect(view?.illustrative).toBe(false);
  });

  test('the static search filters by theme and public, and matches words as core does', () => {
    const base = { id: '1', title: '', easyRead: null, status: null, progress: null, health: null, illustrative: false, schemeCode: null, schemeTitle: null, departments: [], publics: [] };
    const actions = [
      { ...base, code: '1', themes: ['carer_support'], text: 'Soutenir les aidants à domicile' },
      { ...base, code: '2', themes: [], text: 'Développer l’observatoire' },
    ];
    expect(filterActions(actions, { text: 'AIDANTS domicile', theme: null, public: null }).map((a) => a.code)).toEqual(['1']);
    expect(filterActions(actions, { text: 'developper', theme: null, public: null }).map((a) => a.code)).toEqual(['2']);
    expect(filterActions(actions, { text: '', theme: 'carer_support', public: null }).map((a) => a.code)).toEqual(['1']);
  });

  test('labels accept GraphQL upper-case enums and never show a blank', () => {
    expect(label(ACTION_STATUS, 'IN_PROGRESS', 'fr')).toBe('En cours');
    expect(label(HEALTH, 'AT_RISK', 'en')).toBe('At risk');
    expect(label(ACTION_STATUS, 'SOMETHING_NEW', 'fr')).toBe('SOMETHING_NEW');
  });
});
