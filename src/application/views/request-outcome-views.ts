import type {
  BulkDecisionDone,
  BulkItem,
  DecisionDone,
  LinkOffer,
  PrepareApprovalDone,
  RequestDone,
  UseAlternativeDone,
} from '../outcomes.js';
import { connectStepSentence } from './connect-views.js';
import { message, reviewLabel } from './format.js';
import {
  type AnyOutcome,
  blockedWords,
  decisionWords,
  refusalWords,
  scopeWords,
  type Wording,
  worded,
} from './refusal-words.js';
import { VERBS, type View } from './view.js';

/** What requesters and the deciding admins read of requests and decisions (English today). */
/** The command that files a request despite an alternative, with the asker's reason. */
export function requestAnywayCommand(integrationId: string, reason: string | null): string {
  return `request ${integrationId} anyway${reason ? ` because ${reason}` : ''}`;
}

/**
 * "Dropbox is already on for Sales — use it, or still ask for Box?": both choices as buttons, and
 * the command that still asks (for the console, or typing). The reason waits in the store, so the
 * button carries ids only.
 */
function alternativeOffer(d: Extract<RequestDone, { result: 'alternative' }>): View {
  const { integration: wanted, alternative } = d;
  return {
    ...message(
      'info',
      `${alternative.name} is already on for ${scopeWords(d.scope)} — use it, or still ask for ${wanted.name}?`,
      [`To still ask, say: ${requestAnywayCommand(wanted.id, d.reason)}`],
    ),
    actions: [
      {
        verb: VERBS.useAlternative,
        label: `Use ${alternative.name}`,
        data: { integrationId: alternative.id },
        style: 'positive',
      },
      {
        verb: VERBS.requestIntegration,
        label: `Still ask for ${wanted.name}`,
        data: { integrationId: wanted.id, anyway: 'yes' },
      },
    ],
  };
}

/** "Use Dropbox": it is on for you, where, and what it does; nothing was filed. */
export function useAlternativeViews(o: AnyOutcome<UseAlternativeDone>, w: Wording): View[] {
  return worded(o, w, (d) => [
    message(
      'success',
      `${d.integration.name} is on for ${scopeWords(d.scope)}, so you can use it now. Nothing was requested.`,
      d.description ? [d.description] : [],
    ),
  ]);
}

export function requestViews(o: AnyOutcome<RequestDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    if (d.result === 'alternative') return [alternativeOffer(d)];
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
        text: `${line}${connectStepSentence(d.connect, d.integration)}`,
        reason: null,
        authorizeUrl: d.connect.authorizeUrl ?? null,
      },
    ];
  });
}

function bulkLine(item: BulkItem, timeZone: string): string {
  const name = item.name ?? 'A chosen request';
  if (!item.ok) return `✗ ${name}: ${refusalWords(item.refusal, timeZone).text}`;
  return `✓ ${name}: ${decisionWords(item.done.decision, timeZone)}. ${item.done.requestersTold} requester(s) told.`;
}

/**
 * What the deciding admin reads after a bulk decision: one message saying how many were decided, a
 * line for each request (decided, or why not), then a Connect card for each approval that needs one.
 */
export function bulkDecisionViews(o: AnyOutcome<BulkDecisionDone>, w: Wording): View[] {
  return worded(o, w, (d) => {
    const decided = d.items.filter((i) => i.ok);
    const verb = d.outcome === 'approved' ? 'Approved' : 'Denied';
    const names = decided.map((i) => i.name).join(', ');
    const text =
      decided.length === 0
        ? `Nothing was ${d.outcome}.`
        : `${verb} ${decided.length} of ${d.items.length}: ${names}.`;
    const tone = decided.length === d.items.length ? 'success' : decided.length ? 'warning' : 'error';
    const connects: View[] = decided.flatMap((i) =>
      i.ok && i.done.connect.authorizeUrl
        ? [
            {
              kind: 'decisionResult' as const,
              integration: i.done.integration,
              outcome: 'approved' as const,
              text: `Connect ${i.done.integration.name} to finish.`,
              reason: null,
              authorizeUrl: i.done.connect.authorizeUrl,
            },
          ]
        : [],
    );
    return [
      message(
        tone,
        text,
        d.items.map((i) => bulkLine(i, w.timeZone)),
      ),
      ...connects,
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

/**
 * "Request Jira for your groups?" under a link of a catalog host; for a blocked integration, why it
 * is blocked instead, with no Request button (asking would only be refused).
 */
export function linkOfferView(offer: LinkOffer, w: Wording): View {
  const permissions = {
    verb: VERBS.showPermissions,
    label: 'Permissions',
    data: { integrationId: offer.id },
  };
  if (offer.blocked)
    return {
      ...message(
        'warning',
        `${offer.name} is blocked: ${offer.blocked.reason} (${blockedWords(offer.blocked, w.timeZone)}).`,
        [offer.description],
      ),
      actions: [permissions],
    };
  return {
    ...message('info', `Request ${offer.name} for your groups?`, [offer.description]),
    actions: [
      {
        verb: VERBS.requestIntegration,
        label: `Request ${offer.name}`,
        data: { integrationId: offer.id },
        style: 'positive',
      },
      permissions,
    ],
  };
}
