import { type ProviderId, providerName } from '../../domain/provider.js';
import type {
  AddCustomDone,
  BlockDone,
  CallbackPage,
  ChangeAdminDone,
  ConnectDone,
  ConsentDone,
  CreateGroupDone,
  DeadlineActionDone,
  DisableDone,
  EnableDone,
  ExportLinkDone,
  GroupMemberDone,
  LinkFlow,
  NotifyHereDone,
  Refusal,
  RemoveDone,
  SetProviderDone,
  UnblockDone,
} from '../outcomes.js';
import { connectStepViews } from './connect-views.js';
import { formatDate, formatDateTime, message } from './format.js';
import { buildProviderView } from './provider-view.js';
import { type AnyOutcome, refusalWords, scopeWords, type Wording, worded } from './refusal-words.js';
import { VERBS, type View } from './view.js';

/** What admins read of the provider, admins, groups, installs, links and deadlines (English today). */
/** What a provider change tells the admins. */
export function providerSetWords(provider: ProviderId): string {
  return `The chat provider is now ${providerName(provider)}; everyone can use it.`;
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
    ...connectStepViews(d.connect, d.integration, w),
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
    return {
      ok: true,
      title: `${o.integration.name} is connected`,
      text: 'Connected — you can close this tab.',
    };
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

export function blockViews(o: AnyOutcome<BlockDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    const closed = d.closed
      ? ` Its pending request is closed; ${d.closed.requestersTold === 1 ? '1 requester was' : `${d.closed.requestersTold} requesters were`} told why.`
      : '';
    return [
      message(
        'success',
        `${d.integration.name} is blocked: every request for it is refused with your reason.${closed} Say "unblock ${d.integration.id}" to lift it.`,
      ),
    ];
  });
}

export function unblockViews(o: AnyOutcome<UnblockDone>, w: Wording): View[] {
  return worded(o, w, (d) => [
    message(
      'success',
      `${d.integration.name} is unblocked: people may request it again. Nothing closed by the block was re-opened.`,
    ),
  ]);
}
