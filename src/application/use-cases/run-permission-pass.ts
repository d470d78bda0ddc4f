import { checkPermissions, permissionChangeKey } from '../../domain/permission-change.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import { permissionChangeDetails } from '../permission-audit.js';
import type { AuditEntry } from '../ports/audit-log.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';
import { permissionChangeNotice } from '../views/permission-change-views.js';

/** What one permission pass recorded and queued, one line each (for `tick` and the logs). */
export interface PermissionPassReport {
  changes: string[];
  notices: string[];
}

/** True when some install needs its baseline, a silent approval, or a card not sent yet. */
function hasWork(deps: Deps): boolean {
  const plain = deps.store.read();
  for (const [id, install] of Object.entries(plain.installs)) {
    const entry = integrationById(deps, plain, id);
    if (!entry) continue;
    const check = checkPermissions(install, entry.permissions);
    if (check.kind === 'baseline' || check.kind === 'fewer') return true;
    if (check.kind === 'more' && plain.sentKeys[permissionChangeKey(id, check.hash)] === undefined)
      return true;
  }
  return false;
}

/**
 * Compares what each install's catalog entry asks for with what admins last approved
 * (docs/product.md#permission-changes), at start-up and beside every deadline pass:
 * - an install older than this check takes today's set as approved (no cards on upgrade);
 * - an enabled integration that only drops permissions is recorded as approved, audited, no card;
 * - one that asks for more gets one card per admin channel, once per integration and set, across restarts.
 */
export async function runPermissionPass(deps: Deps, input: { now: Date }): Promise<PermissionPassReport> {
  const { now } = input;
  // Most passes find nothing to do: they then write nothing (a start on a read-only disk still starts).
  if (!hasWork(deps)) return { changes: [], notices: [] };
  return transact<PermissionPassReport>(deps, (state) => {
    // Reads the plain state (fast over many installs) and writes only through `state`.
    const plain = deps.store.read();
    const targets = adminTargets(plain);
    const changes: string[] = [];
    const notices: string[] = [];
    const audit: AuditEntry[] = [];
    for (const [id, current] of Object.entries(plain.installs)) {
      const entry = integrationById(deps, plain, id);
      const install = state.installs[id];
      if (!entry || !install) continue;
      const check = checkPermissions(current, entry.permissions);
      if (check.kind === 'baseline') {
        install.approvedPermissions = [...entry.permissions];
      } else if (check.kind === 'fewer') {
        install.approvedPermissions = [...entry.permissions];
        audit.push(
          auditEntry({
            at: now,
            actor: 'system',
            action: 'permissions-approved',
            integrationId: id,
            details: `${permissionChangeDetails({ approved: check.approved, current: entry.permissions, diff: check.diff })}: fewer permissions need no approval`,
          }),
        );
        changes.push(`${entry.name}: fewer permissions, recorded as approved`);
      } else if (check.kind === 'more') {
        const key = permissionChangeKey(id, check.hash);
        if (plain.sentKeys[key] !== undefined || !targets.length) continue;
        const view = permissionChangeNotice({ integration: refOf(entry), ...check.diff, hash: check.hash });
        for (const target of targets) queueNotice(state, { now, target, view });
        state.sentKeys[key] = now.toISOString();
        notices.push(`permission change (${entry.name}) → ${targets.join(', ')}`);
      }
    }
    return { result: { changes, notices }, audit };
  });
}
