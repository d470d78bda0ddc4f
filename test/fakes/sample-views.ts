import { VERBS, type View, type ViewKind } from '../../src/application/views/view.js';
import {
  deadlineActions,
  JIRA,
  LONG_TEXT,
  requestActions,
  requestIt,
  SURVEY,
  TRICKY_TEXT,
  ZOOM,
} from './sample-actions.js';

export {
  deadlineActions,
  GROUPS_INPUT,
  JIRA,
  LONG_TEXT,
  REASON_INPUT,
  requestActions,
  requestIt,
  SURVEY,
  TRICKY_TEXT,
  ZOOM,
} from './sample-actions.js';

/** One realistic view of every kind, several with user text, long text and actions. */
export function sampleViews(): View[] {
  return [
    { kind: 'message', tone: 'info', text: 'Did you mean one of these?', lines: ['Jira', 'Zoom'] },
    { kind: 'message', tone: 'error', text: `Only system admins can approve requests. ${TRICKY_TEXT}` },
    {
      kind: 'message',
      tone: 'success',
      text: 'Request Jira for your groups?',
      actions: [requestIt('jira')],
    },
    {
      kind: 'help',
      forAdmin: true,
      commands: [
        { usage: 'help', description: 'List the commands' },
        { usage: 'request <name> [because <reason>]', description: 'Ask admins for an integration' },
        { usage: 'approve <name> [for all | for <group>, <group>…]', description: 'Approve a request' },
      ],
    },
    {
      kind: 'directory',
      items: [
        {
          integration: JIRA,
          description: LONG_TEXT,
          state: 'available',
          status: 'Available',
          review: 'Review passed',
          actions: [requestIt('jira')],
        },
        {
          integration: ZOOM,
          description: 'Meeting links.',
          state: 'on',
          status: 'On for all groups',
          review: 'Review passed',
          actions: [],
        },
        {
          integration: SURVEY,
          description: 'Team surveys.',
          state: 'blocked',
          status: `Blocked by Ada on 22 Nov 2026: ${TRICKY_TEXT}`,
          review: 'Review passed',
          actions: [
            {
              verb: VERBS.showPermissions,
              label: 'Permissions',
              data: { integrationId: 'surveymonkey' },
              secondary: true,
            },
          ],
        },
      ],
    },
    {
      kind: 'message',
      tone: 'info',
      text: 'Zoom is already on for Sales — use it, or still ask for Jira?',
      lines: [`To still ask, say: request jira anyway because ${TRICKY_TEXT}`],
      actions: [
        { verb: VERBS.useAlternative, label: 'Use Zoom', data: { integrationId: 'zoom' }, style: 'positive' },
        {
          verb: VERBS.requestIntegration,
          label: 'Still ask for Jira',
          data: { integrationId: 'jira', anyway: 'yes' },
        },
      ],
    },
    {
      kind: 'permissions',
      integration: JIRA,
      permissions: [
        'Read group posts and comments',
        'Post link previews',
        'Read member names and profile pictures',
      ],
      review: 'Review passed',
      confirm: { scopeLabel: 'Sales, Engineering' },
      actions: [
        {
          verb: VERBS.confirmApprove,
          label: 'Add',
          data: { requestId: 'req-1', scope: 'groups', groupId: 'sales', ends: 'days:90' },
          style: 'positive',
          inputs: [
            {
              id: 'ends',
              kind: 'choice',
              label: 'On until',
              required: false,
              value: 'days:90',
              choices: [
                { value: 'none', title: 'No end' },
                { value: 'days:30', title: '30 days' },
                { value: 'days:90', title: '90 days' },
                { value: 'days:365', title: '1 year' },
              ],
            },
          ],
        },
      ],
    },
    {
      kind: 'requestNotice',
      requestId: 'req-1',
      integration: JIRA,
      requesters: [
        { name: 'Grace Hopper', reason: TRICKY_TEXT },
        { name: 'Alan "Al" Turing', reason: null },
      ],
      requesterCount: 2,
      permissions: ['Read group posts and comments', 'Post link previews'],
      review: 'Review passed',
      state: 'open',
      decisionLine: null,
      actions: requestActions(),
    },
    {
      kind: 'requestNotice',
      requestId: 'req-2',
      integration: SURVEY,
      requesters: [{ name: 'Grace Hopper', reason: 'Team surveys' }],
      requesterCount: 1,
      permissions: [],
      review: 'Review failed: disabled on 1 Feb 2027',
      state: 'approved',
      decisionLine: 'Approved by Ada for Sales, Eng — 10:42',
      actions: [],
    },
    {
      kind: 'requestNotice',
      requestId: 'req-3',
      integration: JIRA,
      requesters: [{ name: 'Grace Hopper', reason: 'We track bugs there' }],
      requesterCount: 1,
      permissions: ['Read group posts and comments'],
      review: 'Review passed',
      state: 'open',
      decisionLine: null,
      waiting: 'Waiting 3 days',
      actions: requestActions(),
    },
    {
      kind: 'requestNotice',
      requestId: 'req-4',
      integration: JIRA,
      requesters: [{ name: 'Grace Hopper', reason: null }],
      requesterCount: 1,
      permissions: [],
      review: 'Review passed',
      state: 'expired',
      decisionLine:
        'Expired on 3 Feb 2027: nobody decided it in time. The requesters were told and may ask again.',
      actions: [],
    },
    {
      kind: 'message',
      tone: 'warning',
      text: 'Your request for Jira expired: no admin decided it in 30 days.',
      lines: ['Reason: no decision before the request expired.', 'Click Request again to ask once more.'],
      actions: [
        { verb: VERBS.requestAgain, label: 'Request again', data: { requestId: 'req-4' }, style: 'positive' },
      ],
    },
    {
      kind: 'requestNotice',
      requestId: 'req-5',
      integration: JIRA,
      requesters: [{ name: 'Grace Hopper', reason: 'Bugs' }],
      requesterCount: 1,
      permissions: ['Read group posts and comments'],
      review: 'Review passed',
      state: 'approved',
      decisionLine: 'Approved by Ada for all groups — 10:42',
      connection: { state: 'connected', line: `Connected by ${TRICKY_TEXT} — 22 Nov 2026, 10:50` },
      actions: [
        {
          verb: VERBS.disconnectIntegration,
          label: 'Disconnect',
          data: { integrationId: 'jira' },
          style: 'destructive',
        },
      ],
    },
    {
      kind: 'requestNotice',
      requestId: 'req-6',
      integration: JIRA,
      requesters: [{ name: 'Grace Hopper', reason: null }],
      requesterCount: 1,
      permissions: [],
      review: 'Review passed',
      state: 'approved',
      decisionLine: 'Approved by Ada for all groups — 10:42',
      connection: { state: 'not-connected', line: 'Not connected yet: an admin connects Jira with Connect.' },
      actions: [
        {
          verb: VERBS.connectIntegration,
          label: 'Connect Jira',
          data: { integrationId: 'jira' },
          style: 'positive',
        },
      ],
    },
    {
      kind: 'requestReceipt',
      requestId: 'req-1',
      integration: JIRA,
      joined: true,
      requesterCount: 2,
      text: 'You joined the open request for Jira; 2 people asked for it.',
    },
    {
      kind: 'decisionResult',
      integration: JIRA,
      outcome: 'approved',
      text: 'Jira is approved for Sales.',
      reason: null,
      authorizeUrl: 'https://auth.atlassian.test/authorize?client_id=abc&state=s1',
    },
    {
      kind: 'decisionResult',
      integration: ZOOM,
      outcome: 'denied',
      text: 'Zoom was denied.',
      reason: TRICKY_TEXT,
      authorizeUrl: null,
    },
    {
      kind: 'message',
      tone: 'warning',
      text: 'SurveyMonkey was blocked by Ada; your request is closed.',
      lines: [`Reason: ${TRICKY_TEXT}`],
    },
    {
      kind: 'requestNotice',
      requestId: 'req-3',
      integration: SURVEY,
      requesters: [{ name: 'Grace Hopper', reason: 'Team surveys' }],
      requesterCount: 1,
      permissions: [],
      review: 'Review passed',
      state: 'blocked',
      decisionLine: `Blocked by Ada — 10:42: ${TRICKY_TEXT}`,
      actions: [],
    },
    {
      kind: 'provider',
      current: 'hangouts',
      currentName: 'Google Hangouts',
      text: 'Skype for Business needs consent from an Office 365 Global Administrator.',
      consent: {
        url: 'https://login.microsoftonline.com/organizations/v2.0/adminconsent?client_id=c1&scope=https://graph.microsoft.com/.default&state=abc',
        expiresAt: '10:57',
        forProvider: 'Skype for Business',
      },
    },
    {
      kind: 'provider',
      current: 'none',
      currentName: 'None',
      text: 'No chat provider is set.',
      consent: null,
    },
    {
      kind: 'report',
      rows: [
        {
          integration: JIRA,
          state: 'Enabled',
          groups: 'Sales, Engineering',
          permissions: ['Post link previews'],
          lastChange: 'Approved by Ada, 2 Jan 2027 10:42',
        },
        {
          integration: ZOOM,
          state: 'Disabled',
          groups: '—',
          permissions: [],
          lastChange: 'Disabled by scheduler, 1 Feb 2027',
        },
      ],
    },
    {
      kind: 'requestList',
      title: 'Open requests',
      empty: 'No open requests.',
      items: [
        {
          requestId: 'req-1',
          integration: JIRA,
          state: 'open',
          requesters: 2,
          detail: TRICKY_TEXT,
          actions: requestActions(),
        },
        {
          requestId: 'req-4',
          integration: SURVEY,
          state: 'open',
          requesters: 1,
          detail: LONG_TEXT,
          actions: requestActions('req-4', 'surveymonkey'),
        },
        {
          requestId: 'req-3',
          integration: ZOOM,
          state: 'denied',
          requesters: 1,
          detail: 'Denied: not now',
          actions: [],
        },
      ],
      bulk: {
        title: 'Decide several',
        commandHint:
          'Decide several at once: approve Jira, SurveyMonkey [for all], or deny Jira, SurveyMonkey because <reason>.',
        fields: [
          {
            id: 'requests',
            kind: 'choices',
            label: 'Requests',
            required: true,
            choices: [
              { value: 'req-1', title: 'Jira' },
              { value: 'req-4', title: 'SurveyMonkey' },
            ],
          },
          {
            id: 'bulkReason',
            kind: 'text',
            label: 'Reason (needed to deny)',
            required: false,
            maxLength: 500,
          },
        ],
        actions: [
          { verb: VERBS.approveSelected, label: 'Approve selected', data: {}, style: 'positive' },
          { verb: VERBS.denySelected, label: 'Deny selected', data: {}, style: 'destructive' },
        ],
      },
    },
    { kind: 'requestList', title: 'Your requests', empty: 'You have no requests.', items: [] },
    {
      kind: 'list',
      title: 'Groups',
      empty: 'No groups yet.',
      items: [
        { title: 'Sales', detail: '3 members: Ada, Grace, Alan' },
        {
          title: 'Engineering',
          detail: 'Remove Jira from Engineering?',
          actions: [
            {
              verb: VERBS.confirmGroupRemoval,
              label: 'Remove',
              data: { integrationId: 'jira', groupId: 'eng' },
              style: 'destructive',
            },
          ],
        },
      ],
    },
    { kind: 'list', title: 'Admins', empty: 'No admins.', items: [] },
    {
      kind: 'link',
      title: 'Export ready',
      text: 'The history of Jira, as CSV. The link works for 15 minutes.',
      url: 'https://bot.example.test/exports/tok123',
      label: 'Download CSV',
    },
    {
      kind: 'deadlineNotice',
      variant: 'attention',
      title: '2 integrations need your attention',
      text: 'Their developers have not passed the review.',
      items: [
        {
          integration: SURVEY,
          daysLeft: 30,
          deadline: '3 May 2027',
          status: 'Disabled on 1 Feb 2027',
          actions: deadlineActions('surveymonkey'),
        },
        {
          integration: ZOOM,
          daysLeft: 1,
          deadline: '15 Jun 2027',
          status: 'Kept until the deadline',
          actions: [],
        },
      ],
    },
    {
      kind: 'deadlineNotice',
      variant: 'reminder',
      title: 'SurveyMonkey: 7 days until its review deadline',
      text: 'On its deadline, an integration whose review has not passed is disabled for good.',
      items: [
        {
          integration: SURVEY,
          daysLeft: 7,
          deadline: '3 May 2027',
          status: 'Kept on until 3 May 2027',
          actions: deadlineActions('surveymonkey'),
        },
      ],
      countdown: { key: 'deadline:2027-04-26T07:00:00.000Z:reminder', refreshFor: ['teams:aad-ada'] },
    },
    {
      kind: 'deadlineNotice',
      variant: 'review-passed',
      title: 'SurveyMonkey passed its review',
      text: 'No action is needed.',
      items: [],
    },
    {
      kind: 'timeBoxNotice',
      integration: JIRA,
      state: 'ending',
      title: "Jira's approval ends in 7 days",
      text: `On for Sales, ${TRICKY_TEXT} until 31 Mar 2027; it turns off after that day and its requesters are told.`,
      statusLine: null,
      actions: [
        {
          verb: VERBS.extendTimeBox,
          label: 'Extend',
          data: { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z' },
          style: 'positive',
          inputs: [
            {
              id: 'ends',
              kind: 'choice',
              label: 'Extend by',
              required: false,
              value: 'days:30',
              choices: [
                { value: 'days:30', title: '30 days' },
                { value: 'days:90', title: '90 days' },
                { value: 'days:365', title: '1 year' },
              ],
            },
          ],
        },
        {
          verb: VERBS.letTimeBoxEnd,
          label: 'Let it end',
          data: { integrationId: 'jira', endsAt: '2027-04-01T00:00:00.000Z' },
        },
      ],
      countdown: { key: 'timebox:jira:2027-04-01T00:00:00.000Z', refreshFor: ['teams:aad-ada'] },
    },
    {
      kind: 'timeBoxNotice',
      integration: JIRA,
      state: 'ended',
      title: "Jira's time box ended",
      text: 'It was on for Sales until 31 Mar 2027 and is now off; its requesters were told.',
      statusLine: 'Ada chose to let it end — 25 Mar 2027, 09:30',
      actions: [],
    },
  ];
}

/** Every view kind, to check a renderer covers them all. */
export const VIEW_KINDS: readonly ViewKind[] = [
  'message',
  'help',
  'directory',
  'permissions',
  'requestNotice',
  'requestReceipt',
  'decisionResult',
  'provider',
  'report',
  'requestList',
  'list',
  'link',
  'deadlineNotice',
  'timeBoxNotice',
];

/** The first sample of a kind. */
export function sampleOf<K extends ViewKind>(kind: K): Extract<View, { kind: K }> {
  const found = sampleViews().find((view): view is Extract<View, { kind: K }> => view.kind === kind);
  if (!found) throw new Error(`no sample view of kind ${kind}`);
  return found;
}
