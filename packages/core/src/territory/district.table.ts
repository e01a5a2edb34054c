// The stored rows of district: the tables as kysely sees them, columns typed by the domain unions.

export interface DistrictTable {
  id: string;
  scheme_id: string;
  code: string;
  name: string;
  kind: string;
  communes: string[];
}
