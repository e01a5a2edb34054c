import { z } from 'zod';
import { code, text } from '../validation/primitives.ts';

/**
 * Territory codes. Official geography is prefixed: `reg:11`, `dep:92`, `epci:200054781`, `com:92012`;
 * a scheme's own districts (SST, MDS, UTAS…) use codes without a colon, unique within the scheme.
 */
export const TERRITORY_KINDS = ['country', 'region', 'departement', 'epci', 'commune', 'district'] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

export const officialTerritoryCode = z.string().regex(/^(fr|reg:\d{2}|dep:(\d{2}|2A|2B|97\d)|epci:\d{9}|com:[0-9AB]{5})$/, { error: 'territory_code' });

/**
 * A district of a scheme, defined as a set of communes; its population is derived from them.
 *
 * ### Examples
 * ```ts
 * districtSchema.parse({ code: 'sst-01', name: 'SST 1', kind: 'SST', communes: ['com:92012'] });
 * ```
 */
export const districtSchema = z.object({
  code,
  name: text,
  kind: z.string().trim().min(1).default('district'),
  communes: z.array(officialTerritoryCode).min(1),
});

export type District = z.infer<typeof districtSchema>;
