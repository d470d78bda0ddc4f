import { INVOKE_RESPONSE_KEY } from 'botbuilder';
import { rememberAddresses } from '../remember.js';
import { answerInvoke } from '../replies.js';
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

/**
 * An invoke nobody answered names something this app does not offer (its manifest declares no such
 * command, or a known one came without what it needs). botbuilder would answer 501, a server fault;
 * it is the request that is wrong, so it gets 400, and Teams shows the user its usual failure notice.
 */
const UNSERVED_INVOKE = {
  error: { code: 'BadRequest', message: 'This app does not serve this invoke.' },
};

/** Routes one authenticated activity to its handler; an unanswered invoke gets 400. */
export async function dispatch(turn: Turn): Promise<void> {
  await rememberAddresses(turn.engine, turn.activity);
  const handler = HANDLERS.find((candidate) => candidate.matches(turn.activity));
  if (handler) await handler.handle(turn);
  else
    turn.logger.info('teams activity ignored', {
      type: turn.activity.type,
      name: turn.activity.name ?? null,
    });
  const { context } = turn;
  if (context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY))
    await answerInvoke(context, UNSERVED_INVOKE, 400);
}
