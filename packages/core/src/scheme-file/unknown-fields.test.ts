import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { fixtureScheme } from '../cli/test-fixture.ts';
import { validateSchemeFile } from './validate.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data edited in place
const edited = (mutate: (s: Record<string, any>) => void) => {
  const scheme = fixtureScheme();
  mutate(scheme);
  return YAML.parse(YAML.stringify(scheme)) as unknown;
};

describe('validation = the import checks', () => {
  it('refuses a misspelled field with its path and a « did you mean »', () => {
    const result = validateSchemeFile(
      edited((s) => {
        s.scheme.titel = s.scheme.title;
        s.orientations[1].actions[0].stauts = 'done';
        s.orientations[0].zzz = 1;
      }),
      'fr',
    );
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toContainEqual(expect.objectContaining({ path: 'scheme.titel', code: 'unknown_field', message: expect.stringContaining('vouliez-vous dire « title » ?') }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'orientations[1].actions[0].stauts', message: expect.stringContaining('« status »') }));
    expect(issues.find((i) => i.path === 'orientations[0].zzz')?.message).toMatch(/^champ inconnu : zzz ; champs possibles : code, title/);
    const en = validateSchemeFile(edited((s) => (s.scheme.titel = 'x')), 'en');
    expect(en.ok ? '' : en.issues[0]!.message).toContain('unknown field: titel (did you mean "title"?)');
  });

  it('refuses a partner listed twice in a body, and twice with one role in an action, with their paths', () => {
    const result = validateSchemeFile(
      edited((s) => {
        s.governingBodies = [{ code: 'copil', kind: 'copil', name: 'COPIL', members: [{ partner: 'cd-92' }, { partner: 'caf-92' }, { partner: 'cd-92', role: 'présidence' }] }];
        s.orientations[0].actions[0].partners.push({ partner: 'caf-92', role: 'partner' });
      }),
      'fr',
    );
    const issues = result.ok ? [] : result.issues;
    expect(issues).toContainEqual(expect.objectContaining({ path: 'governingBodies[0].members[2].partner', code: 'duplicate_member', message: 'membre en double : cd-92 déjà en members[0]' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'orientations[0].actions[0].partners[1]', code: 'duplicate_member' }));
  });

  it('holds a period to six calendar years, both ends included, as the docs state', () => {
    expect(validateSchemeFile(edited((s) => (s.scheme.period = { start: 2019, end: 2024 }))).ok).toBe(true);
    const seven = validateSchemeFile(edited((s) => (s.scheme.period = { start: 2018, end: 2024 })));
    expect(seven.ok ? undefined : seven.issues[0]).toMatchObject({ path: 'scheme.period.end', code: 'period_too_long' });
  });
});
