import type {
  ActionInput,
  ActionReply,
  Actor,
  Engine,
  Reply,
  TextInput,
} from '../../../src/application/engine.js';
import type { View } from '../../../src/application/views/view.js';

/** An Engine that records what the channel handed it and answers with simple cards. */
export interface EngineDouble extends Engine {
  texts: TextInput[];
  actions: ActionInput[];
  links: { actor: Actor; url: string }[];
  addresses: Map<string, Record<string, unknown>>;
  refreshes: { actor: Actor; cardKey: string }[];
}

const message = (text: string): View => ({ kind: 'message', tone: 'info', text });

export function createEngineDouble(): EngineDouble {
  const texts: TextInput[] = [];
  const actions: ActionInput[] = [];
  const links: { actor: Actor; url: string }[] = [];
  const refreshes: { actor: Actor; cardKey: string }[] = [];
  const addresses = new Map<string, Record<string, unknown>>();
  return {
    texts,
    actions,
    links,
    addresses,
    refreshes,
    async handleText(input): Promise<Reply> {
      texts.push(input);
      return { views: [message(`You said: ${input.text}`)] };
    },
    async handleAction(input): Promise<ActionReply> {
      actions.push(input);
      if (input.verb === 'denyRequest' && !input.inputs?.reason) {
        return {
          card: { kind: 'message', tone: 'error', text: 'A reason is required.' },
          views: [],
          refused: true,
        };
      }
      return { card: message(`Done: ${input.verb}`), views: [], refused: false };
    },
    async home(input) {
      return [message(`Home of ${input.actor.name}`)];
    },
    viewCard(input) {
      refreshes.push(input);
      return input.cardKey === 'request:r1' ? message(`Card for ${input.actor.name}`) : null;
    },
    offerForLink(input) {
      links.push(input);
      if (!new URL(input.url).hostname.endsWith('.atlassian.net')) return null;
      return {
        kind: 'message',
        tone: 'info',
        text: 'Request Jira for your groups?',
        actions: [{ verb: 'requestIntegration', label: 'Request Jira', data: { integrationId: 'jira' } }],
      };
    },
    linkHosts: () => ['*.atlassian.net'],
    async rememberAddress(input) {
      addresses.set(input.conversationId, input.data);
    },
    addressOf: (id) => addresses.get(id) ?? null,
    once: async (eventId, work) => {
      await work({ id: eventId });
      return true;
    },
    markConversationGone: async () => {},
  };
}
