import {
  type ActionField,
  type IntegrationRef,
  VERBS,
  type ViewAction,
} from '../../src/application/views/view.js';

/** User-written text that must survive every renderer: template syntax, quotes, newlines and markdown. */
export const TRICKY_TEXT =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal ${x} is the point, it must reach cards unevaluated
  'we track ${x} bugs "there" & it\'s <b>faster</b>\n**really** _fast_ [click](https://evil.test) `code`';

/** A long sentence, to check wrapping and limits. */
export const LONG_TEXT = `${'Jira keeps our sprint boards, bug reports and release notes in one place. '.repeat(12)}End.`;

export const JIRA: IntegrationRef = { id: 'jira', name: 'Jira', vendor: 'Atlassian' };
export const ZOOM: IntegrationRef = { id: 'zoom', name: 'Zoom', vendor: 'Zoom Video Communications' };
export const SURVEY: IntegrationRef = { id: 'surveymonkey', name: 'SurveyMonkey', vendor: 'Momentive' };

export const REASON_INPUT: ActionField = {
  id: 'reason',
  kind: 'text',
  label: 'Why are you denying it?',
  required: true,
  maxLength: 500,
};
export const GROUPS_INPUT: ActionField = {
  id: 'groups',
  kind: 'choices',
  label: 'Groups',
  required: true,
  choices: [
    { value: 'sales', title: 'Sales' },
    { value: 'eng', title: 'Engineering' },
  ],
};

/** The admin actions of a request notice, in the order the core offers them. */
export function requestActions(requestId = 'req-1', integrationId = 'jira'): ViewAction[] {
  const data = { requestId };
  return [
    {
      verb: VERBS.approveRequest,
      label: 'Approve',
      data: { ...data, scope: 'requesters' },
      style: 'positive',
    },
    { verb: VERBS.denyRequest, label: 'Deny', data, style: 'destructive', inputs: [REASON_INPUT] },
    {
      verb: VERBS.approveRequest,
      label: 'Approve for all groups',
      data: { ...data, scope: 'all' },
      secondary: true,
    },
    {
      verb: VERBS.chooseGroups,
      label: 'Approve for chosen groups',
      data,
      inputs: [GROUPS_INPUT],
      secondary: true,
    },
    { verb: VERBS.showPermissions, label: 'Permissions', data: { integrationId }, secondary: true },
  ];
}

export function deadlineActions(integrationId: string): ViewAction[] {
  return [
    { verb: VERBS.keepIntegration, label: 'Keep until 3 May', data: { integrationId } },
    { verb: VERBS.disableIntegration, label: 'Disable now', data: { integrationId }, style: 'destructive' },
  ];
}

export function requestIt(integrationId: string): ViewAction {
  return { verb: VERBS.requestIntegration, label: 'Request', data: { integrationId } };
}
