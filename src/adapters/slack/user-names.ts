import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Clock } from '../../application/ports/clock.js';
import type { Logger } from '../../application/ports/logger.js';
import { storableName } from '../../domain/limits.js';

/** A display name for a Slack user id, or null when Slack could not say. */
export type UserNames = (userId: string) => Promise<string | null>;

const HOUR = 60 * 60_000;

/** The parts of users.info's answer that name a person (display_name may be an empty string). */
const UserInfo = z.looseObject({
  user: z.looseObject({
    name: z.string().optional(),
    real_name: z.string().optional(),
    deleted: z.boolean().optional(),
    profile: z
      .looseObject({
        display_name: z.string().optional(),
        real_name: z.string().optional(),
      })
      .optional(),
  }),
});

/** The name Slack shows for a user: display name, else real name, else the handle. */
export function displayNameOf(answer: unknown): string | null {
  const parsed = UserInfo.safeParse(answer);
  if (!parsed.success) return null;
  const { user } = parsed.data;
  const candidates = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name];
  return storableName(candidates.map((c) => c?.trim() ?? '').find(Boolean));
}

interface Entry {
  name: Promise<string | null>;
  expiresAt: number;
}

/**
 * users.info per user, cached for `ttlMs` (failures for `failureTtlMs`) in at most
 * `maxEntries` entries, least recently used dropped first. A failure answers null and
 * never fails the request that asked.
 */
export function createUserNames(input: {
  client: webApi.WebClient;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  failureTtlMs?: number;
  maxEntries?: number;
}): UserNames {
  const ttlMs = input.ttlMs ?? HOUR;
  const failureTtlMs = input.failureTtlMs ?? 60_000;
  const maxEntries = input.maxEntries ?? 5_000;
  const cache = new Map<string, Entry>();

  const lookUp = (userId: string, now: number): Entry => {
    const entry: Entry = { name: Promise.resolve(null), expiresAt: now + ttlMs };
    entry.name = input.client.users.info({ user: userId }).then(
      (answer) => displayNameOf(answer),
      (error: unknown) => {
        entry.expiresAt = input.clock.now().getTime() + failureTtlMs;
        input.logger.warn('slack users.info failed; the name is left out', {
          code: (error as { data?: { error?: string } })?.data?.error ?? (error as Error)?.message,
        });
        return null;
      },
    );
    return entry;
  };

  return async (userId) => {
    if (!/^[UW][A-Z0-9]+$/.test(userId)) return null;
    const now = input.clock.now().getTime();
    const cached = cache.get(userId);
    cache.delete(userId);
    const entry = cached && cached.expiresAt > now ? cached : lookUp(userId, now);
    cache.set(userId, entry);
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return entry.name;
  };
}
