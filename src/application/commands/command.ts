import type { ReasonProblem } from '../../domain/reason.js';
import type { TimeBox } from '../../domain/time-box.js';

/** A person named in a command: a mention resolved by the channel, or a platform id typed out. */
export type PersonRef = { kind: 'id'; id: string } | { kind: 'unresolved'; text: string };

/** `approve` scopes: the requesters' groups (default), every group, or named groups. */
export type ScopeWords = { kind: 'requesters' } | { kind: 'all' } | { kind: 'groups'; groups: string[] };

/** Every command of docs/commands.md, parsed; names match the use cases they call. */
export type Command =
  | { name: 'help' }
  | { name: 'provider' }
  | { name: 'setProvider'; provider: string; onPremises: boolean }
  | { name: 'directory' }
  | { name: 'addCustom'; integration: string; host: string | null }
  | { name: 'permissions'; integration: string }
  /** `anyway`: file it even when an integration of its category is already on for the asker. */
  | { name: 'request'; integration: string; reason: string | null; anyway: boolean }
  | { name: 'myRequests' }
  | { name: 'requests' }
  /** `ends`: a time box ("for 90 days", "until 2027-03-31"), or null for no end. */
  | { name: 'approve'; integration: string; scope: ScopeWords; ends: TimeBox | null }
  | { name: 'deny'; integration: string; reason: string }
  /** `approve a, b [for …]`: several requests decided at once, each on its own. */
  | { name: 'approveMany'; integrations: string[]; scope: ScopeWords; ends: TimeBox | null }
  | { name: 'denyMany'; integrations: string[]; reason: string }
  | { name: 'enable'; integration: string; scope: ScopeWords; ends: TimeBox | null }
  | { name: 'extend'; integration: string; by: TimeBox }
  | { name: 'disable'; integration: string }
  | { name: 'remove'; integration: string; group: string | null }
  | { name: 'report' }
  | { name: 'export'; integration: string | null }
  | { name: 'deadlines' }
  | { name: 'digest' }
  | { name: 'keep'; integration: string }
  | { name: 'block'; integration: string; reason: string }
  | { name: 'unblock'; integration: string }
  | { name: 'blocked' }
  | { name: 'connect'; integration: string }
  | { name: 'disconnect'; integration: string }
  | { name: 'notices' }
  | { name: 'permissionChanges' }
  | { name: 'notifyHere' }
  | { name: 'admins' }
  | { name: 'adminAdd'; person: PersonRef }
  | { name: 'adminRemove'; person: PersonRef }
  | { name: 'groups' }
  | { name: 'groupCreate'; group: string }
  | { name: 'groupMember'; group: string; person: PersonRef; change: 'add' | 'remove' }
  | { name: 'groupAdmin'; group: string; person: PersonRef };

export type CommandName = Command['name'];

/**
 * Why a message is not a command, with the facts its wording needs; `views/parse-words.ts` words
 * every reason. `usage` holds the usage lines (of `USAGE`) the answer offers to try.
 *
 * A sibling of `Refusal` (outcomes.ts) rather than part of it: these are answered before any use
 * case runs, offer usage lines to try, and share a code with a use case's refusal (a denial without
 * reason) while needing other words, so no use case's `Outcome` should admit them.
 */
export type ParseRefusal = { ok: false } & (
  | { reason: 'empty' }
  | { reason: 'command-too-long'; length: number; max: number }
  /** `nearest`: usage lines of the commands nearest the unknown first word, at most 4. */
  | { reason: 'unknown-command'; word: string; nearest: string[] }
  /** A command word that takes only one follow-up, such as "my requests". */
  | { reason: 'did-you-mean'; meant: string }
  /** `command` as typed before the name, such as "integration add". */
  | { reason: 'missing-integration'; command: string; usage: string[] }
  | { reason: 'missing-provider'; usage: string[] }
  | { reason: 'integration-add-expected'; usage: string[] }
  /** "for" said without groups after it. */
  | { reason: 'missing-groups'; usage: string[] }
  /** `enable` without "for all" or "for <group>". */
  | { reason: 'missing-scope'; usage: string[] }
  /**
   * A denial's or a block's missing reason, a `ReasonProblem` of domain/reason.ts; its length is
   * checked by the use case. `command`: the verb that needs it.
   */
  | {
      reason: Extract<ReasonProblem, 'reason-required'>;
      command: 'deny' | 'block';
      integration: string | null;
      usage: string[];
    }
  | { reason: 'missing-admin-change'; usage: string[] }
  | { reason: 'missing-group-change'; usage: string[] }
  /** "for <N> days" whose N is not a whole number, below one, or past `max` days. */
  | {
      reason: 'bad-duration';
      text: string;
      problem: 'not-a-number' | 'not-positive' | 'too-long';
      max: number;
    }
  /** "until" followed by something other than a calendar date written YYYY-MM-DD. */
  | { reason: 'bad-end-date'; text: string }
  /** Both "for <N> days" and "until <date>". */
  | { reason: 'two-ends'; usage: string[] }
  /** `extend` without "by <N> days" or "until <date>". */
  | { reason: 'missing-extension'; usage: string[] }
  /** A typed person id longer than the store keeps; `prefix` such as "slack:". */
  | { reason: 'id-too-long'; prefix: string; max: number }
);

export type ParseReason = ParseRefusal['reason'];

/** A parsed command; `corrected` when one small typo in its first word was forgiven. */
export type ParseResult =
  | { ok: true; command: Command; corrected?: { from: string; to: string } }
  | ParseRefusal;

/** Usage lines shown by `help` and in suggestions; `admin` marks commands for system admins. */
export const USAGE: readonly { usage: string; description: string; admin: boolean }[] = [
  { usage: 'help', description: 'List the commands', admin: false },
  { usage: 'provider', description: "Show the account's chat provider", admin: false },
  {
    usage: 'set provider skype|hangouts|teams|google-chat|none',
    description: 'Choose the chat provider',
    admin: true,
  },
  { usage: 'integrations', description: 'Browse the integration directory', admin: false },
  {
    usage: 'integration add <name> [link <host>]',
    description: 'Add a custom integration to the directory',
    admin: true,
  },
  { usage: 'permissions <name>', description: 'What an integration may access', admin: false },
  {
    usage: 'request <name> [anyway] [because <reason>]',
    description: 'Ask admins to add an integration (anyway: even if a similar one is on for you)',
    admin: false,
  },
  { usage: 'my requests', description: 'Your requests and their state', admin: false },
  { usage: 'requests', description: 'Pending requests', admin: true },
  {
    usage: 'approve <name> [for all | for <group>, <group>…] [for <N> days | until <YYYY-MM-DD>]',
    description: 'Approve a request, optionally for a time',
    admin: true,
  },
  { usage: 'deny <name> because <reason>', description: 'Deny a request', admin: true },
  {
    usage: 'approve <name>, <name>… [for all | for <group>…]',
    description: 'Approve several requests at once',
    admin: true,
  },
  {
    usage: 'deny <name>, <name>… because <reason>',
    description: 'Deny several requests with one reason',
    admin: true,
  },
  {
    usage: 'enable <name> for all | for <group>… [for <N> days | until <YYYY-MM-DD>]',
    description: 'Turn an integration on, optionally for a time',
    admin: true,
  },
  {
    usage: 'extend <name> by <N> days | until <YYYY-MM-DD>',
    description: 'Move the end of a time-boxed integration',
    admin: true,
  },
  { usage: 'disable <name>', description: 'Turn an integration off, keeping its settings', admin: true },
  {
    usage: 'remove <name> [from <group>]',
    description: 'Remove an integration, or from one group',
    admin: false,
  },
  { usage: 'report', description: 'Permissions and data of every integration', admin: true },
  { usage: 'export [<name>]', description: 'Download the history as CSV', admin: true },
  { usage: 'deadlines', description: 'Integrations facing a review deadline', admin: true },
  { usage: 'digest', description: 'Most requested, oldest pending and what ends soon', admin: true },
  { usage: 'keep <name>', description: 'Keep a failed-review integration until its deadline', admin: true },
  {
    usage: 'block <name> because <reason>',
    description: 'Refuse every request for an integration',
    admin: true,
  },
  { usage: 'unblock <name>', description: 'Let an integration be requested again', admin: true },
  { usage: 'blocked', description: 'Blocked integrations, why, by whom and when', admin: false },
  {
    usage: 'connect <name>',
    description: 'Authorise an integration at its provider (a link for you)',
    admin: true,
  },
  { usage: 'disconnect <name>', description: 'Revoke and delete its connection', admin: true },
  { usage: 'notices', description: 'Notices waiting to be delivered', admin: true },
  {
    usage: 'changes',
    description: 'Integrations asking for more permissions than approved',
    admin: true,
  },
  { usage: 'notify here', description: 'Send admin notices to this conversation', admin: true },
  { usage: 'admins', description: 'List the system admins', admin: false },
  { usage: 'admin add|remove <person>', description: 'Manage system admins', admin: true },
  { usage: 'groups', description: 'List the groups', admin: false },
  { usage: 'group create <name>', description: 'Create a group', admin: true },
  { usage: 'group <name> add|remove <person>', description: 'Manage group members', admin: true },
  { usage: 'group <name> admin <person>', description: 'Make someone a group admin', admin: true },
];
