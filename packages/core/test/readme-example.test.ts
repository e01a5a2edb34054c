import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
// Written outside the repository so that no stray file is ever committed.
const folder = mkdtempSync(join(tmpdir(), 'sosms-readme-'));
const generated = join(folder, 'readme-example.ts');

/** The first `ts` block of the README's "Example" section, importing the package's sources. */
function readmeExample(): string {
  const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Example'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error('No ts block in the Example section of README.md');
  return match[1]!.replace("from '@sosms/core'", `from '${join(here, '..', 'src', 'index.ts')}'`);
}

describe('README example', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('runs as written and prints the progress it documents', async () => {
    writeFileSync(generated, readmeExample());
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      await import(/* @vite-ignore */ generated);
    } finally {
      log.mockRestore();
    }
    expect(lines).toEqual([
      '1 Soutenir les aidants : 70 %',
      '2 Prévenir la perte d’autonomie : 0 %',
      'Schéma : 35 %',
      'Aidants formés : 50 personnes en 2024, 25 % de la cible',
    ]);
    const printed = readFileSync(join(here, '..', 'README.md'), 'utf8');
    for (const line of lines) expect(printed).toContain(line);
  }, 120_000); // loads the whole package and starts its own PGlite store, which is slow on a loaded 2-core machine
});
