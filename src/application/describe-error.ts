const MAX_DEPTH = 4;

/**
 * An error's message followed by its causes' codes and messages ("fetch failed (ECONNRESET: other
 * side closed)"): HTTP clients wrap a reset or refused connection in a generic message, and a log
 * line that only says "fetch failed" cannot tell a reset from a refusal. Bounded in depth and length.
 */
export function describeError(error: unknown, maxLength = 300): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && current; depth++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown; original?: unknown };
    const message = typeof e.message === 'string' ? e.message : depth === 0 ? String(current) : '';
    const code = typeof e.code === 'string' && !message.includes(e.code) ? e.code : '';
    const text = [code, message].filter(Boolean).join(': ');
    if (text && !parts.some((p) => p.includes(text))) parts.push(text);
    current = e.cause ?? e.original;
  }
  const [first = 'unknown error', ...causes] = parts;
  return (causes.length ? `${first} (${causes.join('; ')})` : first).slice(0, maxLength);
}
