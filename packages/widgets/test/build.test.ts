import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ENTRIES } from '../scripts/entries.mjs';
import { PACKAGE_ROOT } from './harness.ts';

// dist/ is built by globalSetup when stale.
describe('build', () => {
  test('each entry is one self-contained ES module (no import of Lit or of a shared chunk)', () => {
    for (const name of Object.keys(ENTRIES)) {
      const code = readFileSync(join(PACKAGE_ROOT, 'dist', `${name}.js`), 'utf8');
      expect(code, name).not.toMatch(/(^|[;\n])\s*import\s*[{*\w'"]/);
      expect(code, name).not.toMatch(/\bimport\(/);
      // Lit's dev-mode warning is left out of the build.
      expect(code, name).not.toContain('Lit is in dev mode');
    }
  });

  test('the size script prints gzip bytes per entry and passes the budgets', () => {
    const out = execFileSync(process.execPath, [join(PACKAGE_ROOT, 'scripts/size.mjs')], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    for (const name of Object.keys(ENTRIES)) expect(out).toMatch(new RegExp(`${name}\\.js\\s+\\d+\\s+\\d+\\s+\\d+\\s+ok`));
  });

  test('custom-elements.json describes the nine widgets with their attributes, events, parts and CSS properties', () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'custom-elements.json'), 'utf8')) as {
      modules: { path: string; declarations?: { tagName?: string; customElement?: boolean; attributes?: { name: string }[]; events?: { name: string }[]; cssParts?: unknown[]; cssProperties?: unknown[] }[] }[];
    };
    // In path order, whatever order the file system lists src/ in: a build leaves the tree clean.
    const paths = manifest.modules.map((m) => m.path);
    expect(paths).toEqual([...paths].sort());
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
    expect(elements.map((e) => e.tagName).sort()).toEqual(['sosms-action', 'sosms-compare', 'sosms-evaluation', 'sosms-indicator', 'sosms-progress', 'sosms-proposals', 'sosms-scheme', 'sosms-search', 'sosms-timeline']);
    for (const element of elements) {
      const attributes = element.attributes!.map((a) => a.name);
      for (const common of ['endpoint', 'src', 'scheme', 'lang', 'easy-read', 'theme', 'look', 'dark-selector', 'heading-level', 'timeout']) expect(attributes, element.tagName).toContain(common);
      expect(element.events!.map((e) => e.name)).toContain('sosms-error');
      expect(element.cssParts!.length).toBeGreaterThan(0);
      expect(element.cssProperties!.length).toBeGreaterThan(0);
    }
  });
});
