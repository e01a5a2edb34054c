import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionSchema } from '../action/action.ts';
import { consultationEventSchema } from '../consultation/consultation.ts';
import { parseSchemeFile, parseSchemeFileText } from '../scheme-file/read-file.ts';
import { validateSchemeFile } from '../scheme-file/validate.ts';
import { sampleSchemeFile } from '../../test/fixtures.ts';
import { validate } from './issues.ts';
import { checkValues, DEFAULT_LENGTH_CAP, LENGTH_CAPS, VALUE_LIMITS } from './values.ts';

const issuesOf = (input: unknown, lang: 'fr' | 'en' = 'fr') => {
  const result = validateSchemeFile(input, lang);
  return result.ok ? [] : result.issues;
};
const withScheme = (change: (file: any) => void) => {
  const file = JSON.parse(JSON.stringify(sampleSchemeFile('v-48', ['48'])));
  change(file);
  return file;
};

describe('the value rules the database enforces', () => {
  it.each([
    ['a NUL character', (f: any) => (f.scheme.title = 'Schéma\u0000'), 'scheme.title', 'nul_character', 'caractère nul (U+0000) interdit dans un texte'],
    ['a lone high surrogate in a text column', (f: any) => (f.scheme.summary = 'abc\ud800'), 'scheme.summary', 'lone_surrogate', 'texte mal encodé'],
    ['a lone low surrogate in a JSON column', (f: any) => (f.scheme.keyFigures[0].label = '\udc00x'), 'scheme.keyFigures[0].label', 'lone_surrogate', 'demi-caractère UTF-16 isolé'],
    ['a lone surrogate in a list of texts', (f: any) => (f.orientations[0].orientations[0].actions[0].objectives = ['ok', '\ud83d']), 'orientations[0].orientations[0].actions[0].objectives[1]', 'lone_surrogate', 'texte mal encodé'],
    ['a 5 MB title', (f: any) => (f.scheme.title = 'x'.repeat(5_000_000)), 'scheme.title', 'too_long', 'texte trop long : 500 caractères au plus (5 000 000 reçus)'],
    ['a description past its cap', (f: any) => (f.orientations[0].orientations[0].actions[0].description = 'é'.repeat(DEFAULT_LENGTH_CAP + 1)), 'orientations[0].orientations[0].actions[0].description', 'too_long', '20 000 caractères au plus'],
    ['year 0000', (f: any) => (f.scheme.adoption.date = '0000-01-01'), 'scheme.adoption.date', 'date_range', 'date hors de la plage admise (1900-01-01 à 2100-12-31)'],
    ['year 2101 in a milestone', (f: any) => (f.orientations[0].orientations[0].actions[0].milestones = [{ date: '2101-01-01', title: 'x' }]), 'orientations[0].orientations[0].actions[0].milestones[0].date', 'date_range', 'date hors de la plage admise'],
    ['a measurement period of year 0', (f: any) => (f.indicators = [{ code: 'i', name: 'I', measurements: [{ period: '0000', territory: 'dep:48', value: 1 }] }]), 'indicators[0].measurements[0].period', 'date_range', 'date hors de la plage admise'],
    ['2^31 participants', (f: any) => (f.consultationEvents = [{ code: 'e', kind: 'other', title: 'R', date: '2024-01-01', participants: 2 ** 31 }]), 'consultationEvents[0].participants', 'integer_range', 'nombre entier hors de la plage admise (0 à 2 147 483 647)'],
  ])('refuses %s with its path and a French message', (_name, change, path, code, message) => {
    const issues = issuesOf(withScheme(change));
    expect(issues).toContainEqual({ path, code, message: expect.stringContaining(message) });
    // One issue per field: the value rule's.
    expect(issues.filter((i) => i.path === path)).toHaveLength(1);
  });

  it('accepts the edges of every range and well-formed pairs', () => {
    const file = withScheme((f) => {
      f.scheme.title = 'x'.repeat(LENGTH_CAPS.title!);
      f.scheme.summary = 'Emoji 👵 et accents : é, ß, 中文';
      f.scheme.adoption.date = VALUE_LIMITS.dates.min;
      f.consultationEvents.push({ code: 'e', kind: 'other', title: 'R', date: VALUE_LIMITS.dates.max, participants: VALUE_LIMITS.int4.max });
    });
    expect(issuesOf(file)).toEqual([]);
  });

  it('speaks English on request', () => {
    const issues = issuesOf(withScheme((f) => (f.scheme.title = 'a\u0000')), 'en');
    expect(issues).toContainEqual({ path: 'scheme.title', code: 'nul_character', message: 'NUL character (U+0000) not allowed in a text' });
  });

  it('applies the same rules to a command input as to a file (one home)', () => {
    const bad = { code: '1', title: 'a\u0000', startDate: '0000-01-01', objectives: ['\ud800'] };
    const result = validate(actionSchema, bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['title', 'nul_character'],
      ['objectives[0]', 'lone_surrogate'],
      ['startDate', 'date_range'],
    ]);
    expect(validate(consultationEventSchema, { code: 'e', kind: 'other', title: 'R', date: '2024-01-01', proposalsCount: 2 ** 31 }).ok).toBe(false);
  });

  it('checks keys too, escaped and shortened in the path', () => {
    expect(checkValues({ scheme: { ['bad\u0000key']: 1 } }).issues).toEqual([{ path: 'scheme.bad\\u0000key', code: 'nul_character', message: expect.any(String) }]);
    const long = checkValues({ ['k'.repeat(1_000)]: 1 }).issues;
    expect(long[0]!.path).toBe(`${'k'.repeat(40)}…`);
  });

  it('refuses a cycle and a runaway nesting without walking them (no stack overflow)', () => {
    const cyclic: any = { scheme: { code: 'a' }, orientations: [{ code: '1', title: 't' }] };
    cyclic.orientations[0].orientations = [cyclic.orientations[0]];
    expect(issuesOf(cyclic)).toEqual([{ path: 'orientations[0].orientations[0]', code: 'recursive_value', message: expect.stringContaining('valeur récursive') }]);
    let deep: any = { code: 'x', title: 't' };
    for (let i = 0; i < 1_500; i++) deep = { code: `c${i}`, title: 't', orientations: [deep] };
    const issues = issuesOf(withScheme((f) => (f.orientations = [deep])));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'too_deep', message: `imbrication trop profonde : ${VALUE_LIMITS.depth} niveaux au plus (objets et listes)` });
    // A shared (not cyclic) value is no cycle.
    const shared = { kind: 'value', text: 'Partagé' };
    expect(issuesOf(withScheme((f) => (f.scheme.principles = [shared, shared])))).toEqual([]);
  });
});

describe('YAML and file limits', () => {
  const header = 'scheme: { code: y-48, title: T, departments: ["48"], period: { start: 2024, end: 2028 }, status: draft }\n';

  it('refuses a recursive alias with its line, in French', () => {
    const result = parseSchemeFileText(`${header}orientations:\n  - &o\n    code: "1"\n    title: t\n    orientations: [*o]\n`, 'yaml');
    expect(result).toEqual({ ok: false, issues: [{ path: '', code: 'yaml_recursive_alias', message: expect.stringMatching(/^ligne 6, colonne 20 : alias YAML récursif/) }] });
  });

  it('refuses an alias bomb with the library limit, not its exception', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(',')}]`);
    const result = parseSchemeFileText(levels.join('\n'), 'yaml', 'en');
    expect(result).toEqual({ ok: false, issues: [{ path: '', code: 'yaml_alias_limit', message: `too many YAML aliases: their expansions exceed ${VALUE_LIMITS.yamlAliases} (write the values out)` }] });
    // A few aliases are fine.
    const few = parseSchemeFileText(`${header}partners:\n  - &p { code: p1, name: P, kind: association }\nphases: []\n`, 'yaml');
    expect(few.ok).toBe(true);
  });

  it('refuses a nesting that would overflow the parsers, YAML and JSON', () => {
    for (const [text, format] of [
      ['['.repeat(20_000) + ']'.repeat(20_000), 'yaml'],
      // Under a key, 20,000 levels used to abort the process (V8 out of memory compiling a regexp at the stack's end).
      [`scheme: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'yaml'],
      [`${'- '.repeat(20_000)}x`, 'yaml'],
      [Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1', 'yaml'],
    ] as const) {
      const result = parseSchemeFileText(text, format);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]).toMatchObject({ code: 'too_deep', message: expect.stringContaining('imbrication trop profonde') });
    }
    const json = parseSchemeFileText('['.repeat(200_000) + ']'.repeat(200_000), 'json');
    expect(json.ok && validateSchemeFile(json.data).ok).toBe(false);
    if (json.ok) expect((validateSchemeFile(json.data) as { issues: { code: string }[] }).issues[0]!.code).toBe('too_deep');
  });

  it('refuses a file past the size limit before reading it', async () => {
    const big = new Uint8Array(VALUE_LIMITS.fileBytes + 1).fill(0x20);
    expect(await parseSchemeFile(big)).toEqual({ ok: false, issues: [{ path: '', code: 'file_too_large', message: 'fichier trop volumineux : 50 Mo au plus' }] });
  });

  it('are the limits docs/scheme-format.md states', () => {
    const page = readFileSync(new URL('../../../../docs/scheme-format.md', import.meta.url), 'utf8');
    const section = page.slice(page.indexOf('### Limites des valeurs'));
    expect(section.length).toBeGreaterThan(100);
    const n = (v: number) => v.toLocaleString('fr-FR').replace(/\u202f/g, ' ');
    for (const text of [VALUE_LIMITS.dates.min, VALUE_LIMITS.dates.max, n(VALUE_LIMITS.int4.max), `${VALUE_LIMITS.depth} niveaux`, `${VALUE_LIMITS.fileBytes / 1024 / 1024} Mo`, `${VALUE_LIMITS.yamlAliases} `, n(DEFAULT_LENGTH_CAP)]) {
      expect(section).toContain(text);
    }
    for (const [field, cap] of Object.entries(LENGTH_CAPS)) expect(section).toMatch(new RegExp(`\`${field}\`[^\\n]*\\| ${n(cap)} \\|`));
  });
});
