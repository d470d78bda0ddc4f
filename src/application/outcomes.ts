import type { CatalogEntry, Review } from '../domain/catalog.js';
import { MAX_REASON_LENGTH } from '../domain/limits.js';
import type { Notice } from '../domain/notice.js';
import type { AccountPlan } from '../domain/plan.js';
import type { ProviderFacts, ProviderId } from '../domain/provider.js';
import type { ReasonProblem } from '../domain/reason.js';
import type { ReviewStatus } from '../domain/review.js';
import type { Install, IntegrationRequest } from '../domain/state.js';
import type { TimeBoxProblem } from '../domain/time-box.js';

/**
 * What use cases answer: done with its facts, or refused with a reason code and its facts.
 * Nothing here is worded for people; `views/refusal-words.ts` words every refusal, `views/request-outcome-views.ts` and
 * `views/admin-outcome-views.ts` every done outcome. A message that is not a command is refused
 * before any use case runs, with a `ParseRefusal` (commands/command.ts) worded in `views/parse-words.ts`.
 */

/** The admin tasks a `not-admin` refusal names. */
export type AdminTask =
  | 'add-custom-integrations'
  | 'approve-integrations'
  | 'block-integrations'
  | 'change-provider'
  | 'choose-notice-target'
  | 'create-groups'
  | 'decide-permission-changes'
  | 'deny-requests'
  | 'disable-integrations'
  | 'enable-integrations'
  | 'export'
  | 'export-history'
  | 'extend-time-boxes'
  | 'keep-integrations'
  | 'manage-admins'
  | 'manage-groups'
  | 'remove-integrations'
  | 'see-deadlines'
  | 'see-digest'
  | 'see-notices'
  | 'see-permission-changes'
  | 'see-report'
  | 'connect-integrations';

/** What a `plan-too-small` refusal is about. */
export type PlanSubject =
  | 'third-party-integrations'
  | 'custom-integrations'
  | 'group-admin-removal'
  | { provider: ProviderId };

/** Where an approval turns an integration on: every group, or these (by name). */
export type ScopeFacts = { kind: 'all' } | { kind: 'groups'; groups: string[] };

/** A decision on a request, as people are told of it. */
export interface DecisionFacts {
  state: 'approved' | 'denied' | 'blocked';
  /** Display name of the admin who decided. */
  by: string;
  at: string;
  scope: ScopeFacts | null;
  reason: string | null;
  /** A time-boxed approval's last day on (YYYY-MM-DD in the account's time zone); absent or null: no end. */
  lastDay?: string | null;
}

/** An integration as outcomes name it. */
export interface IntegrationFacts {
  id: string;
  name: string;
  vendor: string;
}

/** A block on an integration as people are told of it: why, who (display name) and when. */
export interface BlockFacts {
  reason: string;
  by: string;
  at: string;
}

/** Every reason a use case refuses for, with its facts. */
export type Refusal = { ok: false } & (
  | {
      reason: 'not-admin';
      task: AdminTask;
      admins: string[] /** Set when a group admin may still remove this integration from their group. */;
      removableFromGroup?: string;
    }
  | { reason: 'plan-too-small'; subject: PlanSubject; needed: AccountPlan; current: AccountPlan }
  | { reason: 'unknown-integration'; name: string; suggestions: string[] }
  | { reason: 'unknown-group'; name: string; groups: string[] }
  | { reason: 'unresolved-person'; text: string }
  | { reason: 'reason-required' }
  | { reason: 'reason-too-long'; max: number }
  | { reason: 'request-gone' }
  | { reason: 'already-decided'; decision: DecisionFacts }
  | { reason: 'request-expired'; integration: IntegrationFacts; expiredAt: string }
  | {
      reason: 'no-open-request';
      integration: IntegrationFacts;
      wanted: 'approve' | 'deny';
      /** When its latest request expired without a decision, if it did. */
      expiredAt?: string | null;
      /** How its latest request was decided, if it was. */
      decided?: DecisionFacts | null;
    }
  | { reason: 'no-requester-groups' }
  /** More requests named or chosen at once than one bulk decision takes. */
  | { reason: 'too-many-decisions'; count: number; max: number }
  | { reason: 'nothing-chosen' }
  | { reason: 'already-enabled'; integration: IntegrationFacts }
  /** Asked for, or an admin tried to turn on, an integration that is blocked. */
  | {
      reason: 'integration-blocked';
      integration: IntegrationFacts;
      block: BlockFacts;
      wanted: 'request' | 'approve' | 'enable' | 'keep';
    }
  | { reason: 'already-blocked'; integration: IntegrationFacts; block: BlockFacts }
  | { reason: 'not-blocked'; integration: IntegrationFacts }
  /** Blocking an integration still on: it is turned off first. */
  | { reason: 'block-while-enabled'; integration: IntegrationFacts; scope: ScopeFacts }
  | { reason: 'not-a-provider'; text: string }
  | { reason: 'on-premises-unsupported' }
  | { reason: 'already-admin'; person: string }
  | { reason: 'not-an-admin'; person: string }
  | { reason: 'configured-admin'; person: string }
  | { reason: 'last-admin' }
  | { reason: 'bad-group-name'; max: number }
  | { reason: 'group-exists'; group: string }
  | { reason: 'not-in-group'; person: string; group: string }
  | { reason: 'not-installed'; integration: IntegrationFacts }
  | { reason: 'bad-custom-integration'; field: string; problem: string }
  | { reason: 'already-in-directory'; integration: IntegrationFacts }
  | { reason: 'not-group-admin'; group: string }
  | { reason: 'not-on-for-group'; integration: IntegrationFacts; group: string }
  | { reason: 'on-for-all-groups'; integration: IntegrationFacts }
  | { reason: 'review-not-relevant'; integration: IntegrationFacts }
  | { reason: 'review-passed'; integration: IntegrationFacts }
  | { reason: 'no-review-deadline'; integration: IntegrationFacts }
  | { reason: 'deadline-passed'; integration: IntegrationFacts; deadline: string }
  | { reason: 'already-kept'; integration: IntegrationFacts; deadline: string }
  | { reason: 'already-disabled'; integration: IntegrationFacts }
  /** A permission change decided already, or asked about by an older card (`newer`: the catalog changed again). */
  | { reason: 'no-permission-change'; integration: IntegrationFacts; why: 'none' | 'newer' }
  | { reason: 'link-invalid'; flow: LinkFlow }
  | { reason: 'link-expired'; flow: LinkFlow }
  | { reason: 'link-used'; flow: LinkFlow }
  | { reason: 'provider-refused'; flow: 'connect' | 'consent'; answer: string }
  | { reason: 'callback-malformed' }
  | { reason: 'integration-gone' }
  | { reason: 'link-owner-not-admin' }
  /** A time box that cannot be used; `lastDay` the current one when an extension is not later. */
  | { reason: 'bad-time-box'; problem: TimeBoxProblem; max: number; lastDay: string | null }
  /** Extend or let end an integration that is not on with an end; `endedOn` when its time box ended. */
  | { reason: 'not-time-boxed'; integration: IntegrationFacts; endedOn: string | null }
  /** A card's Extend or Let it end for an end that has moved since (another admin acted). */
  | { reason: 'time-box-moved'; integration: IntegrationFacts; lastDay: string }
  /** The integration's catalog entry has no `oauth` block: there is nothing to connect. */
  | { reason: 'no-connect-step'; integration: IntegrationFacts }
  /** Its client id or secret is missing from the environment: `missing` names the variables. */
  | { reason: 'connect-not-configured'; integration: IntegrationFacts; missing: string[] }
  | { reason: 'already-connected'; integration: IntegrationFacts; by: string; at: string }
  | { reason: 'not-connected'; integration: IntegrationFacts }
  /** Connecting needs the integration on (approved or enabled) first. */
  | { reason: 'connect-needs-enabled'; integration: IntegrationFacts }
  /** The token endpoint refused the code, failed, or did not answer: nothing was stored. */
  | {
      reason: 'token-exchange-failed';
      integration: IntegrationFacts;
      problem: 'refused' | 'bad-answer' | 'unreachable';
      detail: string;
    }
  /** An account or conversation id the store could not keep (bound-input.ts): refused before the core. */
  | { reason: 'unstorable-id'; of: 'account' | 'conversation'; max: number }
);

/** The signed links people open in a browser: connect a third party, Office 365 consent, CSV export. */
export type LinkFlow = 'connect' | 'consent' | 'export';

export type RefusalReason = Refusal['reason'];

/** The refusals of one reason, or of a few. */
export type Refused<R extends RefusalReason> = Extract<Refusal, { reason: R }>;

/** A use case's answer: done with facts `D`, or refused for one of the reasons `R`. */
export type Outcome<D extends object, R extends RefusalReason> = ({ ok: true } & D) | Refused<R>;

/** Builds a refusal: `refused('last-admin')`, `refused('unknown-group', { name, groups })`. */
export function refused<R extends RefusalReason>(
  reason: R,
  ...facts: keyof Omit<Refused<R>, 'ok' | 'reason'> extends never ? [] : [Omit<Refused<R>, 'ok' | 'reason'>]
): Refused<R> {
  return { ok: false, reason, ...facts[0] } as Refused<R>;
}

/** The refusal for a reason that breaks the reason rule. */
export function refusedReason(problem: ReasonProblem): Refused<ReasonProblem> {
  return problem === 'reason-required' ? refused(problem) : refused(problem, { max: MAX_REASON_LENGTH });
}

/** Done facts of each use case that answers with an outcome; its file names its refusals. */

/**
 * A request filed, joined, or asked for again by the same person (whose reason then replaces theirs);
 * or nothing filed because another integration of its category is on for the asker (`alternative`:
 * where, as `scope`), who may use that one or still ask, their reason kept.
 */
export type RequestDone =
  | { result: 'filed' | 'joined'; requestId: string; integration: IntegrationFacts; requesterCount: number }
  | { result: 'asked-before'; integration: IntegrationFacts; reasonUpdated: boolean }
  | {
      result: 'alternative';
      integration: IntegrationFacts;
      alternative: IntegrationFacts;
      scope: ScopeFacts;
      reason: string | null;
    };

/** A link of a catalog host: its integration, and its block when it is blocked. */
export interface LinkOffer extends IntegrationFacts {
  description: string;
  blocked: BlockFacts | null;
}

/** "Use Dropbox": it is on for the asker, where, and what it does. */
export interface UseAlternativeDone {
  integration: IntegrationFacts;
  scope: ScopeFacts;
  description: string;
}

export interface BlockDone {
  integration: IntegrationFacts;
  block: BlockFacts;
  /** The open request the block closed, and how many requesters were told, or null. */
  closed: { requestId: string; requestersTold: number } | null;
}

export interface UnblockDone {
  integration: IntegrationFacts;
}

/** `blocked`: every blocked integration still in the catalog, most recent first. */
export interface BlockedListDone {
  items: { integration: IntegrationFacts; block: BlockFacts }[];
}

export interface DecisionDone {
  integration: IntegrationFacts;
  decision: DecisionFacts;
  requestersTold: number;
  /** After an approval: where its OAuth connection stands, with the authorise link when one is due. */
  connect: ConnectStep;
}

/** Where an integration's OAuth connection stands (docs/product.md#connecting-an-integration). */
export type ConnectFacts =
  /** Its catalog entry has no `oauth` block: no connect step, never "connected". */
  | { status: 'none' }
  | { status: 'not-configured'; missing: string[] }
  | { status: 'not-connected' }
  | { status: 'connected'; by: string; at: string };

/** A connection's state, plus the authorise link made for the admin who just turned it on. */
export type ConnectStep = ConnectFacts & { authorizeUrl?: string };
/** One request of a bulk decision: decided, or refused for its own reason while the others went on. */
export type BulkItem =
  | { name: string | null; ok: true; done: DecisionDone }
  /** `name` is null for a chosen request that no longer exists. */
  | { name: string | null; ok: false; refusal: Refusal };

/** `approve a, b …` / `deny a, b because …` and the requests card's selection: each decided on its own. */
export interface BulkDecisionDone {
  outcome: 'approved' | 'denied';
  /** In the order named, each request once. */
  items: BulkItem[];
}

export interface PrepareApprovalDone {
  requestId: string;
  integration: IntegrationFacts;
  permissions: string[];
  review: Review;
  scope: ScopeFacts;
  /** The scope as the "Add" button carries it. */
  scopeToken: string;
  /** The time box asked for, as the duration choice carries it (`none` for no end). */
  endsToken: string;
}

export type SetProviderDone =
  | { result: 'unchanged' | 'set'; provider: ProviderFacts }
  | {
      result: 'consent-requested';
      provider: ProviderFacts;
      wanted: ProviderId;
      consentUrl: string;
      /** Without O365_CLIENT_ID: the callback that completes the consent locally. */
      localCallback: string | null;
    };

export interface ChangeAdminDone {
  change: 'add' | 'remove';
  person: string;
}

export interface CreateGroupDone {
  group: string;
}

export interface GroupMemberDone {
  change: 'add' | 'remove' | 'admin';
  person: string;
  group: string;
}

export interface EnableDone {
  integration: IntegrationFacts;
  /** Where it is on now, merged with where it was. */
  scope: ScopeFacts;
  /** The last day on of its time box (YYYY-MM-DD), or null for no end. */
  lastDay: string | null;
  connect: ConnectStep;
}

/** `connect <name>` or a card's Connect: the single-use authorise link for the asking admin. */
export interface StartConnectDone {
  integration: IntegrationFacts;
  url: string;
  expiresAt: string;
}

/** A connection dropped: whether the provider revoked the token first. */
export interface DisconnectDone {
  integration: IntegrationFacts;
  revoke:
    | { result: 'revoked' }
    /** The catalog entry has no `revokeUrl`: the token was dropped here only. */
    | { result: 'no-endpoint' }
    /** Revocation failed (or the sealed token could not be opened); the token was dropped here anyway. */
    | { result: 'failed'; detail: string };
}

/** A time box moved or left to end (`extend`, the heads-up card's Extend and Let it end). */
export type TimeBoxActionDone =
  | { result: 'extended'; integration: IntegrationFacts; lastDay: string; previousLastDay: string }
  | { result: 'letting-end'; integration: IntegrationFacts; lastDay: string };

export interface DisableDone {
  result: 'disabled' | 'already-disabled';
  integration: IntegrationFacts;
}

export interface NotifyHereDone {
  result: 'added' | 'already-here';
  /** Active admin channels in all. */
  channels: number;
}

export interface AddCustomDone {
  integration: IntegrationFacts;
  host: string | null;
}

export type RemoveDone =
  | { result: 'removed'; integration: IntegrationFacts; group: string | null }
  /** A group admin's first step: asked to confirm, nothing changed yet. */
  | { result: 'confirm'; integration: IntegrationFacts; group: { id: string; name: string } };

/** What a browser callback (consent, connect) shows on its page. */
export interface CallbackPage {
  ok: boolean;
  title: string;
  text: string;
}

export type ConnectDone = { flow: 'connect'; integration: IntegrationFacts };
export type ConsentDone = { flow: 'consent'; provider: ProviderId };

/** A review-deadline action done: the deadline card is then shown again under `title` facts. */
export type DeadlineActionDone =
  | { result: 'kept'; integration: IntegrationFacts; deadline: string }
  | { result: 'disabled'; integration: IntegrationFacts };

/** A permission change decided: the new set approved, or the integration turned off instead. */
export interface PermissionChangeDone {
  result: 'approved' | 'disabled';
  integration: IntegrationFacts;
  added: string[];
  removed: string[];
}

/** One enabled integration whose catalog entry asks for more than admins approved. */
export interface PendingPermissionChange {
  integration: IntegrationFacts;
  added: string[];
  removed: string[];
  /** The fingerprint of the set asked for, which the decision buttons carry. */
  hash: string;
}

/** `changes`: the pending permission changes, by integration name. */
export interface PermissionChangesDone {
  changes: PendingPermissionChange[];
}

export interface ExportLinkDone {
  /** The integration whose history it is, or null for all. */
  integration: IntegrationFacts | null;
  url: string;
  expiresAt: string;
}

/** Read-only queries: the facts each answers with, worded by `views/query-views.ts` and the builders it uses. */

/** A request with the catalog entry it is for. */
export interface ListedRequest {
  request: IntegrationRequest;
  entry: CatalogEntry;
}

/** `my requests` (the person's own, newest first) or `requests` (open ones, for admins). */
export interface RequestListDone {
  list: 'mine' | 'pending';
  /** Requests whose integration is still in the catalog, in the order shown. */
  requests: ListedRequest[];
  /** Every request of the list, counted before unknown integrations are dropped. */
  total: number;
}

/** `notices`: the queued notices in queue order, then the given-up ones newest first. */
export interface NoticeListDone {
  notices: Notice[];
  queued: number;
  failing: number;
  givenUp: number;
}

/** `deadlines`: every installed integration whose review has not passed, soonest first. */
/** One integration and where its review stands. */
export interface Affected {
  entry: CatalogEntry;
  status: ReviewStatus;
}

export interface DeadlineListDone {
  affected: Affected[];
}

/** An open request as the digest names it. */
export interface DigestRequestFacts {
  request: IntegrationRequest;
  entry: CatalogEntry;
}

/** `digest` and the scheduled digest: what admins should look at now (docs/product.md#the-digest). */
export interface DigestDone {
  mostRequested: DigestRequestFacts[];
  oldest: DigestRequestFacts[];
  /** Review dates (auto-disable or final deadline) within the horizon, soonest first. */
  deadlines: Affected[];
  /** Time-boxed approvals ending within the horizon, soonest first. */
  timeBoxes: { install: Install; entry: CatalogEntry }[];
  horizonDays: number;
  /** Nothing in any section: no card is sent. */
  empty: boolean;
}

/** One row of the report: an integration installed or requested, and its last audited change. */
export interface ReportRowFacts {
  entry: CatalogEntry;
  install: { status: Install['status']; connected: boolean; kept: boolean; groups: string } | null;
  lastChange: { action: string; by: string; at: string } | null;
}

export interface ReportDone {
  rows: ReportRowFacts[];
}

export interface PermissionsDone {
  entry: CatalogEntry;
}

/** The directory as one person sees it. */
export interface DirectoryDone {
  entries: { entry: CatalogEntry; open: IntegrationRequest | undefined; connect?: ConnectFacts }[];
  myGroups: string[];
  isAdmin: boolean;
  now: Date;
}

/**
 * What happened to a request that its requesters are told of (docs/product.md#closed-loop):
 * decided by an admin, expired for want of a decision, or ended later by another change
 * (the integration blocked, a time-boxed approval over). `by` is a display name, null for the bot.
 */
export type RequesterNews =
  /** `lastDay`: a time-boxed approval's last day on (YYYY-MM-DD), or absent/null for no end. */
  | {
      change: 'approved';
      by: string;
      scope: ScopeFacts | null;
      reason: string | null;
      lastDay?: string | null;
    }
  | { change: 'denied'; by: string; reason: string | null }
  | { change: 'expired'; requestId: string; waitedDays: number }
  | { change: 'blocked'; by: string | null; reason: string | null }
  /** `groups` it was on for, through `lastDay` (YYYY-MM-DD). */
  | { change: 'time-box-ended'; groups: string; lastDay: string };

/** The facts a requester's message is worded from. */
export interface RequesterNewsFacts {
  integration: IntegrationFacts;
  news: RequesterNews;
  /** The requester's own reason, when they gave one (kept for "Request again"). */
  ownReason: string | null;
}
