import type { View } from '../../../application/views/view.js';
import { sendViews } from '../replies.js';
import type { ActivityHandler } from './turn.js';

/** The short welcome posted when the app is installed in a chat or a team. */
export function welcomeView(): View {
  return {
    kind: 'message',
    tone: 'info',
    text: 'Hi! I help your organisation choose its chat provider, approve integrations and follow review deadlines.',
    lines: [
      'Type `help` to see what you can ask me.',
      'Admins: type `notify here` in a team channel (mention me there) to make it your notification channel.',
    ],
  };
}

/** Install: `conversationUpdate` whose `membersAdded` holds the bot itself. */
export const conversationUpdateHandler: ActivityHandler = {
  name: 'conversationUpdate',
  matches: (activity) =>
    activity.type === 'conversationUpdate' &&
    (activity.membersAdded ?? []).some((member) => member.id === activity.recipient.id),
  async handle(turn) {
    await sendViews(turn.context, [welcomeView()]);
  },
};
