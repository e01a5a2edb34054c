import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, StoreError, type Bilingual } from './lock.ts';
import { resolveStoreLocation } from './location.ts';
import { markStoreSetUp } from './store-setup.ts';
import { createStore } from './store.ts';

const work = mkdtempSync(join(tmpdir(), 'sosms-lock-'));

describe('store location', () => {
  it('reads a postgres URL, a folder relative to the current directory, memory, or the default', () => {
    expect(resolveStoreLocation('postgres://u@h/db', '/x')).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(resolveStoreLocation('data/sosms', '/home/me')).toEqual({ kind: 'folder', path: '/home/me/data/sosms' });
    expect(resolveStoreLocation('/srv/data', '/home/me')).toEqual({ kind: 'folder', path: '/srv/data' });
    expect(resolveStoreLocation('memory://', '/x')).toEqual({ kind: 'memory' });
    const fallback = resolveStoreLocation('  ', '/x');
    expect(fallback.kind === 'folder' && fallback.path.endsWith('/.data/sosms')).toBe(true);
  });
});

describe('one process per PGlite folder', () => {
  // Two PGlite opens in all (each takes seconds, tens of seconds on a loaded machine): held, then stale.
  it('locks the folder while open, refuses a second open naming the holder, releases on close, takes over a stale lock', async () => {
    const folder = join(work, 'held');
    const store = await createStore({ location: folder, holder: 'test holder' });
    try {
      expect(store.created).toBe(true);
      expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, holder: 'test holder' });
      const refused = await createStore({ location: folder }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(StoreError);
      expect((refused as StoreError).reason).toBe('locked');
      expect((refused as StoreError).in('fr')).toContain(`test holder (PID ${process.pid})`);
      expect((refused as StoreError).in('en')).toContain('is open in another process');
      await markStoreSetUp(store.db); // the first setup done (the real schemes, or none): reopened, the store is not new
    } finally {
      await store.close();
    }
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    // A lock left by a process that has ended (a PID beyond the kernel's pid_max cannot run).
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ pid: 99_999_999, hostname: hostname(), holder: 'sosms import', startedAt: '2026-12-01T00:00:00Z' }));
    const notices: Bilingual[] = [];
    const again = await createStore({ location: folder, onNotice: (t) => void notices.push(t) });
    expect(again.created).toBe(false);
    await again.close();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.fr).toContain('Verrou périmé repris');
    expect(notices[0]!.fr).toContain('sosms import (PID 99999999)');
  }, 240_000);

  it('refuses a folder that holds something else, and leaves it untouched', async () => {
    const folder = join(work, 'foreign');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mes notes');
    const refused = await createStore({ location: folder }).catch((e: unknown) => e);
    expect((refused as StoreError).reason).toBe('foreign');
    expect((refused as StoreError).in('fr')).toContain('n’est pas un dossier de données sosms');
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('mes notes');
  });
});
