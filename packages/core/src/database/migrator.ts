import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import * as initial from './migrations/2026-11-23T0900-initial.ts';
import * as access from './migrations/2026-11-23T1000-access.ts';
import * as measurementKey from './migrations/2026-11-23T1100-measurement-key.ts';
import * as evaluation from './migrations/2026-12-01T2100-evaluation.ts';
import * as dataVersion from './migrations/2026-12-01T2100-data-version.ts';
import * as indicatorValue from './migrations/2026-12-01T2100-indicator-value.ts';
import * as readModels from './migrations/2026-12-01T2130-read-models.ts';
import * as commands from './migrations/2026-12-01T2150-commands.ts';
import * as tokenCredentials from './migrations/2026-12-01T2300-token-credentials.ts';
import * as realSchemes from './migrations/2026-12-01T2330-real-schemes.ts';
import * as dataVersionNotify from './migrations/2026-12-02T0600-data-version-notify.ts';
import * as storedValues from './migrations/2026-12-02T0630-stored-values.ts';
import * as storedValuesNoFk from './migrations/2026-12-02T0700-stored-values-no-fk.ts';
import * as oneCurrentMeasurement from './migrations/2026-12-02T0730-one-current-measurement.ts';
import * as storeSetup from './migrations/2026-12-02T1400-store-setup.ts';
import * as currentByTerritory from './migrations/2026-12-02T1800-current-by-territory.ts';
import { fillStoredIndicatorValues } from '../indicator/stored-value.repository.ts';
import type { Bilingual } from './lock.ts';

/**
 * The dated migrations, in order. A shipped migration is never edited: add a new file and list it here.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-23T0900-initial': initial,
  '2026-11-23T1000-access': access,
  '2026-11-23T1100-measurement-key': measurementKey,
  '2026-12-01T2100-evaluation': evaluation,
  '2026-12-01T2100-data-version': dataVersion,
  '2026-12-01T2100-indicator-value': indicatorValue,
  '2026-12-01T2130-read-models': readModels,
  '2026-12-01T2150-commands': commands,
  '2026-12-01T2300-token-credentials': tokenCredentials,
  '2026-12-01T2330-real-schemes': realSchemes,
  '2026-12-02T0600-data-version-notify': dataVersionNotify,
  '2026-12-02T0630-stored-values': storedValues,
  '2026-12-02T0700-stored-values-no-fk': storedValuesNoFk,
  '2026-12-02T0730-one-current-measurement': oneCurrentMeasurement,
  '2026-12-02T1400-store-setup': storeSetup,
  '2026-12-02T1800-current-by-territory': currentByTerritory,
};

/** Fills smaller than this many indicators say nothing of their progress. */
const QUIET_FILL = 5000;

/**
 * Bring a database to the latest schema.
 *
 * ### Examples
 * ```ts
 * await migrateToLatest(db);
 * ```
 */
export async function migrateToLatest(db: Kysely<any>, options: { onNotice?: (text: Bilingual) => void } = {}): Promise<void> {
  // A later start of a store that is up to date (npm start, every CLI command): one read instead of kysely's
  // migrator, whose table checks and lock cost about 0.6 s on PGlite. Any migration missing: the migrator runs.
  if (!(await isUpToDate(db))) await runMigrator(db);
  // Tables created by any migration count in the data version (HTTP caching), whatever the order they ran in.
  await dataVersion.trackDataVersion(db);
  // Stored indicator values a migration marked (all of them when the tables are new, or after a change of
  // the rule), or a fill interrupted at a previous start: computed by the rule, in batches, with progress.
  const started = Date.now();
  await fillStoredIndicatorValues(db, (done, total) => {
    if (total < QUIET_FILL) return;
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    options.onNotice?.({
      fr: `Valeurs des indicateurs enregistrées : ${done} / ${total} (${seconds} s)`,
      en: `Indicator values stored: ${done} / ${total} (${seconds} s)`,
    });
  });
}

async function runMigrator(db: Kysely<any>): Promise<void> {
  // Parallel branches land migrations dated close together: one may sort before another that already ran.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration échouée / migration failed: ${failed?.migrationName ?? ''} ${String(error)}`);
  }
}

/** Whether every migration of {@link MIGRATIONS} is recorded as run (false on a new database). */
async function isUpToDate(db: Kysely<any>): Promise<boolean> {
  const table = await sql<{ ok: boolean }>`select to_regclass('kysely_migration') is not null as ok`.execute(db);
  if (!table.rows[0]?.ok) return false;
  const done = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(done.rows.map((r) => r.name));
  return Object.keys(MIGRATIONS).every((name) => names.has(name));
}
