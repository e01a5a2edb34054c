// The stored rows of orientation: the tables as kysely sees them, columns typed by the domain unions.
import type { Json, ReadOnly } from '../database/columns.ts';

export interface OrientationTable {
  id: string;
  scheme_id: string;
  parent_id: string | null;
  code: string;
  title: string;
  description: string | null;
  easy_read: string | null;
  objectives: Json<string[]>;
  weight: number | null;
  position: number;
  depth: number;
  search: ReadOnly<string>;
}
