// Column types shared by the tables of the store.
import type { ColumnType } from 'kysely';

/** A column PostgreSQL fills in when a row is written (`default now()`, generated columns). */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** A generated column: read only. */
export type ReadOnly<T> = ColumnType<T, never, never>;
/** A `jsonb` column: objects in, objects out. */
export type Json<T> = ColumnType<T, string | T, string | T>;
