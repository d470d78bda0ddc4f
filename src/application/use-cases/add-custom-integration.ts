import { CatalogEntry } from '../../domain/catalog.js';
import { slugify } from '../../domain/ids.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkPlan, checkSystemAdmin } from '../guards.js';
import type { AddCustomDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type AddCustomOutcome = Outcome<
  AddCustomDone,
  'plan-too-small' | 'bad-custom-integration' | 'not-admin' | 'already-in-directory'
>;

/** Adds an organisation's own integration to the directory (docs/product.md#the-directory), so members can request it. */
export async function addCustomIntegration(
  deps: Deps,
  input: { actor: Actor; name: string; host: string | null },
): Promise<AddCustomOutcome> {
  const gate = checkPlan(deps.settings, 'thirdPartyIntegrations', 'custom-integrations');
  if (gate) return gate;
  const name = input.name.trim();
  // Commas separate the names of a bulk decision (`approve a, b`): one inside a name would split it.
  if (name.includes(','))
    return refused('bad-custom-integration', {
      field: 'name',
      problem: 'a name without commas (they separate names in "approve a, b")',
    });
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
    return refused('bad-custom-integration', {
      field: issue?.path.join('.') || 'entry',
      problem: issue?.message ?? 'invalid',
    });
  }
  const entry = parsed.data;
  const now = deps.clock.now();
  return transact<AddCustomOutcome>(deps, (state) => {
    const denied = checkSystemAdmin(state, input.actor.id, 'add-custom-integrations');
    if (denied) return { result: denied };
    const existing = integrationById(deps, state, entry.id);
    if (existing) return { result: refused('already-in-directory', { integration: refOf(existing) }) };
    state.customIntegrations.push(entry);
    return {
      result: { ok: true, integration: refOf(entry), host },
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
