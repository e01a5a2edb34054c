import { describe, expect, it } from 'vitest';
import { referencedPartnerCodes } from './validate.ts';

describe('referencedPartnerCodes', () => {
  it('finds every partner a file names, at any depth, parsed or not', () => {
    const file = {
      partners: [{ code: 'cd-48', name: 'Département' }],
      orientations: [
        {
          orientations: [
            {
              actions: [
                {
                  pilot: 'cd-48',
                  partners: [{ partner: 'caf-48' }],
                  budget: [{ funder: 'ars-occ' }],
                  indicators: [{ owner: 'msa-48', measurements: [{ period: '2024', territory: 'dep:48', value: 1 }] }],
                },
              ],
            },
          ],
        },
      ],
      governingBodies: [{ members: [{ partner: 'etat-48' }] }],
      consultationEvents: [{ partners: ['udaf-48', 42] }],
    };
    expect(referencedPartnerCodes(file).sort()).toEqual(['caf-48', 'cd-48', 'etat-48', 'msa-48', 'udaf-48', 'ars-occ'].sort());
    expect(referencedPartnerCodes(null)).toEqual([]);
    expect(referencedPartnerCodes('text')).toEqual([]);
  });
});
