import { PROVIDERS } from '../../domain/provider.js';
import type { ReasonProblem } from '../../domain/reason.js';
import type {
  AdminTask,
  BlockFacts,
  DecisionFacts,
  LinkFlow,
  Outcome,
  PlanSubject,
  Refusal,
  RefusalReason,
  Refused,
  ScopeFacts,
} from '../outcomes.js';
import { refusedReason } from '../outcomes.js';
import { formatDate, formatDateTime, formatDay, formatTime, message } from './format.js';
import type { MessageView, Tone, View } from './view.js';

/**
 * Every refusal reason of `Refusal` (outcomes.ts) worded for people (English today), and the helpers
 * the done outcomes' wording shares (`request-outcome-views.ts`, `admin-outcome-views.ts`). Its
 * sibling `parse-words.ts` words every reason a message is not a command (`ParseRefusal`).
 */

const TASKS: Record<AdminTask, string> = {
  'add-custom-integrations': 'add custom integrations',
  'approve-integrations': 'approve integrations',
  'block-integrations': 'block or unblock integrations',
  'change-provider': 'change the chat provider',
  'choose-notice-target': 'choose where admin notices go',
  'create-groups': 'create groups',
  'deny-requests': 'deny requests',
  'disable-integrations': 'disable integrations',
  'enable-integrations': 'enable integrations',
  export: 'export',
  'export-history': 'export the history',
  'extend-time-boxes': 'extend time-boxed integrations',
  'keep-integrations': 'keep integrations past their review date',
  'manage-admins': 'manage admins',
  'manage-groups': 'manage groups',
  'remove-integrations': 'remove integrations entirely',
  'see-deadlines': 'see review deadlines',
  'see-digest': 'see the digest',
  'see-notices': 'see the notices waiting to be delivered',
  'see-permission-changes': 'see pending permission changes',
  'decide-permission-changes': 'decide on permission changes',
  'see-report': 'see the report',
  'connect-integrations': 'connect and disconnect integrations',
};

const PLAN_NAMES = { free: 'Free', business: 'Business', enterprise: 'Enterprise' } as const;

function subjectWords(subject: PlanSubject): string {
  if (typeof subject === 'object') return PROVIDERS[subject.provider].name;
  if (subject === 'custom-integrations') return 'Custom integrations';
  if (subject === 'group-admin-removal') return 'Removing custom integrations as a group admin';
  return 'Third-party integrations';
}

/** A name typed by someone, cut for quoting it back. */
const quoted = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** "all groups" or "Sales, Eng". */
export function scopeWords(scope: ScopeFacts | null): string {
  if (!scope) return '';
  return scope.kind === 'all' ? 'all groups' : scope.groups.join(', ');
}

/** " until 31 Mar 2027" for a time box's last day, or nothing for no end. */
export function untilWords(lastDay: string | null | undefined): string {
  return lastDay ? ` until ${formatDay(lastDay)}` : '';
}

/** "Approved by Ada for Sales, Eng — 10:42", "Denied by Ada — 10:42: not now" or "Blocked by Ada — …". */
export function decisionWords(decision: DecisionFacts, timeZone: string): string {
  const time = formatTime(decision.at, timeZone);
  if (decision.state === 'approved')
    return `Approved by ${decision.by} for ${scopeWords(decision.scope)}${untilWords(decision.lastDay)} — ${time}`;
  const verb = decision.state === 'blocked' ? 'Blocked' : 'Denied';
  return `${verb} by ${decision.by} — ${time}${decision.reason ? `: ${decision.reason}` : ''}`;
}

/** "blocked by Ada on 12 Nov 2026" */
export function blockedWords(block: BlockFacts, timeZone: string): string {
  return `blocked by ${block.by} on ${formatDate(block.at, timeZone)}`;
}

const LINK_INVALID: Record<LinkFlow, string> = {
  connect: 'This connect link is not valid. Nothing was changed; say "connect <name>" in chat for a new one.',
  consent: 'This consent link is not valid. Nothing was changed; ask for a new one in chat.',
  export: 'This download link is not valid.',
};

/** Why a token exchange failed: the provider refused the code, answered wrongly, or did not answer. */
const TOKEN_FAILURE: Record<
  'refused' | 'bad-answer' | 'unreachable',
  (vendor: string, detail: string) => string
> = {
  refused: (vendor, detail) =>
    `${vendor} refused to issue a token ("${detail}"). Nothing was changed; say "connect <name>" in chat to try again.`,
  'bad-answer': (vendor, detail) =>
    `${vendor}'s token endpoint did not answer as expected (${detail}). Nothing was changed; try again later.`,
  unreachable: (vendor, detail) =>
    `${vendor}'s token endpoint could not be reached (${detail}). Nothing was changed; try again later.`,
};

const LINK_EXPIRED: Record<LinkFlow, string> = {
  connect: 'This connect link has expired. Nothing was changed; say "connect <name>" in chat for a new one.',
  consent:
    'This consent link has expired or was replaced by a newer one. Nothing was changed; ask for a new one in chat.',
  export: 'This download link has expired; ask for a new one with "export".',
};

const TIME_BOX_PROBLEMS: Record<Refused<'bad-time-box'>['problem'], (r: Refused<'bad-time-box'>) => string> =
  {
    'not-positive': () => 'A time box needs at least 1 day. Nothing was changed.',
    'too-long': (r) =>
      `A time box can last at most ${r.max} days (5 years). Leave the end out for no end. Nothing was changed.`,
    'bad-date': () =>
      'That date does not exist; write it as YYYY-MM-DD, such as 2027-03-31. Nothing was changed.',
    past: () => 'That date has passed; choose a day from today on. Nothing was changed.',
    'not-later': (r) =>
      `It already runs until ${r.lastDay ? formatDay(r.lastDay) : 'then'}; choose a later day to extend it. Nothing was changed.`,
  };

/** The sentence and tone of a refusal. */
export function refusalWords(r: Refusal, timeZone: string): { tone: Tone; text: string } {
  const error = (text: string) => ({ tone: 'error' as const, text });
  const info = (text: string) => ({ tone: 'info' as const, text });
  switch (r.reason) {
    case 'not-admin':
      return error(
        `Only system admins can ${TASKS[r.task]}.${r.admins.length ? ` Ask ${r.admins.join(', ')}.` : ''}${r.removableFromGroup ? ` Group admins can say "remove ${r.removableFromGroup} from <group>".` : ''}`,
      );
    case 'plan-too-small': {
      const also = r.needed === 'business' ? ' or Enterprise' : '';
      return error(
        `${subjectWords(r.subject)} needs the ${PLAN_NAMES[r.needed]}${also} plan; this account is on the ${PLAN_NAMES[r.current]} plan.`,
      );
    }
    case 'unknown-integration':
      return r.suggestions.length
        ? error(`I don't know "${quoted(r.name)}". Did you mean ${r.suggestions.join(' or ')}?`)
        : error(
            `I don't know an integration called "${quoted(r.name)}". Say "integrations" to browse the directory.`,
          );
    case 'unknown-group':
      return error(
        `There is no group "${r.name.slice(0, 60)}".${r.groups.length ? ` Groups: ${r.groups.join(', ')}.` : ' Create one with "group create <name>".'}`,
      );
    case 'unresolved-person':
      return error(
        `"${r.text.slice(0, 60)}" is not a mention or an id. Mention the person (@name) or give their id, such as slack:U123, teams:<id> or console:ada; a display name is not enough, since anyone can take it.`,
      );
    case 'reason-required':
      return error('A reason is required: the requesters will see it.');
    case 'reason-too-long':
      return error(`Keep the reason under ${r.max} characters.`);
    case 'request-gone':
      return error('That request no longer exists.');
    case 'already-decided':
      return info(`Already decided: ${decisionWords(r.decision, timeZone)}.`);
    case 'request-expired':
      return info(
        `This request for ${r.integration.name} expired on ${formatDate(r.expiredAt, timeZone)} without a decision; nothing was changed. Its requesters can ask again.`,
      );
    case 'no-open-request':
      if (r.expiredAt)
        return info(
          `The request for ${r.integration.name} expired on ${formatDate(r.expiredAt, timeZone)} without a decision, so there is nothing to ${r.wanted}; nothing was changed. Its requesters can ask again${r.wanted === 'approve' ? `, or turn it on anyway: enable ${r.integration.id} for all (or for <group>)` : ''}.`,
        );
      if (r.decided)
        return info(
          `There is no pending request for ${r.integration.name}; the last one was decided: ${decisionWords(r.decided, timeZone)}. Nothing was changed.`,
        );
      return r.wanted === 'deny'
        ? info(`There is no pending request for ${r.integration.name}.`)
        : info(
            `Nobody has asked for ${r.integration.name}. To turn it on anyway: enable ${r.integration.id} for all (or for <group>).`,
          );
    case 'no-requester-groups':
      return error('The requesters belong to no group yet: approve it "for all" or "for <group>".');
    case 'too-many-decisions':
      return error(`That is ${r.count} requests; decide at most ${r.max} at once. Nothing was changed.`);
    case 'nothing-chosen':
      return error('Choose at least one request. Nothing was changed.');
    case 'already-enabled':
      return info(`${r.integration.name} is already enabled for your groups.`);
    case 'integration-blocked': {
      const why = `${r.integration.name} is blocked: ${r.block.reason} (${blockedWords(r.block, timeZone)}).`;
      if (r.wanted === 'request') return error(`${why} Requests for it are refused.`);
      return error(`${why} Unblock it first to ${r.wanted} it: unblock ${r.integration.id}`);
    }
    case 'already-blocked':
      return info(
        `${r.integration.name} is already blocked: ${r.block.reason} (${blockedWords(r.block, timeZone)}).`,
      );
    case 'not-blocked':
      return info(`${r.integration.name} is not blocked.`);
    case 'block-while-enabled':
      return error(
        `${r.integration.name} is on for ${scopeWords(r.scope)}. Turn it off first (disable ${r.integration.id}), then block it. Nothing was changed.`,
      );
    case 'not-a-provider':
      return error(`"${r.text.slice(0, 40)}" is not a provider. Choose skype, hangouts or none.`);
    case 'on-premises-unsupported':
      return error(
        'Skype for Business on-premises servers are not supported: only Skype for Business Online, with Office 365 consent, can be used.',
      );
    case 'already-admin':
      return info(`${r.person} is already a system admin.`);
    case 'not-an-admin':
      return info(`${r.person} is not a system admin.`);
    case 'configured-admin':
      return error(
        `${r.person} is listed in ADMINS, which makes them a system admin at every start. Take them out of ADMINS and restart to remove them.`,
      );
    case 'last-admin':
      return error('You cannot remove the last system admin.');
    case 'bad-group-name':
      return error(`A group name needs letters or digits, at most ${r.max} characters.`);
    case 'group-exists':
      return info(`The group ${r.group} already exists.`);
    case 'not-in-group':
      return info(`${r.person} is not in ${r.group}.`);
    case 'not-installed':
      return info(`${r.integration.name} is not enabled anywhere.`);
    case 'bad-custom-integration':
      return error(`That integration can't be added: ${r.field} — ${r.problem}.`);
    case 'already-in-directory':
      return info(`${r.integration.name} is already in the directory.`);
    case 'review-not-relevant':
      return info(`${r.integration.name} is not enabled anywhere, so its review does not affect you.`);
    case 'review-passed':
      return info(`${r.integration.name} passed review; there is nothing to keep.`);
    case 'no-review-deadline':
      return info(`${r.integration.name} has no review deadline to keep it until.`);
    case 'deadline-passed':
      return error(
        `${r.integration.name}'s final deadline (${formatDate(r.deadline, timeZone)}) has passed; it stays disabled.`,
      );
    case 'already-kept':
      return info(`${r.integration.name} is already kept on until ${formatDate(r.deadline, timeZone)}.`);
    case 'already-disabled':
      return info(`${r.integration.name} is already disabled.`);
    case 'link-invalid':
      return error(LINK_INVALID[r.flow]);
    case 'link-expired':
      return error(LINK_EXPIRED[r.flow]);
    case 'link-used':
      return error(
        r.flow === 'consent'
          ? 'This consent link was already used. Nothing was changed.'
          : 'This link was already used. Nothing was changed.',
      );
    case 'provider-refused':
      return error(
        r.flow === 'consent'
          ? `Office 365 did not grant consent (${r.answer.slice(0, 100)}). Nothing was changed.`
          : `Access was not granted (the provider answered "${r.answer.slice(0, 100)}"). Nothing was changed; say "connect <name>" in chat to try again.`,
      );
    case 'callback-malformed':
      return error('The callback was malformed. Nothing was changed.');
    case 'integration-gone':
      return error('This integration is not enabled any more.');
    case 'link-owner-not-admin':
      return error('The admin who made this link is no longer an admin.');
    case 'no-connect-step':
      return info(`${r.integration.name} has no connect step: it needs no authorisation.`);
    case 'connect-not-configured':
      return error(
        `${r.integration.name} cannot be connected yet: its connect step is not configured. Set ${r.missing.join(' and ')} and restart the bot.`,
      );
    case 'already-connected':
      return info(
        `${r.integration.name} is already connected (by ${r.by}, ${formatDateTime(r.at, timeZone)}). Say "disconnect ${r.integration.id}" first to connect it again.`,
      );
    case 'not-connected':
      return info(`${r.integration.name} is not connected.`);
    case 'connect-needs-enabled':
      return info(`${r.integration.name} is not on. Approve or enable it first, then connect it.`);
    case 'token-exchange-failed':
      return error(TOKEN_FAILURE[r.problem](r.integration.vendor, r.detail.slice(0, 100)));
    case 'unstorable-id':
      return error(
        `I can't act ${r.of === 'account' ? 'for this account' : 'in this conversation'}: its id does not have a platform prefix, no spaces and at most ${r.max} characters after it. Nothing was changed.`,
      );
    case 'bad-time-box':
      return error(TIME_BOX_PROBLEMS[r.problem](r));
    case 'not-time-boxed':
      return info(
        r.endedOn
          ? `${r.integration.name}'s time box ended on ${formatDay(r.endedOn)}; it is off. Turn it on again with "enable ${r.integration.id} for … for <N> days".`
          : `${r.integration.name} is not on with an end date, so there is nothing to extend. Give it one with "enable ${r.integration.id} for … for <N> days".`,
      );
    case 'time-box-moved':
      return info(
        `${r.integration.name}'s time box was already changed: it runs until ${formatDay(r.lastDay)}. Nothing was changed.`,
      );
    case 'no-permission-change':
      return info(
        r.why === 'newer'
          ? `${r.integration.name}'s permissions changed again since this card; decide on the newer card, or say "changes". Nothing was changed.`
          : `${r.integration.name} has no permission change waiting for a decision: it was already approved, or the integration is off. Nothing was changed.`,
      );
    case 'not-group-admin':
      return error(`Only system admins, or admins of ${r.group}, can remove integrations from it.`);
    case 'not-on-for-group':
      return info(`${r.integration.name} is not on for ${r.group}.`);
    case 'on-for-all-groups':
      return info(
        `${r.integration.name} is on for all groups. A system admin can enable it for chosen groups instead.`,
      );
  }
}

/** What a form says of a reason that breaks the reason rule. */
export function reasonProblemWords(problem: ReasonProblem): string {
  return refusalWords(refusedReason(problem), 'UTC').text;
}

/** A refusal as the message its actor reads. */
export function refusalView(r: Refusal, timeZone = 'UTC'): MessageView {
  const { tone, text } = refusalWords(r, timeZone);
  return message(tone, text);
}

/** Where wording needs the account's settings. */
export interface Wording {
  timeZone: string;
}

export type AnyOutcome<D extends object> = Outcome<D, RefusalReason>;

/** Answers a refused outcome with its refusal, a done one with `done(facts)`. */
export function worded<D extends object>(o: AnyOutcome<D>, w: Wording, done: (facts: D) => View[]): View[] {
  return o.ok ? done(o) : [refusalView(o, w.timeZone)];
}
