import type { Deps } from '../deps.js';
import type { Outcome, PermissionsDone } from '../outcomes.js';
import { resolveIntegration } from '../resolve.js';

/** What an integration may access, for the permissions card. */
export function showPermissions(
  deps: Deps,
  input: { integration: string },
): Outcome<PermissionsDone, 'unknown-integration'> {
  const found = resolveIntegration(deps, deps.store.read(), input.integration);
  return found.ok ? { ok: true, entry: found.entry } : found;
}
