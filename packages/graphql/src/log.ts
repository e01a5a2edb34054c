import { pino, stdTimeFunctions, type DestinationStream, type Logger as PinoLogger } from 'pino';

/**
 * A structured log line writer: one object per line, with `level` (`debug`, `info`, `warn`, `error`) and
 * `msg`. The gateway passes every entry through {@link redactEntry} first, whatever logger it was given.
 */
export type Logger = (entry: Record<string, unknown>) => void;

/** The levels a {@link Logger} entry may carry, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What replaces a secret in a log line. */
export const REDACTED = '[masqué]';

/** A token secret (`sosms_` and its random part), a bearer credential, an operator key. */
const SECRET_TEXT = /\bsosms_[A-Za-z0-9_-]{6,}|\b(Bearer)\s+[A-Za-z0-9._~+/=-]{16,}/gi;
/** Keys whose values are credentials whatever they hold. */
const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-operator-key|secret|password|token_secret)$/i;

/**
 * A copy of a log entry with secrets masked: values under credential keys (`authorization`, `cookie`,
 * `secret`…) and, in every string, token secrets (`sosms_…`) and `Bearer …` credentials. Depth and size
 * are bounded so that logging stays cheap whatever the entry holds.
 *
 * ### Examples
 * ```ts
 * redactEntry({ msg: 'échec', headers: { authorization: 'Bearer sosms_abc123' }, note: 'jeton sosms_abc123' });
 * // { msg: 'échec', headers: { authorization: '[masqué]' }, note: 'jeton [masqué]' }
 * ```
 */
export function redactEntry(entry: Record<string, unknown>): Record<string, unknown> {
  return redactValue(entry, 0) as Record<string, unknown>;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.includes('sosms_') || /bearer/i.test(value) ? value.replace(SECRET_TEXT, (m, scheme: string | undefined) => (scheme ? `${scheme} ${REDACTED}` : REDACTED)) : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[…]';
  if (value instanceof Error) return redactValue(value.stack ?? value.message, depth);
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && v != null ? REDACTED : redactValue(v, depth + 1);
  return out;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** The lowest level written (default `LOG_LEVEL` from the environment, else `info`). */
  readonly level?: string;
  /** Where lines go (default: standard output, written synchronously so that nothing is lost at exit). */
  readonly destination?: DestinationStream;
}

/**
 * A {@link Logger} over pino: JSON lines with `level` as a word, `time` in ISO 8601 and `pid`, secrets
 * masked (pino's own redaction of credential paths, plus {@link redactEntry} over every string).
 *
 * ### Examples
 * ```ts
 * const log = createLogger({ level: 'warn' });
 * log({ level: 'error', msg: 'request failed', requestId: 'abc' });
 * // {"level":"error","time":"2026-12-01T23:00:00.000Z","pid":4242,"requestId":"abc","msg":"request failed"}
 * ```
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const requested = (options.level ?? process.env.LOG_LEVEL ?? 'info').toLowerCase();
  const logger: PinoLogger = pino(
    {
      level: (LOG_LEVELS as readonly string[]).includes(requested) || requested === 'silent' ? requested : 'info',
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['authorization', 'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'secret'], censor: REDACTED },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return (entry) => {
    const { level, msg, ...rest } = redactEntry(entry);
    const method: LogLevel = (LOG_LEVELS as readonly unknown[]).includes(level) ? (level as LogLevel) : 'info';
    logger[method](rest, typeof msg === 'string' ? msg : undefined);
  };
}

let standard: Logger | undefined;

/**
 * The default logger: JSON lines on standard output through pino, level from `LOG_LEVEL` (default `info`).
 *
 * ### Examples
 * ```ts
 * jsonLogger({ level: 'info', msg: 'listening', url: 'http://127.0.0.1:4000/graphql' });
 * ```
 */
export const jsonLogger: Logger = (entry) => {
  standard ??= createLogger();
  standard(entry);
};
