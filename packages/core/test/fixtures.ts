import type { SchemeFileInput } from '../src/scheme-file/scheme-file.ts';

/**
 * A small scheme that exercises every section of the file format. Its measurements are illustrative.
 */
export function sampleSchemeFile(code = 'test-00-2024-2028', departments: string[] = ['48']): SchemeFileInput {
  return {
    scheme: {
      code,
      title: 'Schéma de test des solidarités',
      departments,
      period: { start: 2024, end: 2028 },
      status: 'in_force',
      adoption: { date: '2024-03-15', reference: 'DEL-2024-12' },
      levels: ['Orientation', 'Axe'],
      summary: 'Un schéma pour accompagner les personnes âgées et les familles.',
      principles: [{ kind: 'value', text: 'La bienveillance' }],
      keyFigures: [{ label: 'Habitants', value: 76000, year: 2024, illustrative: true }],
      illustrative: true,
    },
    partners: [
      { code: 'test-ars', name: 'ARS de test', kind: 'ars' },
      { code: 'test-caf', name: 'CAF de test', kind: 'caf' },
    ],
    districts: [{ code: 'mds-nord', name: 'MDS Nord', kind: 'MDS', communes: ['com:48095', 'com:48166'] }],
    orientations: [
      {
        code: '1',
        title: 'Gouvernance',
        orientations: [
          {
            code: '1.1',
            title: 'Piloter et évaluer',
            actions: [
              {
                code: '1.1.1',
                title: 'Accompagner les aidants des personnes âgées',
                description: 'Créer un guichet pour accompagner les aidants.',
                publics: ['carers', 'elderly'],
                themes: ['carer_support'],
                territories: ['dep:48', 'mds-nord'],
                pilot: 'test-ars',
                partners: [{ partner: 'test-caf', role: 'funder' }],
                startDate: '2024-01-01',
                endDate: '2026-12-31',
                milestones: [{ date: '2025-06-30', title: 'Ouverture du guichet' }],
                budget: [{ year: 2024, funder: 'test-caf', planned: 10000, executed: 8000 }],
                priority: 'high',
                status: 'in_progress',
                progress: 40,
                updates: [{ date: '2024-06-01', kind: 'achievement', text: 'Recrutement fait', illustrative: true }],
                indicators: [
                  {
                    code: 'ind-aidants',
                    name: 'Aidants accompagnés',
                    unit: 'personnes',
                    baseline: { value: 100, date: '2023-12-31' },
                    target: { value: 300, date: '2028-12-31' },
                    sharedCode: 'aidants-accompagnes',
                    owner: 'test-caf',
                    measurements: [
                      { period: '2024', territory: 'dep:48', value: 150, illustrative: true },
                      { period: '2025', territory: 'com:48095', missingReason: 'statistical_secrecy', illustrative: true },
                      { period: '2025', territory: 'dep:48', value: 180, illustrative: true },
                    ],
                    illustrative: true,
                  },
                ],
              },
            ],
          },
        ],
      },
      { code: '2', title: 'Prévention', weight: 2, actions: [{ code: '2.1', title: 'Prévenir la perte d’autonomie', status: 'planned' }] },
    ],
    indicators: [{ code: 'ind-pop', name: 'Population', type: 'context', unit: 'habitants' }],
    governingBodies: [
      {
        code: 'copil',
        kind: 'copil',
        name: 'Comité de pilotage',
        members: [{ partner: 'test-ars', role: 'membre' }],
        meetings: [{ date: '2024-04-09', title: 'Validation des orientations', decisions: [{ text: 'Orientations validées', orientations: ['1'] }] }],
      },
    ],
    phases: [{ code: 'p1', kind: 'elaboration', title: 'Groupes de travail', date: '2023-01-30/2023-02-14' }],
    consultationEvents: [{ code: 'gt1', kind: 'working_group', title: 'Groupes de travail', date: '2023-01-30', participants: 107, proposalsCount: 93, partners: ['test-caf'] }],
    proposals: [{ code: 'prop-1', text: 'Créer un guichet des aidants', event: 'gt1', outcome: 'retained', actions: ['1.1.1'] }],
  };
}
