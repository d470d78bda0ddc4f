import { addressOf } from '../address.js';
import { conversationIdOf, personIdOf } from '../identity.js';
import { cardActionHandler } from './card-action.js';
import { cardSubmitHandler } from './card-submit.js';
import { conversationUpdateHandler } from './conversation-update.js';
import { linkQueryHandler } from './link-query.js';
import { messageHandler } from './message.js';
import type { ActivityHandler, Turn } from './turn.js';
import { unfurlButtonHandler } from './unfurl-button.js';

/** Every activity this channel answers, first match wins. */
export const HANDLERS: readonly ActivityHandler[] = [
  cardSubmitHandler,
  messageHandler,
  cardActionHandler,
  linkQueryHandler,
  unfurlButtonHandler,
  conversationUpdateHandler,
];

/** Keeps the conversation's address (and, in a personal chat, the person's) for proactive cards. */
async function rememberAddresses(turn: Turn): Promise<void> {
  const { activity, engine } = turn;
  if (activity.name === 'composeExtension/anonymousQueryLink') return;
  const data = addressOf(activity);
  await engine.rememberAddress({ conversationId: conversationIdOf(activity), data });
  if (activity.conversation.conversationType === 'personal' && activity.from.aadObjectId) {
    await engine.rememberAddress({ conversationId: personIdOf(activity.from), data });
  }
}

/** Routes one authenticated activity to its handler. */
export async function dispatch(turn: Turn): Promise<void> {
  await rememberAddresses(turn);
  const handler = HANDLERS.find((candidate) => candidate.matches(turn.activity));
  if (!handler) {
    turn.logger.info('teams activity ignored', {
      type: turn.activity.type,
      name: turn.activity.name ?? null,
    });
    return;
  }
  await handler.handle(turn);
}
