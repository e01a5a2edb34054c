import type { Store } from '../database/store.ts';
import type { StoreLocation } from '../database/location.ts';
import type { Caller } from '../access/command.ts';
import type { Lang } from '../validation/issues.ts';

/** Where the command line writes and what it reads from its environment (tests pass collectors). */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Writes the static JSON the widgets read (`export CODE --widget-json`), from a store or, while a gateway holds
   * the PGlite folder, from that gateway's GraphQL address. The widgets package provides it; the root
   * `pnpm sosms` passes it in, so the core does not depend on the gateway or the widgets.
   */
  readonly widgetJson?: (source: { readonly db: Store['db'] } | { readonly endpoint: string }, schemeCode: string, lang: Lang) => Promise<unknown>;
  /** Directory relative file names are resolved against (default: `INIT_CWD` set by pnpm, else the process's). */
  readonly cwd?: string;
  /**
   * A store already open in this process: the gateway that holds a PGlite folder runs the commands the CLI
   * sends it on its own store (operator route). Without it, the CLI opens the store its options name.
   */
  readonly store?: { readonly db: Store['db']; readonly via: 'gateway' };
  /** Aborts the command (the CLI was killed, or the gateway's client went away): an import then writes nothing. */
  readonly signal?: AbortSignal;
}

/** The gateway route the CLI sends its commands to while a gateway holds the PGlite folder. */
export const OPERATOR_PATH = '/operator/cli';

/** Exit codes: success, refused input (errors listed), usage error. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** A wrong command line: the message, then the help. */
export class UsageError extends Error {}

/** What every command receives: the language, the writers, paths resolved from the user's directory, the store. */
export interface Context {
  readonly lang: Lang;
  readonly fr: boolean;
  readonly io: CliIo;
  /** `--json`: one JSON document on stdout instead of lines for people. */
  readonly json: boolean;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly path: (file: string) => string;
  readonly location: StoreLocation;
  readonly openStore: () => Promise<Store>;
  /**
   * The caller of the core commands a CLI command runs: the operator (the process that holds the store, or the
   * gateway it goes through), labelled in the audit log by the command and the system user (`sosms import (alice)`).
   */
  readonly caller: (command: string) => Caller;
}

/** Whether the environment asks for a store without the demo schemes (`SOSMS_DEMO=0`). */
export function noDemo(env: Readonly<Record<string, string | undefined>>): boolean {
  return /^(0|false|no|non|off)$/i.test(env.SOSMS_DEMO?.trim() ?? '');
}
