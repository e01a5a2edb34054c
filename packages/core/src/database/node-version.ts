// The Node versions sosms supports: 22 and 24, the LTS lines (`engines: node >=22`; kysely 0.29 asks for 22).
// On an older Node the packages may still run (the suites pass on 20.19), but nothing is tested there: the
// store says so once per process when it opens, and the installed `sosms` command when it starts
// (bin/sosms.js, which holds a copy of this rule: it runs before any module is loaded). A standard Node warning
// (`process.emitWarning`, code SOSMS_UNSUPPORTED_NODE): on stderr, never in a `--json` output, silenced with
// NODE_NO_WARNINGS=1 like any other.

export const UNSUPPORTED_NODE_WARNING = 'SOSMS_UNSUPPORTED_NODE';

/** The lowest supported major version of Node. */
export const MIN_NODE_MAJOR = 22;

/** Shared with bin/sosms.js: a process warned once by either is not warned again. */
const WARNED = Symbol.for('sosms.unsupportedNodeWarned');

/**
 * The message for an unsupported Node version (French, then English), or `null` when `version` is supported.
 *
 * ### Examples
 * ```ts
 * unsupportedNodeMessage('20.20.2'); // 'sosms : Node 20.20.2 n’est pas pris en charge…'
 * unsupportedNodeMessage('24.1.0');  // null
 * ```
 */
export function unsupportedNodeMessage(version: string = process.versions.node): string | null {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (!Number.isFinite(major) || major >= MIN_NODE_MAJOR) return null;
  return (
    `sosms : Node ${version} n'est pas pris en charge ; installez Node 22 ou 24 (versions LTS, engines: node >=22). ` +
    `Il peut fonctionner en partie, sans garantie ni test. / ` +
    `sosms: Node ${version} is not supported; install Node 22 or 24 (LTS lines). It may partly work, untested.`
  );
}

/** Warn once per process when Node is unsupported (createStore calls it). Returns whether it warned now. */
export function warnIfUnsupportedNode(version: string = process.versions.node): boolean {
  const message = unsupportedNodeMessage(version);
  const flags = globalThis as { [WARNED]?: boolean };
  if (!message || flags[WARNED]) return false;
  flags[WARNED] = true;
  process.emitWarning(message, { type: 'SosmsWarning', code: UNSUPPORTED_NODE_WARNING });
  return true;
}
