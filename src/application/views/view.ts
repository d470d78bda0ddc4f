/**
 * Platform-neutral card view models. Each channel renders these: Adaptive Cards (Teams),
 * Block Kit (Slack) and text (console). A view says what to show and which actions this
 * viewer may take; it never says how. Views are plain JSON so the outbox can store them.
 */

/** Card action verbs; each carries ids only, and the server looks everything else up. */
export const VERBS = {
  requestIntegration: 'requestIntegration',
  showPermissions: 'showPermissions',
  approveRequest: 'approveRequest',
  confirmApprove: 'confirmApprove',
  chooseGroups: 'chooseGroups',
  denyRequest: 'denyRequest',
  keepIntegration: 'keepIntegration',
  disableIntegration: 'disableIntegration',
  confirmGroupRemoval: 'confirmGroupRemoval',
  extendTimeBox: 'extendTimeBox',
  letTimeBoxEnd: 'letTimeBoxEnd',
  connectIntegration: 'connectIntegration',
  disconnectIntegration: 'disconnectIntegration',
  approvePermissionChange: 'approvePermissionChange',
  refusePermissionChange: 'refusePermissionChange',
  switchProvider: 'switchProvider',
  approveSelected: 'approveSelected',
  denySelected: 'denySelected',
  refreshCard: 'refreshCard',
  refreshCountdown: 'refreshCountdown',
  useAlternative: 'useAlternative',
  requestAgain: 'requestAgain',
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/**
 * A field a person fills before the action runs: free text (deny reason), several choices (groups; the
 * requests card's selection of requests and its one reason for all), or one choice with a preselected
 * `value` (a time box's duration), which channels show beside the button rather than in a form of its own.
 */
export type ActionField =
  | { id: 'reason' | 'bulkReason'; kind: 'text'; label: string; required: boolean; maxLength: number }
  | {
      id: 'groups' | 'requests';
      kind: 'choices';
      label: string;
      required: boolean;
      choices: { value: string; title: string }[];
    }
  | {
      id: 'ends';
      kind: 'choice';
      label: string;
      required: boolean;
      choices: { value: string; title: string }[];
      value: string;
    };

/** True when every input of an action is one preselected choice, shown beside its button instead of in a form. */
export function hasInlineChoice(action: ViewAction): boolean {
  return !!action.inputs?.length && action.inputs.every((i) => i.kind === 'choice');
}

export interface ViewAction {
  verb: Verb;
  label: string;
  /** Ids only: requestId, integrationId, scope, groupId. */
  data: Record<string, string>;
  style?: 'positive' | 'destructive';
  inputs?: ActionField[];
  /** A less common choice: channels show it behind a menu ("More", an overflow) instead of as a button. */
  secondary?: boolean;
}

export type Tone = 'info' | 'success' | 'warning' | 'error';

export interface IntegrationRef {
  id: string;
  name: string;
  vendor: string;
}

export interface MessageView {
  kind: 'message';
  tone: Tone;
  text: string;
  /** Extra lines under the sentence (lists of names, suggestions). */
  lines?: string[];
  actions?: ViewAction[];
}

export interface HelpView {
  kind: 'help';
  forAdmin: boolean;
  commands: { usage: string; description: string }[];
}

/**
 * Where an integration stands for the one reading the directory (docs/product.md#the-directory): on (for which groups), off,
 * disabled by its failed review (kept until when), requested (by how many), available, or blocked (why, by whom, when).
 */
export type DirectoryState = 'on' | 'off' | 'review-disabled' | 'requested' | 'available' | 'blocked';

export interface DirectoryView {
  kind: 'directory';
  items: {
    integration: IntegrationRef;
    description: string;
    state: DirectoryState;
    /** One sentence: "On for Sales, Engineering", "Disabled on 1 Nov 2026 because its review did not pass — keep until 15 Feb 2027". */
    status: string;
    review: string;
    actions: ViewAction[];
  }[];
}

export interface PermissionsView {
  kind: 'permissions';
  integration: IntegrationRef;
  permissions: string[];
  review: string;
  /** What "Add" will do, when this card is the last step of an approval. */
  confirm: { scopeLabel: string } | null;
  actions: ViewAction[];
}

export interface RequestNoticeView {
  kind: 'requestNotice';
  requestId: string;
  integration: IntegrationRef;
  /** The latest requesters (at most REQUESTERS_SHOWN), oldest first. */
  requesters: { name: string; reason: string | null }[];
  /** Everyone who asked, named above or not. */
  requesterCount: number;
  permissions: string[];
  review: string;
  /** The groups plain "Approve" enables it for (the requesters' groups), or null when they have none. */
  approveFor?: string | null;
  state: 'open' | 'approved' | 'denied' | 'expired' | 'blocked';
  /** "Approved by Ada for Sales, Eng — 10:42" once decided; "Expired on 2 Feb 2027 …" once expired. */
  decisionLine: string | null;
  /** "Waiting 3 days" on a copy raised again because nobody decided; absent otherwise. */
  waiting?: string | null;
  /**
   * Where its OAuth connection stands, once approved, for an integration with a connect step ("Connected
   * by Ada — 29 Nov, 10:50"); absent or null otherwise, and on cards queued before connections existed.
   */
  connection?: { state: 'connected' | 'not-connected' | 'not-configured'; line: string } | null;
  actions: ViewAction[];
}

export interface RequestReceiptView {
  kind: 'requestReceipt';
  requestId: string;
  integration: IntegrationRef;
  joined: boolean;
  requesterCount: number;
  text: string;
}

export interface DecisionResultView {
  kind: 'decisionResult';
  integration: IntegrationRef;
  outcome: 'approved' | 'denied' | 'blocked';
  text: string;
  reason: string | null;
  /** OAuth authorise link to connect the third party, for the approving admin. */
  authorizeUrl: string | null;
}

export interface ProviderView {
  kind: 'provider';
  current: string;
  currentName: string;
  text: string;
  /** A forwardable Office 365 consent link while a switch to Skype waits for consent. */
  consent: { url: string; expiresAt: string; forProvider: string } | null;
}

export interface ReportView {
  kind: 'report';
  rows: {
    integration: IntegrationRef;
    state: string;
    groups: string;
    permissions: string[];
    lastChange: string;
  }[];
}

/**
 * Deciding several pending requests at once: choose some (`requests`, their ids), give one reason
 * (`bulkReason`, required to deny), then **Approve selected** or **Deny selected**. Both actions send
 * both fields; each request is then decided on its own.
 */
export interface BulkDecisionForm {
  title: string;
  /** The same as commands, for channels without the form (the console): "approve Jira, Zoom …". */
  commandHint: string;
  fields: ActionField[];
  actions: ViewAction[];
}

export interface RequestListView {
  kind: 'requestList';
  title: string;
  empty: string;
  /** For system admins with at least two pending requests. */
  bulk?: BulkDecisionForm | null;
  items: {
    requestId: string;
    integration: IntegrationRef;
    state: string;
    requesters: number;
    detail: string;
    actions: ViewAction[];
  }[];
}

export interface ListView {
  kind: 'list';
  title: string;
  empty: string;
  items: { title: string; detail: string; actions?: ViewAction[] }[];
}

export interface LinkView {
  kind: 'link';
  title: string;
  text: string;
  url: string;
  label: string;
}

/**
 * Set on a posted card that counts down: its key, so the days left are recomputed when it is read,
 * and the people (system admins, at most 60) for whom Teams refreshes it without being asked.
 */
export interface CountdownRef {
  key: string;
  refreshFor: string[];
}

/** Review-deadline cards (docs/product.md#review-deadlines): attention, countdown reminder, disabled for good, review passed. */
export interface DeadlineNoticeView {
  kind: 'deadlineNotice';
  variant: 'attention' | 'reminder' | 'disabled-for-good' | 'review-passed';
  title: string;
  text: string;
  items: {
    integration: IntegrationRef;
    daysLeft: number;
    /** The final deadline, already formatted in the account's time zone. */
    deadline: string;
    status: string;
    actions: ViewAction[];
  }[];
  countdown?: CountdownRef;
}

/**
 * A time-boxed approval's card for admins (docs/product.md#time-boxed-approvals): the heads-up before its
 * end with Extend and Let it end, then what an admin chose, or that it ended.
 */
export interface TimeBoxNoticeView {
  kind: 'timeBoxNotice';
  integration: IntegrationRef;
  state: 'ending' | 'extended' | 'letting-end' | 'ended';
  title: string;
  text: string;
  /** What an admin chose, and when: "Ada extended it until 30 Jun 2027 — 10:42". */
  statusLine: string | null;
  actions: ViewAction[];
  /** Set while a posted heads-up still counts down to the end. */
  countdown?: CountdownRef;
}

export type View =
  | MessageView
  | HelpView
  | DirectoryView
  | PermissionsView
  | RequestNoticeView
  | RequestReceiptView
  | DecisionResultView
  | ProviderView
  | ReportView
  | RequestListView
  | ListView
  | LinkView
  | DeadlineNoticeView
  | TimeBoxNoticeView;

export type ViewKind = View['kind'];

/** The countdown a card carries (a deadline card or a time-box heads-up counting down), if any. */
export function countdownOf(view: View): CountdownRef | undefined {
  return view.kind === 'deadlineNotice' || view.kind === 'timeBoxNotice' ? view.countdown : undefined;
}

/**
 * How many asked for a request, and how many of them its card leaves unnamed. A notice queued
 * before cards carried a count holds every requester, hence the fallback.
 */
export function requesterTally(view: RequestNoticeView): { total: number; unnamed: number } {
  const total = Math.max(view.requesterCount ?? 0, view.requesters.length);
  return { total, unnamed: total - view.requesters.length };
}
