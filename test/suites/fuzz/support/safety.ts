/** Fields whose URL the bot calls back: fuzzed ones must still point at a local fake. */
const CALLBACK_KEYS = new Set(['response_url', 'responseUrl', 'serviceUrl']);

/**
 * Makes a fuzzed payload safe to send: every callback URL the bot would call (Slack response_url,
 * a form's responseUrl, Teams serviceUrl) that is not under `loopbackBase` becomes `fallbackUrl`,
 * so no traffic can leave the machine; and every admin id becomes the member's, so the actor is
 * never an admin and any admin-owned change is a broken permission check.
 */
export function keepLocal(
  value: unknown,
  input: { loopbackBase: string; fallbackUrl: string; admin: RegExp; member: string },
): unknown {
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string') {
      const s = v.replace(input.admin, input.member);
      return key !== null && CALLBACK_KEYS.has(key) && !s.startsWith(input.loopbackBase)
        ? input.fallbackUrl
        : s;
    }
    if (Array.isArray(v)) return v.map((item) => walk(item, key));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const safeKey = k.replace(input.admin, input.member);
        Object.defineProperty(out, safeKey, {
          value: walk(item, k),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return v;
  };
  return walk(value, null);
}
