import { rememberAddresses } from '../remember.js';
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

/** Routes one authenticated activity to its handler. */
export async function dispatch(turn: Turn): Promise<void> {
  await rememberAddresses(turn.engine, turn.activity);
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
