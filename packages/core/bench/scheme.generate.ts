// The benchmark's generated scheme: 5 orientations × 4 axes × 50 actions, 3 indicators per action, 24 monthly values each.
import type { SchemeFileInput } from '../src/scheme-file/scheme-file.ts';

const ORIENTATIONS = 5;
const SUB_ORIENTATIONS = 4;
const ACTIONS_PER_SUB = 50;
const INDICATORS_PER_ACTION = 3;
const MONTHS = 24;
const STATUSES = ['planned', 'in_progress', 'done', 'paused', 'late'] as const;

/**
 * A generated scheme file of 1,000 actions, 3,000 indicators and 72,000 measurements; every figure is illustrative.
 *
 * ### Examples
 * ```ts
 * await importSchemeFile(db, generateScheme());
 * ```
 */
export function generateScheme(code = 'bench-92-2024-2028'): SchemeFileInput {
  let n = 0;
  const months = Array.from({ length: MONTHS }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  const orientations = Array.from({ length: ORIENTATIONS }, (_, o) => ({
    code: `${o + 1}`,
    title: `Orientation ${o + 1} : accompagner les publics fragiles`,
    orientations: Array.from({ length: SUB_ORIENTATIONS }, (_, s) => ({
      code: `${o + 1}.${s + 1}`,
      title: `Axe ${o + 1}.${s + 1}`,
      weight: s + 1,
      actions: Array.from({ length: ACTIONS_PER_SUB }, (_, a) => {
        const i = n++;
        const status = STATUSES[i % STATUSES.length]!;
        const actionCode = `${o + 1}.${s + 1}.${a + 1}`;
        return {
          code: actionCode,
          title: `Action ${actionCode} : développer l'accompagnement des aidants`,
          description: 'Une action générée pour mesurer les performances.',
          status,
          progress: status === 'in_progress' || status === 'late' ? (i * 7) % 100 : undefined,
          startDate: '2024-01-01',
          endDate: `${2025 + (i % 4)}-12-31`,
          illustrative: true,
          indicators: Array.from({ length: INDICATORS_PER_ACTION }, (_, k) => ({
            code: `ind-${actionCode}-${k + 1}`,
            name: `Indicateur ${k + 1} de l'action ${actionCode}`,
            unit: 'personnes',
            periodicity: 'month' as const,
            baseline: { value: 100, date: '2023-12-31' },
            target: { value: 200, date: '2028-12-31' },
            illustrative: true,
            measurements: months.map((period, m) => ({ period, territory: 'dep:92', value: 100 + m * 2 + k, illustrative: true })),
          })),
        };
      }),
    })),
  }));
  return {
    scheme: { code, title: 'Schéma de banc d’essai', departments: ['92'], period: { start: 2024, end: 2028 }, status: 'in_force', illustrative: true },
    orientations,
  };
}

