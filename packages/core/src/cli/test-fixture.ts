import YAML from 'yaml';

/**
 * A small scheme of two départements used by the CLI, spreadsheet and open-data tests: two orientations,
 * five actions (orientation 2 holds four, so `orientations[1].actions[3]` exists), one indicator with
 * measurements in each département. Not real data: every value is marked illustrative.
 *
 * ### Examples
 * ```ts
 * writeFileSync(join(dir, 'scheme.yaml'), fixtureSchemeYaml());
 * ```
 */
export function fixtureSchemeYaml(code = 'test-92-78'): string {
  return `# Schéma de test (illustratif)
scheme:
  code: ${code}
  title: Schéma interdépartemental de test
  departments: ['92', '78']
  period: { start: 2024, end: 2028 }
  status: in_force
  illustrative: true
partners:
  - { code: cd-92, name: Département des Hauts-de-Seine, kind: departement }
  - { code: caf-92, name: CAF des Hauts-de-Seine, kind: caf }
districts:
  - { code: sst-01, name: SST 1, kind: SST, communes: ['com:92012'] }
orientations:
  - code: '1'
    title: Accès aux droits
    actions:
      - code: '1.1'
        title: Créer un 14e Service des Solidarités Territoriales
        pilot: cd-92
        partners: [{ partner: caf-92, role: partner }]
        startDate: 2024-01-01
        endDate: 2026-12-31
        status: in_progress
        progress: 40
        territories: ['dep:92', sst-01]
        illustrative: true
  - code: '2'
    title: Insertion
    actions:
      - { code: '2.1', title: 'Caravane solidaire, « aller vers » et "maraudes"' }
      - { code: '2.2', title: Plateforme emploi }
      - { code: '2.3', title: Parcours des jeunes }
      - { code: '2.4', title: Accompagnement global, startDate: 2025-01-01 }
    indicators:
      - code: rsa-emploi-12m
        name: Part des bénéficiaires du RSA en emploi après 12 mois
        unit: '%'
        sharedCode: rsa-emploi-12m
        baseline: { value: 40, date: 2023-12-31 }
        target: { value: 60, date: 2028-12-31 }
        illustrative: true
        measurements:
          - { period: '2024', territory: 'dep:92', value: 45, illustrative: true }
          - { period: '2024', territory: 'dep:78', value: 50, illustrative: true }
`;
}

/** The fixture as a parsed object, to change one field in a test. */
export function fixtureScheme(code?: string): Record<string, unknown> {
  return YAML.parse(fixtureSchemeYaml(code)) as Record<string, unknown>;
}
