/** SQLSTATE classes and driver errors that mean « the database is away », not « the query is wrong ». */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown; originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (/^(08|57P0)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code))) return true;
    const message = e instanceof Error ? e.message : '';
    if (/Connection terminated|connection timeout|Client has encountered a connection error|the database system is (starting up|shutting down)|terminating connection/i.test(message)) return true;
  }
  return false;
}

