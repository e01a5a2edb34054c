/** A structured log line writer: one object per line. */
export type Logger = (entry: Record<string, unknown>) => void;

/** Writes each entry as one JSON line on stdout. */
export const jsonLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};
