/** A generated scheme of 150 actions (more than one page of 100), one indicator corrected once. */
export const GENERATED_SCHEME = '01-2025-2029';

/**
 * The scheme file; `corrected` changes the 2025 value of the indicator, so importing twice leaves a
 * second revision. Every figure is illustrative (the scheme is invented for the tests).
 */
export function generatedScheme(corrected = false): Record<string, unknown> {
  const action = (i: number) => ({
    code: `${i <= 75 ? 1 : 2}.${i}`,
    title: `Action générée numéro ${i}`,
    status: i % 3 === 0 ? 'done' : i % 3 === 1 ? 'in_progress' : 'planned',
    progress: i % 3 === 0 ? 100 : i % 3 === 1 ? (i * 7) % 100 : 0,
    illustrative: true,
  });
  return {
    scheme: {
      code: GENERATED_SCHEME,
      title: 'Schéma généré pour les tests',
      departments: ['01'],
      period: { start: 2025, end: 2029 },
      status: 'in_force',
      illustrative: true,
    },
    partners: [{ code: 'cd-01', name: 'Département de l’Ain', kind: 'departement', departments: ['01'] }],
    orientations: [
      {
        code: '1',
        title: 'Première orientation générée',
        actions: Array.from({ length: 75 }, (_, i) => action(i + 1)),
        indicators: [
          {
            code: 'gen-ind',
            name: 'Indicateur généré',
            type: 'deployment',
            unit: 'personnes',
            direction: 'up',
            periodicity: 'year',
            aggregation: 'sum',
            illustrative: true,
            measurements: [
              { period: '2025', territory: 'dep:01', value: corrected ? 12 : 10, illustrative: true, comment: corrected ? 'Correction après contrôle' : undefined },
              { period: '2026', territory: 'dep:01', value: 14, illustrative: true },
            ],
          },
        ],
      },
      { code: '2', title: 'Deuxième orientation générée', actions: Array.from({ length: 75 }, (_, i) => action(i + 76)) },
    ],
  };
}
