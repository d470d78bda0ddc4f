import type { ConversationId, PersonId } from '../domain/ids.js';
import type { View } from './views/view.js';

/** Who is acting, as their channel identified them. */
export interface Actor {
  id: PersonId;
  /** Display name as the platform gave it, kept for cards ("Approved by Ada"). */
  name: string | null;
}

/** Where a message or click came from. */
export interface Origin {
  conversationId: ConversationId;
  kind: 'personal' | 'channel' | 'group';
  name?: string | null;
}

/** A person mentioned in a command (`admin add @Ada`), resolved by the channel. */
export interface Mention {
  id: PersonId;
  name: string;
}

/** An inbound event being handled under `Engine.once`; handed back with the input it carries. */
export interface InboundEvent {
  readonly id: string;
}

export interface TextInput {
  actor: Actor;
  origin: Origin;
  text: string;
  /** Mentions in the order they appear; `@name` tokens in the text refer to them. */
  mentions?: readonly Mention[];
  /** The event (from `once`) this message came in, so its id is recorded with what it changes. */
  event?: InboundEvent;
}

export interface ActionInput {
  actor: Actor;
  origin: Origin;
  verb: string;
  /** The ids a card carried; parsed with zod by the engine, never trusted. */
  data: unknown;
  /** Values of the card's input fields (deny reason, chosen groups). */
  inputs?: Record<string, unknown>;
}

export interface Reply {
  views: View[];
}

export interface ActionReply {
  /** The clicked card as it should now look (Teams answers the invoke with it; Slack updates). */
  card: View | null;
  /** Further messages for the actor. */
  views: View[];
  /**
   * A step only the actor sees, in place of the clicked card for them (the permissions before
   * "Add"): Teams answers the invoke with it, Slack shows it privately. Absent on other actions.
   */
  privateCard?: View;
  /** Set when the action was refused or malformed; `card` then holds an error view. */
  refused: boolean;
}

/** The one surface every channel drives; everything behind it knows no platform. */
export interface Engine {
  handleText(input: TextInput): Promise<Reply>;
  handleAction(input: ActionInput): Promise<ActionReply>;
  /**
   * The card a viewer should see for a card key (Teams `refresh`), or null when unknown or not
   * theirs to see; `origin` is where they look at it (a card posted there may be shown there).
   */
  viewCard(input: { actor: Actor; cardKey: string; origin?: Origin }): View | null;
  /** The person's home: the admin dashboard, or their requests and the directory. */
  home(input: { actor: Actor; origin: Origin }): Promise<View[]>;
  /** "Request Jira for your groups?" for a link of a catalog host, or null for other links. */
  offerForLink(input: { actor: Actor; url: string }): View | null;
  /** Link hosts of the catalog, for manifests and unfurl registration. */
  linkHosts(): string[];
  /** Stores a platform address (Teams conversation reference) for proactive messages. */
  rememberAddress(input: { conversationId: ConversationId; data: Record<string, unknown> }): Promise<void>;
  addressOf(conversationId: ConversationId): Record<string, unknown> | null;
  /**
   * Runs `work` for an inbound event id unless that id was handled before (Slack retries);
   * true when it ran. The id is recorded in the same durable write as what the input carrying
   * the event `work` receives (`TextInput.event`) changes.
   */
  once(eventId: string, work: (event: InboundEvent) => Promise<void>): Promise<boolean>;
  /** Marks a conversation unusable (bot removed) and tells admins. */
  markConversationGone(input: { conversationId: ConversationId; reason: string }): Promise<void>;
}
