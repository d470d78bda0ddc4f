import { CatalogEntry } from '../../domain/catalog.js';
import { slugify } from '../../domain/ids.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import { auditEntry, transact } from '../transact.js';
import { message } from '../views/format.js';
import { refusalView } from '../views/outcome-views.js';
import type { View } from '../views/view.js';

/** Adds an organisation's own integration to the directory (SPEC §4), so members can request it. */
export async function addCustomIntegration(
  deps: Deps,
  input: { actor: Actor; name: string; host: string | null },
): Promise<View> {
  const gate = checkPlan(deps.settings, 'thirdPartyIntegrations', 'custom-integrations');
  if (gate) return refusalView(gate, deps.settings.timeZone);
  const name = input.name.trim();
  const host =
    input.host
      ?.trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '') ?? null;
  const parsed = CatalogEntry.safeParse({
    id: slugify(name),
    name,
    vendor: 'Custom',
    description: `Added by an admin.`,
    linkHosts: host ? [host] : [],
    custom: true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return message(
      'error',
      `That integration can't be added: ${issue?.path.join('.') || 'entry'} — ${issue?.message}.`,
    );
  }
  const entry = parsed.data;
  const now = deps.clock.now();
  return transact<View>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'add-custom-integrations');
    if (denied) return { result: refusalView(denied, deps.settings.timeZone) };
    const existing = integrationById(deps, state, entry.id);
    if (existing) return { result: message('info', `${existing.name} is already in the directory.`) };
    state.customIntegrations.push(entry);
    return {
      result: message(
        'success',
        `${entry.name} was added to the directory${host ? ` (links to ${host})` : ''}. Members can now request it.`,
      ),
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'custom-integration-added',
          integrationId: entry.id,
          details: `${entry.name}${host ? `, ${host}` : ''}`,
        }),
      ],
    };
  });
}
