import type { Mention } from '../../application/engine.js';
import type { MentionEntity } from './activity.js';
import { personIdOf } from './identity.js';

/** Finds a mentioned person's AAD object id when the mention entity lacks it (Teams sends `29:` ids). */
export type AadLookup = (botFrameworkId: string) => Promise<string | null>;

export interface ReadMentionsInput {
  text: string;
  entities: readonly MentionEntity[];
  /** The bot's own id (`recipient.id`): its mention is removed from the text. */
  botId: string;
  lookupAad: AadLookup;
}

function tagOf(entity: MentionEntity): string {
  return entity.text ?? `<at>${entity.mentioned.name ?? ''}</at>`;
}

function tidy(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/<at>(.*?)<\/at>/g, '@$1')
    .replace(/\s+/g, ' ')
    .trim();
}

async function mentionOf(entity: MentionEntity, lookupAad: AadLookup): Promise<Mention> {
  const name = entity.mentioned.name ?? entity.mentioned.id;
  const aad = entity.mentioned.aadObjectId || (await lookupAad(entity.mentioned.id).catch(() => null));
  return { id: personIdOf({ id: entity.mentioned.id, aadObjectId: aad }), name };
}

/**
 * Removes the bot's `<at>…</at>` mention and turns every other mention into `@Name`, returning the
 * mentioned people in the order they appear in the text.
 */
export async function readMentions(input: ReadMentionsInput): Promise<{ text: string; mentions: Mention[] }> {
  let text = input.text;
  const people = input.entities
    .filter((entity) => entity.mentioned.id !== input.botId)
    .map((entity) => ({ entity, at: input.text.indexOf(tagOf(entity)) }))
    .filter((item) => item.at >= 0)
    .sort((a, b) => a.at - b.at);
  for (const entity of input.entities) {
    if (entity.mentioned.id === input.botId) text = text.split(tagOf(entity)).join(' ');
  }
  const mentions: Mention[] = [];
  for (const { entity } of people) {
    const mention = await mentionOf(entity, input.lookupAad);
    text = text.replace(tagOf(entity), `@${mention.name}`);
    mentions.push(mention);
  }
  return { text: tidy(text), mentions };
}
