import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { JSON_SCHEMA_PATH, printSchemeFileJsonSchema } from '../../scripts/print-json-schema.ts';
import { fixtureScheme, fixtureSchemeYaml } from '../cli/test-fixture.ts';
import { decodeUtf8, parseSchemeFileText, readSchemeFile } from './read-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'sosms-read-file-'));
const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readSchemeFile', () => {
  it('reads and validates a YAML file and the same scheme in JSON', async () => {
    const yaml = await readSchemeFile(write('ok.yaml', fixtureSchemeYaml()));
    expect(yaml.ok).toBe(true);
    const json = await readSchemeFile(write('ok.json', JSON.stringify(fixtureScheme())));
    expect(json).toEqual(yaml);
    // Bytes without a name: the format is told by the content.
    expect(await readSchemeFile(Buffer.from(JSON.stringify(fixtureScheme())))).toEqual(yaml);
  });

  it('accepts a UTF-8 BOM', async () => {
    const result = await readSchemeFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixtureSchemeYaml())]), 'fr', { name: 'bom.yaml' });
    expect(result.ok).toBe(true);
  });

  it('refuses a file that is not UTF-8 and names the line', async () => {
    // The same text saved as Latin-1 (Windows « ANSI »): é is one byte 0xE9, not UTF-8.
    const latin1 = Buffer.from(fixtureSchemeYaml(), 'latin1');
    const result = await readSchemeFile(write('latin1.yaml', latin1));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = fixtureSchemeYaml().split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l)) + 1;
    expect(result.issues).toEqual([{ path: '', code: 'not_utf8', message: expect.stringContaining(`ligne ${line} : le fichier n'est pas encodé en UTF-8`) }]);
    const en = await readSchemeFile(latin1, 'en', { name: 'latin1.yaml' });
    expect(!en.ok && en.issues[0]!.message).toContain(`line ${line}: the file is not UTF-8 encoded`);
  });

  it('gives the line and column of a YAML syntax error, in French and in English', async () => {
    const broken = fixtureSchemeYaml().replace("departments: ['92', '78']", "departments: ['92', '78'");
    const line = broken.split('\n').findIndex((l) => l.includes('departments')) + 1;
    const fr = await readSchemeFile(write('broken.yaml', broken));
    expect(fr.ok).toBe(false);
    if (fr.ok) return;
    expect(fr.issues[0]!.code).toBe('yaml_syntax');
    expect(fr.issues[0]!.message).toMatch(/^ligne \d+, colonne \d+ : syntaxe YAML invalide \(/);
    const reported = Number(/^ligne (\d+)/.exec(fr.issues[0]!.message)![1]);
    expect(reported).toBeGreaterThanOrEqual(line);
    const en = await readSchemeFile(Buffer.from(broken), 'en', { name: 'broken.yaml' });
    expect(!en.ok && en.issues[0]!.message).toMatch(/^line \d+, column \d+: invalid YAML syntax/);
  });

  it('reports a duplicate YAML key as a syntax error', () => {
    const result = parseSchemeFileText('scheme:\n  code: a\n  code: b\n', 'yaml');
    expect(!result.ok && result.issues[0]!.message).toMatch(/^ligne 3, colonne 3 : syntaxe YAML invalide/);
  });

  it('gives the line and column of a JSON syntax error', () => {
    const result = parseSchemeFileText('{\n  "scheme": {\n    "code": "a",\n  }\n}', 'json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]!.message).toMatch(/^ligne 4, colonne 3 : syntaxe JSON invalide/);
  });

  it('refuses an empty file and a missing file', async () => {
    expect(await readSchemeFile(write('empty.yaml', '  \n'))).toEqual({ ok: false, issues: [{ path: '', code: 'file_empty', message: 'le fichier est vide' }] });
    const missing = await readSchemeFile(join(dir, 'nope.yaml'));
    expect(!missing.ok && missing.issues[0]!.message).toContain('fichier introuvable');
  });

  it('lists schema errors with their path, in French by default and in English on request', async () => {
    const scheme = fixtureScheme() as { orientations: { actions: Record<string, unknown>[] }[] };
    scheme.orientations[1]!.actions[3]!.startDate = '2025-13-01';
    const path = write('bad-date.yaml', YAML.stringify(scheme));
    const fr = await readSchemeFile(path);
    expect(fr).toEqual({ ok: false, issues: [{ path: 'orientations[1].actions[3].startDate', code: 'date_invalid', message: "cette date n'existe pas" }] });
    if (!fr.ok) expect(fr.issues[0]!.message).toBe("cette date n'existe pas");
    const en = await readSchemeFile(path, 'en');
    expect(!en.ok && en.issues[0]!.message).toBe('this date does not exist');
  });

  it('runs the cross-reference checks (unknown partner)', async () => {
    const text = fixtureSchemeYaml().replace('pilot: cd-92', 'pilot: caf-99');
    const result = await readSchemeFile(Buffer.from(text), 'fr', { name: 'x.yaml' });
    expect(!result.ok && result.issues).toEqual([{ path: 'orientations[0].actions[0].pilot', code: 'unknown_partner', message: 'partenaire inconnu : caf-99' }]);
    // A partner the database already knows is accepted.
    expect((await readSchemeFile(Buffer.from(text), 'fr', { name: 'x.yaml', known: { partners: new Set(['caf-99']) } })).ok).toBe(true);
  });
});

describe('decodeUtf8', () => {
  it('finds the line of the first invalid byte', () => {
    expect(decodeUtf8(Buffer.from('a\nb\nc\xe9', 'latin1'))).toEqual({ ok: false, line: 3 });
    expect(decodeUtf8(Buffer.from('é\n€'))).toEqual({ ok: true, text: 'é\n€' });
  });
});

describe('scheme-file.schema.json', () => {
  it('is the JSON Schema printed from schemeFileSchema (run scripts/print-json-schema.ts when it drifts)', () => {
    expect(readFileSync(JSON_SCHEMA_PATH, 'utf8')).toBe(printSchemeFileJsonSchema());
  });

  it('leaves fields with defaults optional (input mode)', () => {
    const schema = JSON.parse(printSchemeFileJsonSchema()) as { properties: { indicators: { items: { required: string[] } } } };
    expect(schema.properties.indicators.items.required).toEqual(['code', 'name']);
  });
});

describe('scheme-file.schema.json as editors read it', () => {
  it('closes every object (additionalProperties: false) and describes every field in French', () => {
    const schema = JSON.parse(printSchemeFileJsonSchema()) as unknown;
    const open: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      const object = node as Record<string, unknown>;
      if (object.properties) {
        if (object.additionalProperties !== false) open.push(path);
        for (const [name, property] of Object.entries(object.properties as Record<string, Record<string, unknown>>)) {
          if (typeof property.description !== 'string' || property.description.length < 3) undescribed.push(`${path}.${name}`);
        }
      }
      for (const [key, child] of Object.entries(object)) walk(child, `${path}.${key}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
    expect(undescribed).toEqual([]);
  });
});
