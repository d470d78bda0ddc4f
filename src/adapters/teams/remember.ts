import type { Engine } from '../../application/engine.js';
import type { InboundActivity } from './activity.js';
import { addressOf, memberOf, parseAddress } from './address.js';
import { conversationIdOf, personIdOf } from './identity.js';

type Remembering = Pick<Engine, 'rememberAddress' | 'addressOf'>;
type Account = InboundActivity['from'];

/**
 * The people an activity shows with their AAD object id (the key of `teams:<aadObjectId>`): its sender,
 * and the members a `conversationUpdate` added, the bot aside.
 */
function peopleOf(activity: InboundActivity): Account[] {
  const added = (activity.membersAdded ?? []).filter(
    (member) => member.id !== activity.recipient.id && member.id !== activity.from.id,
  );
  return [activity.from, ...added].filter((account) => Boolean(account.aadObjectId));
}

/**
 * Keeps what is needed to open a 1:1 chat with a person seen outside a personal chat, unless their
 * personal chat is already known: that address is stronger and is never replaced by a member record.
 */
async function rememberMember(engine: Remembering, activity: InboundActivity, account: Account) {
  const member = memberOf(activity, account);
  if (!member) return;
  const personId = personIdOf(account);
  if (parseAddress(engine.addressOf(personId))) return;
  await engine.rememberAddress({ conversationId: personId, data: member });
}

/**
 * Remembers, for proactive messages, the conversation an activity came from and each person in it:
 * the personal chat itself for its sender in a personal chat, a member record for everyone else.
 * Anonymous link queries name nobody and are skipped.
 */
export async function rememberAddresses(engine: Remembering, activity: InboundActivity): Promise<void> {
  if (activity.name === 'composeExtension/anonymousQueryLink') return;
  const data = addressOf(activity);
  await engine.rememberAddress({ conversationId: conversationIdOf(activity), data });
  const personal = activity.conversation.conversationType === 'personal';
  for (const account of peopleOf(activity)) {
    if (personal && account.id === activity.from.id) {
      await engine.rememberAddress({ conversationId: personIdOf(account), data });
    } else {
      await rememberMember(engine, activity, account);
    }
  }
}
