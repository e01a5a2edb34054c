import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { ENGINES, createTestDatabase, type TestDatabase } from '../testing/engines.ts';
import { loadDemoSchemes } from '../scheme-file/demo.ts';
import { markStoreSetUp } from './store-setup.ts';
import { MIGRATIONS } from './migrator.ts';
import { createStore } from './store.ts';

/** The migrations before the store's setup was recorded: a store as earlier code left it. */
const BEFORE = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '2026-12-02T1400-store-setup'));

for (const engine of ENGINES) {
  describe(`a new store on ${engine} stays new until its first setup is recorded`, () => {
    const folders: string[] = [];
    const databases: TestDatabase[] = [];
    afterAll(async () => {
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
      for (const database of databases) await database.drop();
    });
    const location = async (): Promise<string> => {
      if (engine === 'pglite') {
        const folder = mkdtempSync(join(tmpdir(), 'sosms-setup-'));
        folders.push(folder);
        return join(folder, 'donnees');
      }
      const database = await createTestDatabase('sosms_setup');
      databases.push(database);
      return database.url;
    };
    const reopened = async (at: string): Promise<boolean> => {
      const store = await createStore({ location: at });
      try {
        return store.created;
      } finally {
        await store.close();
      }
    };

    it('an open stopped before loading the real schemes, or a load that fails, leaves the store new; the load records it', async () => {
      const at = await location();
      // The first open (npm start), stopped before its setup: a Ctrl-C while the real schemes load.
      expect(await reopened(at)).toBe(true);
      expect(await reopened(at)).toBe(true);
      const store = await createStore({ location: at });
      try {
        expect(store.created).toBe(true);
        // A load that fails half-way (every territory refused) writes nothing, the setup included.
        await expect(loadDemoSchemes(store.db, { isOfficialTerritory: () => false })).rejects.toThrow();
        const loaded = await loadDemoSchemes(store.db);
        expect(loaded).toHaveLength(5);
      } finally {
        await store.close();
      }
      expect(await reopened(at)).toBe(false);
    }, 240_000);

    it('a store chosen empty is recorded as set up', async () => {
      const at = await location();
      const store = await createStore({ location: at });
      try {
        expect(store.created).toBe(true);
        await markStoreSetUp(store.db);
      } finally {
        await store.close();
      }
      expect(await reopened(at)).toBe(false);
    }, 120_000);

    it('a store written before the setup was recorded is set up when it holds anything, new when it holds nothing', async () => {
      for (const holds of [true, false]) {
        const at = await location();
        const store = await createStore({ location: at, migrate: false });
        try {
          const { error } = await new Migrator({ db: store.db, provider: { getMigrations: async () => BEFORE }, allowUnorderedMigrations: true }).migrateToLatest();
          if (error) throw error;
          if (holds) await sql`insert into partner (id, code, name, kind) values (gen_random_uuid(), 'cd-48', 'Département de la Lozère', 'departement')`.execute(store.db);
        } finally {
          await store.close();
        }
        expect(await reopened(at), holds ? 'holds a partner' : 'holds nothing').toBe(!holds);
      }
    }, 240_000);
  });
}
