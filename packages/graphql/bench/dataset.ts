// The national dataset of the gateway benchmark: 101 départements, one in-force scheme each with 60 actions,
// 3 indicators per action and 24 monthly measurements per indicator (436,320 measurements in all).
import type { SchemeFileInput } from '@sosms/core';

/** The 101 départements: 01–95 without 20, Corsica 2A and 2B, and five overseas. */
export const DEPARTMENTS = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A', '2B', '971', '972', '973', '974', '976',
];
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const STATUSES = ['planned', 'in_progress', 'in_progress', 'in_progress', 'done', 'late'] as const;

/** One scheme: 4 orientations × 3 objectives × 5 actions = 60 actions, 3 indicators each, 24 months of values. */
export function nationalScheme(department: string, n: number): SchemeFileInput {
  let actionIndex = 0;
  return {
    scheme: {
      code: `bench-${department}-2024-2028`,
      title: `Schéma départemental des solidarités ${department} (données de test)`,
      departments: [department],
      period: { start: 2024, end: 2028 },
      status: 'in_force',
      illustrative: true,
    },
    orientations: [1, 2, 3, 4].map((o) => ({
      code: `${o}`,
      title: `Orientation ${o}`,
      orientations: [1, 2, 3].map((s) => ({
        code: `${o}.${s}`,
        title: `Objectif ${o}.${s}`,
        actions: [1, 2, 3, 4, 5].map((a) => {
          actionIndex += 1;
          const status = STATUSES[(n + actionIndex) % STATUSES.length]!;
          return {
            code: `${o}.${s}.${a}`,
            title: `Action ${o}.${s}.${a} : accompagner les publics du territoire`,
            status,
            progress: status === 'in_progress' || status === 'late' ? (actionIndex * 7) % 90 : undefined,
            startDate: '2024-01-01',
            endDate: a % 2 === 0 ? '2026-06-30' : '2028-12-31',
            illustrative: true,
            indicators: [1, 2, 3].map((k) => ({
              code: `ind-${o}-${s}-${a}-${k}`,
              name: `Indicateur ${k} de l'action ${o}.${s}.${a}`,
              unit: '%',
              periodicity: 'month' as const,
              baseline: { value: 20, date: '2023-12-31' },
              target: { value: 60, date: '2028-12-31' },
              // One shared national code per scheme, for compareIndicator.
              sharedCode: o === 1 && s === 1 && a === 1 && k === 1 ? 'bench-rsa-emploi' : undefined,
              illustrative: true,
              measurements: MONTHS.map((period, m) => ({ period, territory: `dep:${department}`, value: 20 + ((m + n + k) % 30), illustrative: true })),
            })),
          };
        }),
      })),
    })),
  };
}

/** The dashboard query of the benchmark, asking for the first `first` schemes. */
export function dashboardQuery(first: number): string {
  return `query Dashboard {
  schemes(first: ${first}) {
    totalCount
    nodes {
      code title progress
      orientations(all: true) {
        nodes {
          code progress
          actions { nodes { code status health progress indicators { nodes { name latestMeasurement { period value } } } } }
        }
      }
    }
  }
}`;
}

export const COMPARE_SHARED_CODE = 'bench-rsa-emploi';
export const COMPARE_PERIOD = '2025-12';
export const COMPARE_QUERY = `query Compare { compareIndicator(sharedCode: "${COMPARE_SHARED_CODE}", period: "${COMPARE_PERIOD}") { totalCount nodes { department value target completionRate population } } }`;
