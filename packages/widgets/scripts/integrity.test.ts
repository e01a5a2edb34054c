// The subresource-integrity hashes of the build (scripts/integrity.mjs): dist/integrity.json and the README's
// embed snippet carry the sha384 of the files dist/ holds. dist/ is built by globalSetup when stale.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ENTRIES } from './entries.mjs';
import { readmeBlock } from './integrity.mjs';
import { PACKAGE_ROOT } from '../test/harness.ts';

const sha384 = (file: string) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

describe('integrity hashes', () => {
  const files = Object.keys(ENTRIES).map((name) => `${name}.js`);
  const written = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist', 'integrity.json'), 'utf8')) as Record<string, string>;

  test('dist/integrity.json holds the sha384 of every entry, as the integrity attribute takes it', () => {
    expect(Object.keys(written).sort()).toEqual([...files].sort());
    for (const file of files) expect(written[file], file).toBe(sha384(join(PACKAGE_ROOT, 'dist', file)));
  });

  test("the README's embed snippet shows the full bundle's hash and a table of every file's", () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(readme).toContain(readmeBlock(version, written));
    expect(readme).toMatch(new RegExp(`<script type="module" src="[^"]+@${version.replace(/\./g, '\\.')}/dist/sosms-widgets\\.js"\\s+integrity="${written['sosms-widgets.js']!.replace(/[+/]/g, '\\$&')}" crossorigin="anonymous">`));
  });
});
