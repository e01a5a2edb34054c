// The stored rows of partner: the tables as kysely sees them, columns typed by the domain unions.
import type { Defaulted } from '../database/columns.ts';
import type { PartnerKind } from '../nomenclature/nomenclature.ts';

export interface PartnerTable {
  id: string;
  code: string;
  name: string;
  kind: PartnerKind;
  siren: string | null;
  departments: Defaulted<string[]>;
}
