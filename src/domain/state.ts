import { z } from 'zod';
import { CatalogEntry } from './catalog.js';
import { ConversationId, PersonId } from './ids.js';
import { MAX_GROUP_NAME_LENGTH, MAX_NAME_LENGTH, MAX_REASON_LENGTH, shorten } from './limits.js';
import { Notice, TargetClaim } from './notice.js';
import { initialProvider, ProviderSetting } from './provider.js';

const iso = z.string();

/**
 * A text first bounded in this version: older data files may hold a longer one, so it is
 * shortened on load instead of refused; every edge shortens it before it is stored.
 */
const shortened = (max: number) => z.string().transform((text) => shorten(text, max));

export const Role = z.enum(['system-admin', 'member']);
export type Role = z.infer<typeof Role>;

export const Person = z.object({
  id: PersonId,
  name: z.string().max(MAX_NAME_LENGTH).nullable(),
  role: Role,
  since: iso,
});
export type Person = z.infer<typeof Person>;

export const Group = z.object({
  id: z.string(),
  name: z.string().max(MAX_GROUP_NAME_LENGTH),
  members: z.array(PersonId),
  admins: z.array(PersonId),
  createdAt: iso,
  createdBy: PersonId,
});
export type Group = z.infer<typeof Group>;

/** Where an integration is on: every group, or the listed ones. */
export const Scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('groups'), groups: z.array(z.string()).min(1) }),
]);
export type Scope = z.infer<typeof Scope>;

export const Requester = z.object({
  personId: PersonId,
  reason: z.string().max(MAX_REASON_LENGTH).nullable(),
  at: iso,
});
export type Requester = z.infer<typeof Requester>;

/** `blocked`: closed when its integration was blocked (docs/product.md#blocking). */
export const RequestState = z.enum(['open', 'approved', 'denied', 'expired', 'blocked']);
export const IntegrationRequest = z.object({
  id: z.string(),
  integrationId: z.string(),
  state: RequestState,
  requesters: z.array(Requester).min(1),
  createdAt: iso,
  decision: z
    .object({
      by: PersonId,
      at: iso,
      scope: Scope.nullable(),
      reason: z.string().max(MAX_REASON_LENGTH).nullable(),
    })
    .nullable(),
  /** When it expired for want of a decision (state `expired`); null otherwise. */
  expiredAt: iso.nullable().default(null),
});
export type IntegrationRequest = z.infer<typeof IntegrationRequest>;

export const Install = z.object({
  integrationId: z.string(),
  scope: Scope,
  status: z.enum(['enabled', 'disabled']),
  connected: z.boolean(),
  changedAt: iso,
  changedBy: z.string(),
  /** Set when an admin chose to keep a failed-review integration until its deadline. */
  keptUntil: iso.nullable().default(null),
  /** Why it is off: an admin, the review's auto-disable date, the final deadline, a refused permission change, or the end of its time box. */
  disabledBy: z
    .enum(['admin', 'auto-disable', 'deadline', 'permission-change', 'time-box'])
    .nullable()
    .default(null),
  /** When it was last turned off (the directory says "disabled on …"); older files lack it. */
  disabledAt: iso.nullable().default(null),
  /** A time-boxed approval's end: at it the integration is turned off (null: no end). */
  endsAt: iso.nullable().default(null),
  /** An admin chose to let the time box end (no further heads-up); cleared when it is extended. */
  letEnd: z.object({ by: z.string(), at: iso }).nullable().default(null),
  /**
   * The permissions admins last approved for it (at enable, approval, or **Approve change**); null
   * on an install older than this field, until the next start takes the catalog's set as approved.
   */
  approvedPermissions: z.array(z.string()).nullable().default(null),
});
export type Install = z.infer<typeof Install>;

/**
 * An integration a system admin blocked (docs/product.md#blocking): every request for it is refused
 * with this reason until it is unblocked.
 */
export const Block = z.object({
  reason: z.string().max(MAX_REASON_LENGTH),
  by: PersonId,
  at: iso,
});
export type Block = z.infer<typeof Block>;

/** A reason kept while its asker chooses between an alternative and still asking. */
export const OfferedReason = z.object({ reason: z.string().max(MAX_REASON_LENGTH), at: iso });
export type OfferedReason = z.infer<typeof OfferedReason>;

/**
 * An integration's OAuth connection: its token response, sealed (AES-256-GCM) by the `SecretBox`
 * port, never in clear; who connected it and when.
 */
export const Connection = z.object({
  sealedToken: z.string(),
  connectedAt: iso,
  connectedBy: z.string(),
});
export type Connection = z.infer<typeof Connection>;

/** A conversation the bot posts admin notices to, and the platform's address for it. */
export const AdminChannel = z.object({
  id: ConversationId,
  name: shortened(MAX_NAME_LENGTH).nullable(),
  active: z.boolean(),
  addedBy: PersonId,
  addedAt: iso,
  inactiveReason: shortened(MAX_REASON_LENGTH).nullable().default(null),
});
export type AdminChannel = z.infer<typeof AdminChannel>;

/** A platform's own address for a conversation (Teams conversation reference), opaque to the core. */
export const ConversationAddress = z.object({
  id: ConversationId,
  data: z.record(z.string(), z.unknown()),
  updatedAt: iso,
});
export type ConversationAddress = z.infer<typeof ConversationAddress>;

/** An audit entry of a change, numbered, waiting in the state until it is in the audit log. */
export const PendingAudit = z.object({
  seq: z.number().int().positive(),
  at: iso,
  actor: z.string(),
  action: z.string(),
  integrationId: z.string().nullable(),
  details: z.string(),
});
export type PendingAudit = z.infer<typeof PendingAudit>;

/**
 * The audit entries of changes, written in the same durable state write as the change they
 * record (docs/product.md#safety-and-data), then appended to the audit log; `seq` is the last number given. An older
 * file without it starts from nothing (an additive field: no schema version of its own).
 */
export const AuditQueue = z.object({
  seq: z.number().int().nonnegative(),
  pending: z.array(PendingAudit),
});
export type AuditQueue = z.infer<typeof AuditQueue>;

/**
 * A posted review-deadline card whose days left are recomputed when it is read (Teams refresh) and
 * once a day where it was posted (Slack `chat.update`): which integrations it lists, and the day, in
 * the account's time zone, it was last brought up to date. Older files have no `kind`.
 * `supersededAt`: when a later deadline card listing every integration on this one was queued to the
 * same admin channels; from then that card carries the news and this one's Slack copies are left as
 * they were (Teams still refreshes it when read, which costs no message).
 */
export const DeadlineCountdown = z.object({
  kind: z.literal('deadline').default('deadline'),
  variant: z.enum(['attention', 'reminder']),
  integrationIds: z.array(z.string()),
  createdAt: iso,
  refreshedOn: z.string(),
  supersededAt: iso.optional(),
});
export type DeadlineCountdown = z.infer<typeof DeadlineCountdown>;

/** A posted time-box heads-up counting down the same way: the time box it is about (its integration and end). */
export const TimeBoxCountdown = z.object({
  kind: z.literal('time-box'),
  integrationId: z.string(),
  endsAt: iso,
  createdAt: iso,
  refreshedOn: z.string(),
});
export type TimeBoxCountdown = z.infer<typeof TimeBoxCountdown>;

export const Countdown = z.union([TimeBoxCountdown, DeadlineCountdown]);
export type Countdown = z.infer<typeof Countdown>;

export const CURRENT_SCHEMA_VERSION = 2;

export const State = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  people: z.record(z.string(), Person),
  groups: z.record(z.string(), Group),
  customIntegrations: z.array(CatalogEntry),
  provider: ProviderSetting,
  usedNonces: z.record(z.string(), iso),
  requests: z.record(z.string(), IntegrationRequest),
  /**
   * Indexes of `requests`, kept with them so that a request costs the same at 10 requests or
   * 10,000 (docs/performance.md): the open request of each integration, and each person's requests.
   */
  openRequests: z.record(z.string(), z.string()),
  personRequests: z.record(z.string(), z.array(z.string())),
  installs: z.record(z.string(), Install),
  /** Blocked integrations by id; older files have none. */
  blocked: z.record(z.string(), Block).default({}),
  /**
   * The reasons of requests answered with an alternative instead of being filed, kept for "Still
   * ask", by `offerKey` (domain/alternatives.ts), so the button carries ids only.
   */
  offeredReasons: z.record(z.string(), OfferedReason).default({}),
  adminChannels: z.record(z.string(), AdminChannel),
  addresses: z.record(z.string(), ConversationAddress),
  /** Posted copies of a card, by card key (`request:<id>`), so a decision updates each in place. */
  postedCards: z.record(z.string(), z.array(z.object({ target: z.string(), messageId: z.string() }))),
  outbox: z.array(Notice),
  /** Targets a delivery worker is sending to, when several share the outbox (adapters/delivery/claims.ts); older files have none. */
  deliveryClaims: z.record(z.string(), TargetClaim).default({}),
  /** Keys of notices already queued once (deadline notices are sent exactly once). */
  sentKeys: z.record(z.string(), iso),
  /** Inbound event ids already handled (Slack retries), with when. */
  seenEvents: z.record(z.string(), iso),
  counters: z.object({ request: z.number().int().nonnegative(), notice: z.number().int().nonnegative() }),
  auditQueue: AuditQueue.default({ seq: 0, pending: [] }),
  /**
   * Cards that count down, by card key (`deadline:<when>:<variant>`, `timebox:<integration>:<end>`);
   * `postedCards` says where.
   */
  countdowns: z.record(z.string(), Countdown).default({}),
  /** OAuth connections by integration id (docs/product.md#connecting-an-integration). */
  connections: z.record(z.string(), Connection).default({}),
});
export type State = z.infer<typeof State>;

export function emptyState(): State {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    people: {},
    groups: {},
    customIntegrations: [],
    provider: { ...initialProvider },
    usedNonces: {},
    requests: {},
    openRequests: {},
    personRequests: {},
    installs: {},
    blocked: {},
    offeredReasons: {},
    adminChannels: {},
    addresses: {},
    postedCards: {},
    outbox: [],
    deliveryClaims: {},
    sentKeys: {},
    seenEvents: {},
    counters: { request: 0, notice: 0 },
    auditQueue: { seq: 0, pending: [] },
    countdowns: {},
    connections: {},
  };
}
