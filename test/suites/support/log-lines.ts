/** One JSON log line of the bot (createJsonLogger writes them to stderr). */
export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** The JSON lines of a process's stderr; other text (a stack trace) is kept as an `error` line of its own. */
export function logLines(stderr: string): LogLine[] {
  return stderr
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return { level: 'error', message: line };
      }
    });
}

/** Warnings and errors, as one text each (message and fields). */
export const problemsLogged = (stderr: string) =>
  logLines(stderr)
    .filter((l) => l.level === 'warn' || l.level === 'error')
    .map((l) => JSON.stringify(l));
