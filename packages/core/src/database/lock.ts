import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DomainError, type Lang } from '../validation/issues.ts';

/** The lock file a process keeps in a PGlite folder while it has it open. */
export const LOCK_FILE = 'sosms.lock';
/** The operator credential a gateway keeps in its PGlite folder (mode 0600), for the CLI to reach it. */
export const OPERATOR_FILE = 'operator.json';

/** What the lock file says about the process holding a folder. */
export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  /** What holds it, e.g. `passerelle GraphQL` or `sosms import`. */
  readonly holder: string;
  readonly startedAt: string;
  /** Set by a gateway once it listens: where the CLI sends its commands. */
  readonly url?: string;
}

/** A French and an English sentence. */
export interface Bilingual {
  readonly fr: string;
  readonly en: string;
}

/**
 * Why a store cannot be opened: `locked` (another process holds the folder), `foreign` (the folder holds
 * something else than a database), `corrupted` (the database does not open), `unreachable` (PostgreSQL).
 * The message exists in French and English ({@link StoreError.text}).
 */
export class StoreError extends DomainError {
  constructor(
    readonly reason: 'locked' | 'foreign' | 'corrupted' | 'unreachable',
    readonly text: Bilingual,
    readonly holder?: LockInfo,
  ) {
    super(reason === 'locked' ? 'CONFLICT' : 'VALIDATION', text.fr);
    this.name = 'StoreError';
  }

  /** The message in one language. */
  in(lang: Lang): string {
    return this.text[lang];
  }
}

/** Whether a process of that id runs on this machine. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock of a folder as written, or undefined when there is none or it cannot be read. */
export function readLock(folder: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid !== 'number' || typeof info.holder !== 'string') return undefined;
    return { pid: info.pid, hostname: String(info.hostname ?? ''), holder: info.holder, startedAt: String(info.startedAt ?? ''), ...(typeof info.url === 'string' ? { url: info.url } : {}) };
  } catch {
    return undefined;
  }
}

/** Whether the lock is held by a live process (on another machine it is taken as held: it cannot be checked). */
export function isLockLive(info: LockInfo): boolean {
  if (info.hostname && info.hostname !== hostname()) return true;
  return isProcessAlive(info.pid);
}

/** The refusal for a folder held by another process: names it, says what to do. */
export function lockedText(folder: string, info: LockInfo): Bilingual {
  const since = info.startedAt ? ` depuis ${info.startedAt}` : '';
  const sinceEn = info.startedAt ? ` since ${info.startedAt}` : '';
  return {
    fr: `Le dossier de données ${folder} est ouvert par un autre processus : ${info.holder} (PID ${info.pid}${info.hostname && info.hostname !== hostname() ? `, machine ${info.hostname}` : ''})${since}. Un dossier PGlite n’a qu’un seul processus à la fois : attendez qu’il se termine ou arrêtez-le (kill ${info.pid}), ou utilisez PostgreSQL (DATABASE_URL=postgres://…) pour partager la base.`,
    en: `The data folder ${folder} is open in another process: ${info.holder} (PID ${info.pid}${info.hostname && info.hostname !== hostname() ? `, host ${info.hostname}` : ''})${sinceEn}. A PGlite folder has one process at a time: wait for it to end or stop it (kill ${info.pid}), or use PostgreSQL (DATABASE_URL=postgres://…) to share the database.`,
  };
}

/** A held lock: what it says, and how to change or release it. */
export interface FolderLock {
  readonly folder: string;
  info(): LockInfo;
  /** Rewrite the lock with more facts (the gateway adds its URL once it listens). */
  update(extra: Partial<Pick<LockInfo, 'url'>>): void;
  release(): void;
}

const held = new Set<FolderLock>();
let exitHookInstalled = false;

/**
 * Take the lock of a PGlite folder for this process: refused with a {@link StoreError} naming the holder when
 * a live process has it; a stale lock (its process has ended without releasing it) is taken over and reported
 * through `onNotice`. The lock is released by `release()` or when the process exits.
 *
 * ### Examples
 * ```ts
 * const lock = acquireLock('.data/sosms', 'sosms import', (m) => console.error(m.fr));
 * try { … } finally { lock.release(); }
 * ```
 */
export function acquireLock(folder: string, holderName: string, onNotice?: (text: Bilingual) => void): FolderLock {
  const path = join(folder, LOCK_FILE);
  let info: LockInfo = { pid: process.pid, hostname: hostname(), holder: holderName, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${JSON.stringify(info)}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const current = readLock(folder);
      if (current && isLockLive(current)) throw new StoreError('locked', lockedText(folder, current), current);
      if (!current) {
        // Being written by a process that has just created it, or garbage: give a writer a moment, then take it.
        const age = Date.now() - safeMtime(path);
        if (age < 2000 && attempt < 2) {
          sleepSync(200);
          continue;
        }
      }
      onNotice?.({
        fr: `Verrou périmé repris sur ${folder} : ${current ? `${current.holder} (PID ${current.pid}) s’est arrêté sans le libérer` : 'fichier de verrou illisible'} ; la base rejoue son journal si une écriture a été interrompue.`,
        en: `Stale lock taken over on ${folder}: ${current ? `${current.holder} (PID ${current.pid}) ended without releasing it` : 'unreadable lock file'}; the database replays its log if a write was interrupted.`,
      });
      // Replace it atomically so that two processes taking over the same stale lock cannot both win.
      const claim = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
      try {
        renameSync(path, claim);
        unlinkSync(claim);
      } catch {
        // another process took it over first: loop and read its lock
      }
    }
  }
  let released = false;
  const lock: FolderLock = {
    folder,
    info: () => info,
    update(extra) {
      info = { ...info, ...extra };
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(info)}\n`);
      renameSync(temporary, path);
    },
    release() {
      if (released) return;
      released = true;
      held.delete(lock);
      const current = readLock(folder);
      if (current?.pid === process.pid) {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const l of [...held]) l.release();
    });
  }
  return lock;
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Check that a folder can hold a PGlite database before opening it: missing or empty (a new one is created),
 * or already one (`PG_VERSION`). Anything else (a home directory, a project, another program's data) is
 * refused rather than filled with database files.
 */
export function checkDataFolder(folder: string): { created: boolean } {
  if (!existsSync(folder)) return { created: true };
  if (!statSync(folder).isDirectory()) {
    throw new StoreError('foreign', {
      fr: `${folder} n’est pas un dossier : donnez un dossier de données (vide ou créé par sosms) ou une URL postgres://.`,
      en: `${folder} is not a folder: give a data folder (empty or made by sosms) or a postgres:// URL.`,
    });
  }
  const entries = readdirSync(folder).filter((e) => e !== LOCK_FILE && e !== OPERATOR_FILE && !e.startsWith(`${LOCK_FILE}.`) && e !== '.DS_Store');
  if (entries.length === 0) return { created: true };
  if (!entries.includes('PG_VERSION')) {
    throw new StoreError('foreign', {
      fr: `Le dossier ${folder} n’est pas un dossier de données sosms (pas de base PGlite, mais ${entries.length} autre(s) fichier(s)) : donnez un dossier vide ou créé par sosms, il n’est pas modifié.`,
      en: `The folder ${folder} is not a sosms data folder (no PGlite database, but ${entries.length} other file(s)): give an empty folder or one made by sosms; it was left untouched.`,
    });
  }
  return { created: false };
}

/**
 * Read the operator credential of a folder, creating it (32 random bytes, mode 0600) when there is none.
 * The gateway calls it on start; the CLI reads it with {@link readOperatorSecret}.
 */
export function ensureOperatorSecret(folder: string): string {
  const path = join(folder, OPERATOR_FILE);
  const existing = readOperatorSecret(folder);
  if (existing) {
    chmodSync(path, 0o600);
    return existing;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${JSON.stringify({ secret, note: 'Clé d’opérateur de la passerelle : la CLI sosms s’en sert pour passer par la passerelle qui tient ce dossier. Lisible par son propriétaire seul. / Gateway operator key.' })}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}

/** The operator secret of a folder, or undefined when absent or unreadable (another user). */
export function readOperatorSecret(folder: string): string | undefined {
  try {
    const { secret } = JSON.parse(readFileSync(join(folder, OPERATOR_FILE), 'utf8')) as { secret?: unknown };
    return typeof secret === 'string' && secret.length >= 32 ? secret : undefined;
  } catch {
    return undefined;
  }
}
