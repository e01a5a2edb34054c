import type { PGlite } from '@electric-sql/pglite';
import { PGliteAdapter, sql, type Kysely } from 'kysely';

/** The column types a bulk insert can carry. */
export type BulkColumnType = 'uuid' | 'text' | 'date' | 'int' | 'float8' | 'bool' | 'jsonb';

/** A column of a bulk insert: its name and type, and how to read its value from a row. */
export interface BulkColumn<Row> {
  readonly name: string;
  readonly type: BulkColumnType;
  readonly value: (row: Row) => string | number | boolean | null;
}

/**
 * Insert many rows into one table, the fastest way each engine offers: a binary `COPY` on PGlite (which
 * spends most of a text or array insert parsing values), `unnest` of one array per column on PostgreSQL.
 * Runs in the caller's transaction; `onBatch` reports the rows written so far.
 *
 * ### Examples
 * ```ts
 * await bulkInsert(trx, 'measurement', [
 *   { name: 'indicator_id', type: 'uuid', value: (r) => r.indicatorId },
 *   { name: 'value', type: 'float8', value: (r) => r.value },
 * ], rows);
 * ```
 */
export async function bulkInsert<Row>(
  db: Kysely<any>,
  table: string,
  columns: readonly BulkColumn<Row>[],
  rows: readonly Row[],
  onBatch: (done: number) => void = () => {},
): Promise<void> {
  const size = 20_000;
  const pglite = db.getExecutor().adapter instanceof PGliteAdapter;
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    if (pglite) {
      // The data travels as a Blob parameter that `withBlobParameter` hands to PGlite's `blob` option; the
      // placeholder sits in a comment, so PostgreSQL sees a statement without parameters.
      const blob = new Blob([encodeBinaryCopy(columns, batch)]);
      await sql`copy ${sql.table(table)} (${names}) from '/dev/blob' with (format binary) /* ${blob} */`.execute(db);
    } else {
      const arrays = sql.join(columns.map((c) => sql`${batch.map(c.value)}::${sql.raw(c.type)}[]`));
      await sql`insert into ${sql.table(table)} (${names}) select * from unnest(${arrays})`.execute(db);
    }
    onBatch(i + batch.length);
  }
}

/**
 * Wrap a PGlite instance for kysely so that a Blob given as the last parameter of a statement becomes the
 * `blob` of the query (what `COPY … FROM '/dev/blob'` reads) instead of a bind parameter.
 *
 * ### Examples
 * ```ts
 * new PGliteDialect({ pglite: withBlobParameter(await PGlite.create()) });
 * ```
 */
export function withBlobParameter(pglite: PGlite): PGlite {
  return blobQueries(pglite);
}

/** When the event loop last turned between PGlite statements (performance.now()). */
let lastTurn = 0;
/** Longest run of PGlite statements without a turn of the event loop, in milliseconds. */
const TURN_EVERY_MS = 50;

/**
 * PGlite runs in this thread and answers a statement without any I/O: a long import is one chain of
 * promises, during which no timer fires and no signal is handled (a SIGTERM, a kill of the CLI's launcher
 * would wait for its end). Every {@link TURN_EVERY_MS} ms, a statement of a transaction (every write and
 * import runs in one) waits for one turn of the event loop first. Statements outside a transaction (the
 * gateway's reads) never wait: a turn taken in the middle of a GraphQL execution would split its
 * dataloaders' batches, so that the statements of one query would depend on timing.
 */
function afterTurn<T>(run: () => T): T | Promise<T> {
  if (performance.now() - lastTurn < TURN_EVERY_MS) return run();
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      lastTurn = performance.now();
      resolve();
    }),
  ).then(run);
}

/**
 * A proxy of a PGlite instance or transaction whose `query` (and whose transactions' `query`) take a Blob
 * parameter, and let the event loop turn now and then inside a transaction ({@link afterTurn}).
 */
function blobQueries<T extends object>(target: T, inTransaction = false): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'query') {
        return (statement: string, params?: unknown[], options?: object) => {
          const run = () => {
            const last = params?.at(-1);
            if (last instanceof Blob) return value.call(object, statement, params!.slice(0, -1), { ...options, blob: last });
            return value.call(object, statement, params, options);
          };
          return inTransaction ? afterTurn(run) : run();
        };
      }
      if (property === 'transaction') {
        return (callback: (tx: object) => Promise<unknown>) => value.call(object, (tx: object) => callback(blobQueries(tx, true)));
      }
      return value.bind(object);
    },
  });
}

const COPY_SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // "PGCOPY\n\377\r\n\0"
const POSTGRES_EPOCH_DAYS = Date.UTC(2000, 0, 1) / 86_400_000;

/**
 * Rows in PostgreSQL's binary COPY format: a signature, then per row the field count and, per field, its
 * length (−1 for null) and its bytes in network order.
 *
 * ### Examples
 * ```ts
 * encodeBinaryCopy([{ name: 'n', type: 'int', value: (r: number) => r }], [1, 2]); // Uint8Array
 * ```
 */
export function encodeBinaryCopy<Row>(columns: readonly BulkColumn<Row>[], rows: readonly Row[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  let buffer: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16);
  let view = new DataView(buffer.buffer);
  let at = 0;
  const reserve = (bytes: number) => {
    if (at + bytes <= buffer.length) return;
    const grown = new Uint8Array(Math.max(buffer.length * 2, at + bytes));
    grown.set(buffer.subarray(0, at));
    buffer = grown;
    view = new DataView(buffer.buffer);
  };
  reserve(19);
  buffer.set(COPY_SIGNATURE, 0);
  view.setInt32(11, 0); // flags
  view.setInt32(15, 0); // header extension length
  at = 19;
  for (const row of rows) {
    reserve(2);
    view.setInt16(at, columns.length);
    at += 2;
    for (const column of columns) {
      const value = column.value(row);
      if (value === null) {
        reserve(4);
        view.setInt32(at, -1);
        at += 4;
        continue;
      }
      switch (column.type) {
        case 'uuid': {
          const hex = String(value).replaceAll('-', '');
          if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`UUID invalide / invalid UUID: ${String(value)}`);
          reserve(20);
          view.setInt32(at, 16);
          for (let b = 0; b < 16; b += 1) buffer[at + 4 + b] = parseInt(hex.slice(b * 2, b * 2 + 2), 16);
          at += 20;
          break;
        }
        case 'text': {
          const bytes = encoder.encode(String(value));
          reserve(4 + bytes.length);
          view.setInt32(at, bytes.length);
          buffer.set(bytes, at + 4);
          at += 4 + bytes.length;
          break;
        }
        case 'jsonb': {
          // Binary jsonb: a version byte (1), then the JSON text.
          const bytes = encoder.encode(String(value));
          reserve(5 + bytes.length);
          view.setInt32(at, bytes.length + 1);
          buffer[at + 4] = 1;
          buffer.set(bytes, at + 5);
          at += 5 + bytes.length;
          break;
        }
        case 'date': {
          const days = Date.parse(`${String(value)}T00:00:00Z`) / 86_400_000 - POSTGRES_EPOCH_DAYS;
          if (!Number.isInteger(days)) throw new Error(`Date invalide / invalid date: ${String(value)}`);
          reserve(8);
          view.setInt32(at, 4);
          view.setInt32(at + 4, days);
          at += 8;
          break;
        }
        case 'int':
          reserve(8);
          view.setInt32(at, 4);
          view.setInt32(at + 4, Number(value));
          at += 8;
          break;
        case 'float8':
          reserve(12);
          view.setInt32(at, 8);
          view.setFloat64(at + 4, Number(value));
          at += 12;
          break;
        case 'bool':
          reserve(5);
          view.setInt32(at, 1);
          buffer[at + 4] = value ? 1 : 0;
          at += 5;
          break;
      }
    }
  }
  reserve(2);
  view.setInt16(at, -1); // trailer
  at += 2;
  return buffer.subarray(0, at);
}
