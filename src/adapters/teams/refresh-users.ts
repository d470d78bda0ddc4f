import type { Engine } from '../../application/engine.js';
import { countdownOf, type View } from '../../application/views/view.js';
import { parseAddress, parseMember } from './address.js';

/**
 * The Teams user ids (`29:…` MRIs) a counting-down card lists for automatic refresh: those of the
 * people the core named (system admins, at most 60) that the bot saw anywhere: in a team or group chat
 * (a member record) or in their personal chat (its address keeps their id). In a
 * conversation of more than 60 members Teams refreshes it by itself only for them; the others get
 * Refresh in the message menu. Undefined when none is known: Teams then refreshes it for everyone in
 * conversations of at most 60 members.
 */
export function refreshUserIdsOf(view: View, engine: Pick<Engine, 'addressOf'>): string[] | undefined {
  const countdown = countdownOf(view);
  if (!countdown) return undefined;
  const ids = countdown.refreshFor.flatMap((personId) => {
    const data = engine.addressOf(personId);
    const id = parseMember(data)?.user.id ?? parseAddress(data)?.user?.id;
    return id ? [id] : [];
  });
  return ids.length ? ids : undefined;
}
