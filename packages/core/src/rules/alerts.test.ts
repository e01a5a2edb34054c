import { describe, expect, it } from 'vitest';
import { actionAlerts, indicatorAlerts } from './alerts.ts';
import { addMonths, monthsBetween } from './dates.ts';

describe('month arithmetic', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15');
  });
  it('counts whole months', () => {
    expect(monthsBetween('2024-01-15', '2024-07-14')).toBe(5);
    expect(monthsBetween('2024-01-15', '2024-07-15')).toBe(6);
    expect(monthsBetween('2024-01-31', '2024-09-30')).toBe(8);
    expect(monthsBetween('2024-03-01', '2024-03-20')).toBe(0);
  });
});

describe('actionAlerts', () => {
  const codes = (alerts: { code: string }[]) => alerts.map((a) => a.code);

  it('flags an update older than six months, with the number of months', () => {
    const alerts = actionAlerts({ status: 'in_progress', endDate: '2028-12-31', lastUpdateDate: '2024-01-10' }, '2024-09-15');
    expect(alerts).toEqual([{ code: 'stale_update', message: { fr: 'Aucune mise à jour depuis 8 mois', en: 'No update for 8 months' } }]);
  });
  it('does not flag a fresh update, nor one exactly six months old', () => {
    expect(actionAlerts({ status: 'in_progress', lastUpdateDate: '2024-06-01' }, '2024-09-15')).toEqual([]);
    expect(actionAlerts({ status: 'in_progress', lastUpdateDate: '2024-03-15' }, '2024-09-15')).toEqual([]);
    expect(codes(actionAlerts({ status: 'in_progress', lastUpdateDate: '2024-03-14' }, '2024-09-15'))).toEqual(['stale_update']);
  });
  it('honours staleMonths', () => {
    expect(codes(actionAlerts({ status: 'paused', lastUpdateDate: '2024-06-01' }, '2024-09-15', { staleMonths: 3 }))).toEqual(['stale_update']);
    expect(actionAlerts({ status: 'paused', lastUpdateDate: '2024-01-01' }, '2024-09-15', { staleMonths: 12 })).toEqual([]);
  });
  it('flags an action in progress that never had an update, but not a planned one', () => {
    expect(codes(actionAlerts({ status: 'in_progress' }, '2024-09-15'))).toEqual(['stale_update']);
    expect(actionAlerts({ status: 'planned', lastUpdateDate: null }, '2024-09-15')).toEqual([]);
  });
  it('flags an end date passed when not done or abandoned', () => {
    const alerts = actionAlerts({ status: 'in_progress', endDate: '2023-12-31', lastUpdateDate: '2024-09-01' }, '2024-09-15');
    expect(alerts).toEqual([
      {
        code: 'overdue',
        message: { fr: "Échéance dépassée : l'action devait se terminer le 31/12/2023", en: 'Overdue: the action was due to end on 2023-12-31' },
      },
    ]);
    expect(actionAlerts({ status: 'in_progress', endDate: '2024-09-15', lastUpdateDate: '2024-09-01' }, '2024-09-15')).toEqual([]);
    expect(codes(actionAlerts({ status: 'late', endDate: '2024-01-01', lastUpdateDate: '2023-01-01' }, '2024-09-15'))).toEqual(['stale_update', 'overdue']);
  });
  it('raises nothing on done or abandoned actions', () => {
    expect(actionAlerts({ status: 'done', endDate: '2020-01-01', lastUpdateDate: '2019-01-01' }, '2024-09-15')).toEqual([]);
    expect(actionAlerts({ status: 'abandoned', endDate: '2020-01-01' }, '2024-09-15')).toEqual([]);
  });
});

describe('indicatorAlerts', () => {
  const series = (...values: (number | null)[]) => values.map((value, i) => ({ periodStart: `${2020 + i}-01-01`, value }));

  it('flags a rising indicator that falls', () => {
    const alerts = indicatorAlerts({ direction: 'up', baselineValue: 40, targetValue: 60 }, series(41, 45, 42.5));
    expect(alerts).toEqual([
      {
        code: 'wrong_direction',
        message: {
          fr: "L'indicateur évolue dans le mauvais sens : 45 → 42,5 (cible : 60)",
          en: 'The indicator is moving the wrong way: 45 → 42.5 (target: 60)',
        },
      },
    ]);
    expect(indicatorAlerts({ direction: 'up' }, series(42, 45))).toEqual([]);
  });
  it('flags a falling indicator that rises', () => {
    expect(indicatorAlerts({ direction: 'down', targetValue: 10 }, series(20, 18, 19)).map((a) => a.code)).toEqual(['wrong_direction']);
    expect(indicatorAlerts({ direction: 'down', targetValue: 10 }, series(20, 19, 18))).toEqual([]);
  });
  it('compares the last two known values, in period order', () => {
    // 2022 is missing: compare 2021 (45) with 2023 (44).
    expect(indicatorAlerts({ direction: 'up' }, series(50, 45, null, 44)).map((a) => a.code)).toEqual(['wrong_direction']);
    const shuffled = [
      { periodStart: '2024-04-01', value: 30 },
      { periodStart: '2024-01-01', value: 35 },
    ];
    // January 35 → April 30: falling.
    expect(indicatorAlerts({ direction: 'up' }, shuffled).length).toBe(1);
    expect(indicatorAlerts({ direction: 'down' }, shuffled)).toEqual([]);
  });
  it('accepts periods as well as first days', () => {
    expect(indicatorAlerts({ direction: 'up' }, [{ periodStart: '2024-Q2', value: 12 }, { periodStart: '2024-Q1', value: 10 }])).toEqual([]);
    expect(indicatorAlerts({ direction: 'up' }, [{ periodStart: '2024-03', value: 12 }, { periodStart: '2024-Q2', value: 10 }]).length).toBe(1);
  });
  it('infers the direction from baseline and target when it is missing', () => {
    expect(indicatorAlerts({ baselineValue: 20, targetValue: 10 }, series(15, 16)).length).toBe(1);
    expect(indicatorAlerts({ baselineValue: 20, targetValue: 10 }, series(16, 15))).toEqual([]);
    expect(indicatorAlerts({}, series(16, 15))).toEqual([]);
  });
  it('says nothing with fewer than two values or a flat series', () => {
    expect(indicatorAlerts({ direction: 'up' }, series(10))).toEqual([]);
    expect(indicatorAlerts({ direction: 'up' }, series(10, null))).toEqual([]);
    expect(indicatorAlerts({ direction: 'up' }, series(10, 10))).toEqual([]);
  });
});
