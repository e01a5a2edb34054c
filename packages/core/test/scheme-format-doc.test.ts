import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { validateSchemeFile } from '../src/scheme-file/validate.ts';
import { schemeFileSchema } from '../src/scheme-file/scheme-file.ts';
import { validate } from '../src/validation/issues.ts';

const doc = readFileSync(new URL('../../../docs/scheme-format.md', import.meta.url), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/scheme-format.md', () => {
  it('gives a complete example that validates', () => {
    const complete = doc.slice(doc.indexOf('## Exemple complet'));
    const block = /```yaml\n([\s\S]*?)```/.exec(complete)![1]!;
    const result = validateSchemeFile(YAML.parse(block), 'fr');
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('gives examples of members by role, fuzzy dates, qualified figures, predecessors, publics and themes whose fields are all valid', () => {
    const base = { scheme: { code: '23-2025-2029', title: 'Exemple', departments: ['23'], period: { start: 2025, end: 2029 }, status: 'draft' } };
    const wanted = ['person:', "date: '2018-05/2018-07'", 'qualifier: more_than', 'predecessors:', 'publics:'];
    for (const needle of wanted) {
      const block = yamlBlocks.find((b) => b.includes(needle) && !b.includes('yaml-language-server'));
      expect(block, needle).toBeDefined();
      const parsed = YAML.parse(block!) as Record<string, unknown>;
      const file = { ...base, ...parsed, scheme: { ...base.scheme, ...(parsed.scheme as object), ...(parsed.keyFigures ? { keyFigures: parsed.keyFigures } : {}) } };
      delete (file as Record<string, unknown>).keyFigures;
      const result = validate(schemeFileSchema, file, 'fr');
      expect(result.ok ? [] : result.issues, needle).toEqual([]);
    }
  });
});
