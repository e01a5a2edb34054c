import { expect, it } from 'vitest';
import { schemeProgressReport } from './progress.ts';

it('prints the progress of the five real schemes', async () => {
  const lines = await schemeProgressReport();
  const schemes = lines.filter((l) => !l.startsWith(' '));
  expect(schemes).toHaveLength(5);
  expect(schemes.some((l) => l.startsWith('92-78-2018-2023 (92 + 78, 2018-2023)'))).toBe(true);
  expect(lines.filter((l) => l.startsWith('  ')).length).toBeGreaterThanOrEqual(4 + 5);
}, 60_000);
