import type { Kysely } from 'kysely';
import type { Database } from '../../src/database/database.ts';
import { importSchemeFile } from '../../src/scheme-file/import.ts';
import { getSchemesByCodes } from '../../src/scheme/scheme.repository.ts';
import type { Scheme } from '../../src/scheme/scheme.service.ts';
import type { SchemeFileInput } from '../../src/scheme-file/scheme-file.ts';
import { sampleSchemeFile } from '../fixtures.ts';

// The checksum of every table lives beside the engines, so that the gateway's tests use it too.
export { allTables, snapshot, TABLES, writeStamps } from '../../src/testing/checksum.ts';

/** The lead's sample scheme moved to another département, with a status and a publication flag. */
export function variant(code: string, department: string, status: 'draft' | 'in_force' | 'closed' = 'in_force', published = true): SchemeFileInput {
  const file = JSON.parse(JSON.stringify(sampleSchemeFile(code, [department])).replaceAll('"dep:48"', `"dep:${department}"`)) as SchemeFileInput & { scheme: Record<string, unknown> };
  file.scheme.status = status;
  file.scheme.published = published;
  return file;
}

/**
 * Four schemes: two public (48, 92), one draft (77) and one unpublished (72). The 92 one has a
 * different value for the shared indicator and a third action under orientation 2. Returns the two public ones.
 */
export async function loadFixture(db: Kysely<Database>): Promise<{ s48: Scheme; s92: Scheme }> {
  await importSchemeFile(db, variant('t-48', '48'));
  const s92 = variant('t-92', '92');
  const indicator = s92.orientations![0]!.orientations![0]!.actions![0]!.indicators![0]!;
  indicator.measurements = [
    { period: '2024', territory: 'dep:92', value: 200, illustrative: true },
    { period: '2025', territory: 'dep:92', value: 250 },
  ];
  s92.orientations![1]!.actions!.push({ code: '2.2', title: 'Soutenir les familles', status: 'done', themes: ['collective_support'] });
  await importSchemeFile(db, s92);
  await importSchemeFile(db, variant('t-77', '77', 'draft'));
  await importSchemeFile(db, variant('t-72', '72', 'in_force', false));
  const schemes = await getSchemesByCodes(db, ['t-48', 't-92']);
  return { s48: schemes.find((s) => s.code === 't-48')!, s92: schemes.find((s) => s.code === 't-92')! };
}
