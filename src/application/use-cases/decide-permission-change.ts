import { disableInstall } from '../../domain/install.js';
import { checkPermissions } from '../../domain/permission-change.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { Outcome, PermissionChangeDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { permissionChangeDetails } from '../permission-audit.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type DecidePermissionChangeOutcome = Outcome<
  PermissionChangeDone,
  'not-admin' | 'unknown-integration' | 'no-permission-change'
>;

/**
 * **Approve change** or **Disable** on a permission-change card (docs/product.md#permission-changes): the
 * card carries the integration and the fingerprint of the set it asked about, so a card older than
 * the catalog's latest change, or one already decided, changes nothing.
 */
export async function decidePermissionChange(
  deps: Deps,
  input: { actor: Actor; integrationId: string; hash: string; decision: 'approve' | 'disable' },
): Promise<DecidePermissionChangeOutcome> {
  const now = deps.clock.now();
  return transact<DecidePermissionChangeOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'decide-permission-changes');
    if (denied) return { result: denied };
    const entry = integrationById(deps, state, input.integrationId);
    if (!entry)
      return { result: refused('unknown-integration', { name: input.integrationId, suggestions: [] }) };
    const integration = refOf(entry);
    const install = state.installs[entry.id];
    const check = install ? checkPermissions(install, entry.permissions) : null;
    if (!install || check?.kind !== 'more')
      return { result: refused('no-permission-change', { integration, why: 'none' }) };
    if (check.hash !== input.hash)
      return { result: refused('no-permission-change', { integration, why: 'newer' }) };
    const details = permissionChangeDetails({
      approved: check.approved,
      current: entry.permissions,
      diff: check.diff,
    });
    if (input.decision === 'approve') {
      install.approvedPermissions = [...entry.permissions];
      install.changedAt = now.toISOString();
      install.changedBy = input.actor.id;
    } else {
      disableInstall(install, { by: input.actor.id, now, reason: 'permission-change' });
    }
    return {
      result: {
        ok: true,
        result: input.decision === 'approve' ? 'approved' : 'disabled',
        integration,
        ...check.diff,
      },
      audit: [
        input.decision === 'approve'
          ? auditEntry({
              at: now,
              actor: input.actor.id,
              action: 'permissions-approved',
              integrationId: entry.id,
              details,
            })
          : auditEntry({
              at: now,
              actor: input.actor.id,
              action: 'integration-disabled',
              integrationId: entry.id,
              details: `enabled → disabled (permission-change): the new permissions were not approved; ${details}`,
            }),
      ],
    };
  });
}
