import type { CatalogEntry } from '../../domain/catalog.js';
import type { IntegrationRequest, Scope, State } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import { queueNotice } from '../outbox.js';
import { message, refOf } from '../views/format.js';
import { decisionLine } from '../views/request-views.js';
import type { View } from '../views/view.js';

export type Undecidable = { ok: false; views: View[] };

/** The open request and its integration, or why it cannot be decided (gone, or decided already and by whom). */
export function findDecidableRequest(
  deps: Deps,
  state: Readonly<State>,
  requestId: string,
): { ok: true; request: IntegrationRequest; entry: CatalogEntry } | Undecidable {
  const request = state.requests[requestId];
  const entry = request && integrationById(deps, state, request.integrationId);
  if (!request || !entry) {
    return { ok: false, views: [message('error', 'That request no longer exists.')] };
  }
  if (request.state !== 'open') {
    const line = decisionLine(state, request, deps.settings.timeZone);
    return { ok: false, views: [message('info', `Already decided: ${line}.`)] };
  }
  return { ok: true, request, entry };
}

/**
 * Records the decision on an open request, takes it out of the open index and tells each
 * requester in a direct message: `text` is what they read, `reason` a denial's reason.
 */
export function decideRequest(
  state: State,
  input: {
    request: IntegrationRequest;
    entry: CatalogEntry;
    outcome: 'approved' | 'denied';
    by: string;
    now: Date;
    scope: Scope | null;
    reason: string | null;
    text: string;
  },
): void {
  const { request, entry, now } = input;
  request.state = input.outcome;
  delete state.openRequests[request.integrationId];
  request.decision = { by: input.by, at: now.toISOString(), scope: input.scope, reason: input.reason };
  for (const r of request.requesters) {
    queueNotice(state, {
      now,
      target: r.personId,
      view: {
        kind: 'decisionResult',
        integration: refOf(entry),
        outcome: input.outcome,
        text: input.text,
        reason: input.reason,
        authorizeUrl: null,
      },
    });
  }
}
