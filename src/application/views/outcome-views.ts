import { PROVIDERS, type ProviderId, providerName } from '../../domain/provider.js';
import type { ReasonProblem } from '../../domain/reason.js';
import type {
  AddCustomDone,
  AdminTask,
  CallbackPage,
  ChangeAdminDone,
  ConnectDone,
  ConsentDone,
  CreateGroupDone,
  DeadlineActionDone,
  DecisionDone,
  DecisionFacts,
  DisableDone,
  EnableDone,
  ExportLinkDone,
  GroupMemberDone,
  IntegrationFacts,
  LinkFlow,
  NotifyHereDone,
  Outcome,
  PlanSubject,
  PrepareApprovalDone,
  Refusal,
  RefusalReason,
  RemoveDone,
  RequestDone,
  ScopeFacts,
  SetProviderDone,
} from '../outcomes.js';
import { refusedReason } from '../outcomes.js';
import { formatDate, formatDateTime, formatTime, message, reviewLabel } from './format.js';
import { buildProviderView } from './provider-view.js';
import { type MessageView, type Tone, VERBS, type View } from './view.js';

/**
 * The one place outcomes are worded for people (English today): every refusal reason, and the
 * done outcomes of the use cases that answer with facts. Views and dispatchers call these.
 */

const TASKS: Record<AdminTask, string> = {
  'add-custom-integrations': 'add custom integrations',
  'approve-integrations': 'approve integrations',
  'change-provider': 'change the chat provider',
  'choose-notice-target': 'choose where admin notices go',
  'create-groups': 'create groups',
  'deny-requests': 'deny requests',
  'disable-integrations': 'disable integrations',
  'enable-integrations': 'enable integrations',
  export: 'export',
  'export-history': 'export the history',
  'keep-integrations': 'keep integrations past their review date',
  'manage-admins': 'manage admins',
  'manage-groups': 'manage groups',
  'remove-integrations': 'remove integrations entirely',
  'see-deadlines': 'see review deadlines',
  'see-notices': 'see the notices waiting to be delivered',
  'see-report': 'see the report',
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

/** "Approved by Ada for Sales, Eng — 10:42" or "Denied by Ada — 10:42: not now". */
export function decisionWords(decision: DecisionFacts, timeZone: string): string {
  const time = formatTime(decision.at, timeZone);
  if (decision.state === 'approved')
    return `Approved by ${decision.by} for ${scopeWords(decision.scope)} — ${time}`;
  return `Denied by ${decision.by} — ${time}${decision.reason ? `: ${decision.reason}` : ''}`;
}

const LINK_INVALID: Record<LinkFlow, string> = {
  connect: 'This link is not valid.',
  consent: 'This consent link is not valid. Nothing was changed; ask for a new one in chat.',
  export: 'This download link is not valid.',
};

const LINK_EXPIRED: Record<LinkFlow, string> = {
  connect: 'This link has expired. Approve again from chat for a new one.',
  consent:
    'This consent link has expired or was replaced by a newer one. Nothing was changed; ask for a new one in chat.',
  export: 'This download link has expired; ask for a new one with "export".',
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
    case 'no-open-request':
      return r.wanted === 'deny'
        ? info(`There is no pending request for ${r.integration.name}.`)
        : info(
            `Nobody has asked for ${r.integration.name}. To turn it on anyway: enable ${r.integration.id} for all (or for <group>).`,
          );
    case 'no-requester-groups':
      return error('The requesters belong to no group yet: approve it "for all" or "for <group>".');
    case 'already-enabled':
      return info(`${r.integration.name} is already enabled for your groups.`);
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
          : 'This link was already used.',
      );
    case 'provider-refused':
      return error(
        r.flow === 'consent'
          ? `Office 365 did not grant consent (${r.answer.slice(0, 100)}). Nothing was changed.`
          : `The provider answered "${r.answer.slice(0, 100)}". Nothing was changed; ask an admin to try again.`,
      );
    case 'callback-malformed':
      return error('The callback was malformed. Nothing was changed.');
    case 'integration-gone':
      return error('This integration is not enabled any more.');
    case 'link-owner-not-admin':
      return error('The admin who made this link is no longer an admin.');
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

/** What a provider change tells the admins. */
export function providerSetWords(provider: ProviderId): string {
  return `The chat provider is now ${providerName(provider)}; everyone can use it.`;
}

/** What each requester is told of a decision on their request. */
export function requesterNoticeWords(decision: DecisionFacts, integration: IntegrationFacts): string {
  return decision.state === 'approved'
    ? `${decision.by} approved ${integration.name} for ${scopeWords(decision.scope)}. You can use it now.`
    : `${decision.by} denied your request for ${integration.name}.`;
}

/** Where wording needs the account's settings. */
interface Wording {
  timeZone: string;
}

type AnyOutcome<D extends object> = Outcome<D, RefusalReason>;

/** Answers a refused outcome with its refusal, a done one with `done(facts)`. */
function worded<D extends object>(o: AnyOutcome<D>, w: Wording, done: (facts: D) => View[]): View[] {
  return o.ok ? done(o) : [refusalView(o, w.timeZone)];
}

export function requestViews(o: AnyOutcome<RequestDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    if (d.result === 'asked-before') {
      const updated = d.reasonUpdated ? ' and your updated reason' : '';
      return [
        message('info', `You already asked for ${d.integration.name}; admins have your request${updated}.`),
      ];
    }
    const joined = d.result === 'joined';
    const text = joined
      ? `You joined the request for ${d.integration.name} (${d.requesterCount} people asked). Admins have been told.`
      : `Your request for ${d.integration.name} was sent to the admins. I'll tell you when they decide.`;
    return [
      {
        kind: 'requestReceipt',
        requestId: d.requestId,
        integration: d.integration,
        joined,
        requesterCount: d.requesterCount,
        text,
      },
    ];
  });
}

/** What the deciding admin reads after an approval or a denial. */
export function decisionViews(o: AnyOutcome<DecisionDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    const line = `${decisionWords(d.decision, w.timeZone)}. ${d.requestersTold} requester(s) told.`;
    if (d.decision.state === 'denied') return [message('success', line)];
    return [
      {
        kind: 'decisionResult',
        integration: d.integration,
        outcome: 'approved',
        text: `${line}${d.authorizeUrl ? ` Connect ${d.integration.name} to finish.` : ''}`,
        reason: null,
        authorizeUrl: d.authorizeUrl,
      },
    ];
  });
}

/** The permissions card with the "Add" button that carries out an approval. */
export function prepareApprovalViews(o: AnyOutcome<PrepareApprovalDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    const label = scopeWords(d.scope);
    return [
      {
        kind: 'permissions',
        integration: d.integration,
        permissions: d.permissions,
        review: reviewLabel(d.review, w.timeZone),
        confirm: { scopeLabel: label },
        actions: [
          {
            verb: VERBS.confirmApprove,
            label: `Add ${d.integration.name} for ${label}`,
            data: { requestId: d.requestId, scope: d.scopeToken },
            style: 'positive',
          },
        ],
      },
    ];
  });
}

export function setProviderViews(o: AnyOutcome<SetProviderDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    if (d.result !== 'consent-requested') {
      if (d.result === 'set') return [buildProviderView(d.provider, w)];
      return [message('info', `${providerName(d.provider.current)} is already the chat provider.`)];
    }
    const view = buildProviderView(d.provider, { ...w, consentLink: d.consentUrl });
    const hint = d.localCallback
      ? ` O365_CLIENT_ID is not set; to try it locally open ${d.localCallback}`
      : '';
    view.text = `${providerName(d.wanted)} needs consent from an Office 365 Global Administrator. Open or forward this link (valid 15 minutes); ${providerName(d.provider.current)} stays the provider until consent arrives.${hint}`;
    return [view];
  });
}

export function changeAdminViews(o: AnyOutcome<ChangeAdminDone>, w: Wording): View[] {
  return worded(o, w, (d) => [
    message(
      'success',
      d.change === 'add' ? `${d.person} is now a system admin.` : `${d.person} is no longer a system admin.`,
    ),
  ]);
}

export function adminListView(admins: readonly { name: string; id: string }[]): View {
  return {
    kind: 'list',
    title: 'System admins',
    empty: 'There is no system admin: set ADMINS and restart.',
    items: admins.map((a) => ({ title: a.name, detail: a.id })),
  };
}

export function createGroupViews(o: AnyOutcome<CreateGroupDone>, w: Wording): View[] {
  return worded(o, w, (d) => [message('success', `Group ${d.group} created.`)]);
}

export function groupMemberViews(o: AnyOutcome<GroupMemberDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    if (d.change === 'remove') return [message('success', `${d.person} left ${d.group}.`)];
    if (d.change === 'admin') return [message('success', `${d.person} is now a group admin of ${d.group}.`)];
    return [message('success', `${d.person} is in ${d.group}.`)];
  });
}

export function groupListView(groups: readonly { name: string; members: number; admins: string[] }[]): View {
  return {
    kind: 'list',
    title: 'Groups',
    empty: 'There is no group yet. An admin can say "group create <name>".',
    items: groups.map((g) => ({
      title: g.name,
      detail: `${g.members} member(s)${g.admins.length ? `; group admins: ${g.admins.join(', ')}` : ''}`,
    })),
  };
}

export function enableViews(o: AnyOutcome<EnableDone>, w: Wording): View[] {
  return worded(o, w, (d) => [
    message('success', `${d.integration.name} is enabled for ${scopeWords(d.scope)}.`),
  ]);
}

export function disableViews(o: AnyOutcome<DisableDone>, w: Wording): View[] {
  return worded(o, w, (d) =>
    d.result === 'already-disabled'
      ? [message('info', `${d.integration.name} is already disabled.`)]
      : [
          message(
            'success',
            `${d.integration.name} is disabled. Its settings are kept: "enable ${d.integration.id} for …" turns it back on.`,
          ),
        ],
  );
}

export function notifyHereViews(o: AnyOutcome<NotifyHereDone>, w: Wording): View[] {
  return worded(o, w, (d) =>
    d.result === 'already-here'
      ? [message('info', 'Admin notices already come to this conversation.')]
      : [
          message(
            'success',
            `Admin notices will come here (${d.channels} admin channel${d.channels === 1 ? '' : 's'} in all).`,
          ),
        ],
  );
}

export function addCustomViews(o: AnyOutcome<AddCustomDone>, w: Wording): View[] {
  return worded(o, w, (d) => [
    message(
      'success',
      `${d.integration.name} was added to the directory${d.host ? ` (links to ${d.host})` : ''}. Members can now request it.`,
    ),
  ]);
}

export function removeViews(o: AnyOutcome<RemoveDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    if (d.result === 'removed')
      return [
        message(
          'success',
          d.group === null
            ? `${d.integration.name} was removed from every group.`
            : `${d.integration.name} was removed from ${d.group}.`,
        ),
      ];
    return [
      {
        ...message('warning', `Remove ${d.integration.name} from ${d.group.name}? Its members lose access.`),
        actions: [
          {
            verb: VERBS.confirmGroupRemoval,
            label: `Remove from ${d.group.name}`,
            data: { integrationId: d.integration.id, groupId: d.group.id },
            style: 'destructive',
          },
        ],
      },
    ];
  });
}

/** What admins are told when an admin channel stops working. */
export function conversationGoneWords(input: { channel: string; reason: string }): string {
  return `I can no longer post to ${input.channel} (${input.reason}); it is no longer an admin channel. Say "notify here" in another conversation.`;
}

/** "Request Jira for your groups?" under a link of a catalog host. */
export function linkOfferView(offer: IntegrationFacts & { description: string }): View {
  return {
    ...message('info', `Request ${offer.name} for your groups?`, [offer.description]),
    actions: [
      {
        verb: VERBS.requestIntegration,
        label: `Request ${offer.name}`,
        data: { integrationId: offer.id },
        style: 'positive',
      },
      { verb: VERBS.showPermissions, label: 'Permissions', data: { integrationId: offer.id } },
    ],
  };
}

/** The title of the deadline card shown again after "Keep" or "Disable now". */
export function deadlineActionTitle(d: DeadlineActionDone, timeZone: string): string {
  return d.result === 'kept'
    ? `${d.integration.name} stays on until ${formatDate(d.deadline, timeZone)}`
    : `${d.integration.name} is disabled`;
}

/** What the asking admin is told of an Office 365 consent answer. */
export function consentNoticeWords(
  input:
    | { result: 'expired' | 'granted'; provider: ProviderId }
    | { result: 'not-granted'; provider: ProviderId; why: string },
): string {
  const name = providerName(input.provider);
  if (input.result === 'granted')
    return `Office 365 consent received: the chat provider is now ${name}, and everyone can use it.`;
  if (input.result === 'expired')
    return `The Office 365 consent link for ${name} expired; the provider was not changed. Ask again with "set provider ${input.provider}".`;
  const why = 'why' in input ? input.why : 'consent was not granted';
  return `Office 365 consent for ${name} failed (${why.slice(0, 200)}); the provider was not changed.`;
}

const PAGE_TITLES: Record<LinkFlow, string> = {
  connect: 'Connection failed',
  consent: 'Consent not completed',
  export: 'Download unavailable',
};

/** The page a browser shows after a connect or consent callback, or a refused download. */
export function callbackPage(
  o: AnyOutcome<ConnectDone | ConsentDone> | Refusal,
  flow: LinkFlow,
): CallbackPage {
  if (!o.ok) return { ok: false, title: PAGE_TITLES[flow], text: refusalWords(o, 'UTC').text };
  if (o.flow === 'connect')
    return { ok: true, title: `${o.integration.name} is connected`, text: 'You can return to chat.' };
  return {
    ok: true,
    title: `${providerName(o.provider)} is set up`,
    text: 'Consent was recorded. You can return to chat.',
  };
}

export function exportLinkViews(o: AnyOutcome<ExportLinkDone>, w: Wording): View[] {
  return worded(o, w, (d) => [
    {
      kind: 'link',
      title: `History of ${d.integration?.name ?? 'all integrations'}`,
      text: `CSV of every change, valid until ${formatDateTime(d.expiresAt, w.timeZone)}.`,
      url: d.url,
      label: 'Download CSV',
    },
  ]);
}
