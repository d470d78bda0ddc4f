import type { CatalogEntry } from '../../domain/catalog.js';
import type { IntegrationRequest, State } from '../../domain/state.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import { message } from '../views/format.js';
import { decisionLine } from '../views/request-views.js';
import type { View } from '../views/view.js';

export type Undecidable = { ok: false; alreadyDecided: boolean; views: View[] };

/** The open request and its integration, or why it cannot be decided (gone, or decided already and by whom). */
export function findDecidableRequest(
  deps: Deps,
  state: Readonly<State>,
  requestId: string,
): { ok: true; request: IntegrationRequest; entry: CatalogEntry } | Undecidable {
  const request = state.requests[requestId];
  const entry = request && integrationById(deps, state, request.integrationId);
  if (!request || !entry) {
    return { ok: false, alreadyDecided: false, views: [message('error', 'That request no longer exists.')] };
  }
  if (request.state !== 'open') {
    const line = decisionLine(state, request, deps.settings.timeZone);
    return { ok: false, alreadyDecided: true, views: [message('info', `Already decided: ${line}.`)] };
  }
  return { ok: true, request, entry };
}
