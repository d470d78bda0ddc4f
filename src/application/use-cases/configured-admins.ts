import type { Deps } from '../deps.js';
import { auditEntry, transact } from '../transact.js';

/**
 * Makes every id of ADMINS a system admin at each start, whether it was seen before or not, so
 * the configuration can always restore access; each promotion is audited as done by `system`.
 */
export async function applyConfiguredAdmins(
  deps: Pick<Deps, 'store' | 'audit' | 'clock' | 'settings' | 'logger'>,
): Promise<void> {
  const admins = deps.settings.configuredAdmins ?? [];
  const state = deps.store.read();
  if (admins.every((id) => state.people[id]?.role === 'system-admin')) return;
  const now = deps.clock.now();
  await transact(deps, (draft) => {
    const promoted = admins.filter((id) => draft.people[id]?.role !== 'system-admin');
    for (const id of promoted) {
      const known = draft.people[id];
      if (known) known.role = 'system-admin';
      else draft.people[id] = { id, name: null, role: 'system-admin', since: now.toISOString() };
    }
    return {
      result: undefined,
      audit: promoted.map((id) =>
        auditEntry({ at: now, actor: 'system', action: 'admin-added', details: `${id} (listed in ADMINS)` }),
      ),
    };
  });
}
