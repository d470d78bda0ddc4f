import { TeamsInfo } from 'botbuilder';
import { mentionEntities } from '../activity.js';
import { actorOf, originOf } from '../identity.js';
import { readMentions } from '../mentions.js';
import { sendViews } from '../replies.js';
import type { ActivityHandler, Turn } from './turn.js';

/** The AAD object id of a conversation member, from the connector's member lookup. */
function lookupAad(turn: Turn) {
  return async (memberId: string): Promise<string | null> => {
    const member = await TeamsInfo.getMember(turn.context, memberId);
    return member.aadObjectId ?? null;
  };
}

/** A typed command (`@Bot approve jira for all`): mentions resolved, the engine answers, cards sent. */
export const messageHandler: ActivityHandler = {
  name: 'message',
  matches: (activity) => activity.type === 'message' && typeof activity.text === 'string',
  async handle(turn) {
    const { activity, engine } = turn;
    const { text, mentions } = await readMentions({
      text: activity.text ?? '',
      entities: mentionEntities(activity),
      botId: activity.recipient.id,
      lookupAad: lookupAad(turn),
    });
    const reply = await engine.handleText({
      actor: actorOf(activity),
      origin: originOf(activity),
      text,
      mentions,
    });
    await sendViews(turn.context, reply.views);
  },
};
