import { z } from 'zod';
import type { Deps } from './deps.js';

const LINK_TTL_MS = 60 * 60 * 1000;

export const ConnectState = z.object({
  k: z.literal('connect'),
  i: z.string(),
  n: z.string(),
  exp: z.number(),
});

/** The authorise link that connects an approved integration (signed, single use, one hour). */
export function connectLink(
  deps: Pick<Deps, 'signer' | 'settings' | 'ids'>,
  input: { integrationId: string; now: Date },
): string {
  const token = deps.signer.sign({
    k: 'connect',
    i: input.integrationId,
    n: deps.ids.random(16),
    exp: input.now.getTime() + LINK_TTL_MS,
  });
  return `${deps.settings.publicUrl}/auth/integrations/${encodeURIComponent(input.integrationId)}/callback?state=${encodeURIComponent(token)}`;
}
