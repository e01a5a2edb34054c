import { readFileSync } from 'node:fs';

// `pnpm sosms import …` runs as pnpm → sh -c → tsx → node: a kill -9 of pnpm (or of any launcher between)
// sends no signal down, and the node process at the bottom would write on to the commit. It watches its
// launchers instead and stops as on SIGTERM when one of them is gone.

/** Process names of the launchers a CLI run may sit under (package managers, tsx, `sh -c`): a user's login shell is not one. */
const LAUNCHERS = new Set(['node', 'sh', 'dash', 'pnpm', 'npm', 'npx', 'tsx', 'yarn']);

/** A process as /proc/<pid>/stat has it: name, state, parent, start time (in clock ticks since boot). */
function processStat(pid: number): { name: string; state: string; ppid: number; start: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // After the name: state (field 3), ppid (4), … starttime (22).
    return { name, state: fields[0]!, ppid: Number(fields[1]), start: fields[19]! };
  } catch {
    return undefined;
  }
}

/**
 * The launchers above a process: its parent, then each parent above as long as it is a launcher
 * (`node`, `sh`, `pnpm`…), each with its start time so that a reused pid is not taken for it. Empty
 * where /proc is missing (not Linux) or when the parent is no launcher (a shell, a service manager).
 *
 * ### Examples
 * ```ts
 * launcherChain(); // [{ pid: 4211, start: '88412' }, { pid: 4210, start: '88411' }, { pid: 4190, start: '88390' }] under pnpm
 * ```
 */
export function launcherChain(pid = process.pid): { pid: number; start: string }[] {
  const chain: { pid: number; start: string }[] = [];
  let current = processStat(pid);
  while (current && current.ppid > 1 && chain.length < 8) {
    const parent = processStat(current.ppid);
    if (!parent || !LAUNCHERS.has(parent.name)) break;
    chain.push({ pid: current.ppid, start: parent.start });
    current = parent;
  }
  return chain;
}

/** Whether a launcher of {@link launcherChain} is gone: no such process, another one under its pid, or a zombie. */
function gone(launcher: { pid: number; start: string }): boolean {
  const stat = processStat(launcher.pid);
  return !stat || stat.start !== launcher.start || stat.state === 'Z' || stat.state === 'X';
}

/**
 * Call `onGone` once if any launcher of this process ends (checked every `intervalMs`, on a timer that
 * keeps nothing alive). Returns the function that stops watching.
 *
 * ### Examples
 * ```ts
 * const unwatch = watchLaunchers(() => controller.abort());
 * try { await run(); } finally { unwatch(); }
 * ```
 */
export function watchLaunchers(onGone: () => void, intervalMs = 500): () => void {
  const chain = launcherChain();
  if (chain.length === 0) return () => {};
  const timer = setInterval(() => {
    if (!chain.some(gone)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
