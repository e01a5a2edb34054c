import type { PartnerRow } from '../database/database.ts';
import type { PartnerKind } from '../nomenclature/nomenclature.ts';

/**
 * A partner organisation as stored: `Partner` in the zod sense (partner.ts) plus its database `id`.
 *
 * ### Examples
 * ```ts
 * const [caf] = await getPartnersByCodes(db, ['caf-92']);
 * caf.kind; // 'caf'
 * ```
 */
export interface PartnerRecord {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly kind: PartnerKind;
  readonly siren: string | null;
  readonly departments: string[];
}

/**
 * Map a `partner` row to a {@link PartnerRecord}.
 *
 * ### Examples
 * ```ts
 * partnerFromRow(row).departments; // ['92']
 * ```
 */
export function partnerFromRow(row: PartnerRow): PartnerRecord {
  return { id: row.id, code: row.code, name: row.name, kind: row.kind, siren: row.siren, departments: row.departments };
}
