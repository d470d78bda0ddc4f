import { z } from 'zod';
import { MAX_ID_LENGTH } from './limits.js';

/** The platforms a person or a conversation lives on; every id is prefixed with one. */
export const PLATFORMS = ['slack', 'teams', 'console'] as const;
export type Platform = (typeof PLATFORMS)[number];

const prefixed = new RegExp(`^(slack|teams|console):[^\\s]{1,${MAX_ID_LENGTH}}$`);

/** A person as the core sees them: `slack:U…`, `teams:<aadObjectId>`, `console:<name>`. */
export const PersonId = z
  .string()
  .regex(prefixed, 'a person id looks like slack:U123, teams:<id> or console:<name>');
export type PersonId = z.infer<typeof PersonId>;

/** A conversation (channel, group chat or direct message) the bot can post to. */
export const ConversationId = z.string().regex(prefixed, 'a conversation id is prefixed with its platform');
export type ConversationId = z.infer<typeof ConversationId>;

export function platformOf(id: string): Platform {
  const prefix = id.slice(0, id.indexOf(':'));
  if ((PLATFORMS as readonly string[]).includes(prefix)) return prefix as Platform;
  throw new Error(`not a platform-prefixed id: ${id}`);
}

export function isPersonId(value: string): value is PersonId {
  return prefixed.test(value);
}

/** True when a conversation id can be stored: the same shape as a person id. */
export function isConversationId(value: string): value is ConversationId {
  return prefixed.test(value);
}

/** Lower-case, dash-separated key used for group and integration ids. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
