/** Structured log lines; secrets are never passed in fields. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** JSON lines on stderr, so stdout stays for the console and `tick` reports. */
export function createJsonLogger(options: { quiet?: boolean } = {}): Logger {
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    if (options.quiet && level === 'info') return;
    process.stderr.write(`${JSON.stringify({ level, at: new Date().toISOString(), message, ...fields })}\n`);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

// A signed export token in a path is a download, a `state=` value a consent or connect link, and an
// OAuth callback's `code=` an authorization code (docs/product.md#safety-and-data).
const LINKS = [
  { pattern: /\/exports\/[^\s"'?#&]+/g, replacement: '/exports/[redacted]' },
  { pattern: /([?&]|\b)state=[^\s"'&#]+/g, replacement: '$1state=[redacted]' },
  { pattern: /([?&])code=[^\s"'&#]+/g, replacement: '$1code=[redacted]' },
];

const redactText = (text: string) =>
  LINKS.reduce((out, { pattern, replacement }) => out.replace(pattern, replacement), text);

/** Every string in a log line's fields with export paths and `state=` values replaced by `[redacted]`. */
function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)]));
  return value;
}

/** A logger that never writes a signed link: export paths and `state=` query values are redacted. */
export function redactLinks(logger: Logger): Logger {
  const wrap = (level: keyof Logger) => (message: string, fields?: Record<string, unknown>) =>
    logger[level](redactText(message), fields && (redactValue(fields) as Record<string, unknown>));
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
