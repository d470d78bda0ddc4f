import type { Deps } from '../deps.js';
import { resolveIntegration } from '../resolve.js';
import { refOf, reviewLabel } from '../views/format.js';
import { refusalView } from '../views/refusal-words.js';
import type { View } from '../views/view.js';
import { VERBS } from '../views/view.js';

/** What an integration may access, in plain words, with a Request action. */
export function showPermissions(deps: Deps, input: { integration: string }): View {
  const state = deps.store.read();
  const found = resolveIntegration(deps, state, input.integration);
  if (!found.ok) return refusalView(found, deps.settings.timeZone);
  const entry = found.entry;
  return {
    kind: 'permissions',
    integration: refOf(entry),
    permissions: entry.permissions,
    review: reviewLabel(entry.review, deps.settings.timeZone),
    confirm: null,
    actions: [
      { verb: VERBS.requestIntegration, label: `Request ${entry.name}`, data: { integrationId: entry.id } },
    ],
  };
}
