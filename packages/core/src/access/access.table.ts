import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { Json } from '../database/columns.ts';
import type { Database } from '../database/database.ts';
import type { Role } from './access.ts';

/** An API token: only the SHA-256 hash of its secret is stored. */
export interface ApiTokenTable {
  id: string;
  label: string;
  hash: string;
  role: Role;
  departments: string[];
  indicators: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** When the token stops authenticating (migration `2026-12-01T2300-token-credentials`). */
  expires_at: Date;
  /** The last request it authenticated, written at most once a minute. */
  last_used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The token this one replaced by rotation. */
  rotated_from: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One write made through the gateway: who, when, what, and the entity before and after. */
export interface AuditLogTable {
  id: string;
  token_id: string | null;
  token_label: string | null;
  at: Generated<Date>;
  operation: string;
  entity_type: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  /** `done` for a write, `refused` for an attempt refused with `code` (FORBIDDEN, VALIDATION…). */
  outcome: ColumnType<'done' | 'refused', 'done' | 'refused' | undefined, 'done' | 'refused'>;
  code: string | null;
}

/** The tables of migration `2026-11-23T1000-access`. */
export type AccessTables = {
  api_token: ApiTokenTable;
  audit_log: AuditLogTable;
};

/** The store's tables plus the access tables. */
export type AccessDatabase = Database & AccessTables;

export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditLogRow = Selectable<AuditLogTable>;

/**
 * View a store's kysely instance with the access tables typed.
 *
 * ### Examples
 * ```ts
 * await withAccessTables(db).selectFrom('api_token').selectAll().execute();
 * ```
 */
export function withAccessTables(db: Kysely<Database>): Kysely<AccessDatabase> {
  return db.withTables<AccessTables>() as unknown as Kysely<AccessDatabase>;
}
