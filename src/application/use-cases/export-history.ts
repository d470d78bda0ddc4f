import { z } from 'zod';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import type { ExportLinkDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import type { AuditEntry } from '../ports/audit-log.js';
import { resolveIntegration } from '../resolve.js';
import { refOf } from '../views/format.js';

const EXPORT_TTL_MS = 15 * 60 * 1000;
const ExportToken = z.object({
  k: z.literal('export'),
  i: z.string().nullable(),
  exp: z.number(),
  by: z.string(),
});

/** A signed download link, valid 15 minutes, for the history of one integration or of all. */
export function createExportLink(
  deps: Deps,
  input: { actor: Actor; integration: string | null },
): Outcome<ExportLinkDone, 'not-admin' | 'unknown-integration'> {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'export-history');
  if (denied) return denied;
  let integration: ExportLinkDone['integration'] = null;
  if (input.integration) {
    const found = resolveIntegration(deps, state, input.integration);
    if (!found.ok) return found;
    integration = refOf(found.entry);
  }
  const exp = deps.clock.now().getTime() + EXPORT_TTL_MS;
  const token = deps.signer.sign({ k: 'export', i: integration?.id ?? null, exp, by: input.actor.id });
  return {
    ok: true,
    integration,
    url: `${deps.settings.publicUrl}/exports/${token}`,
    expiresAt: new Date(exp).toISOString(),
  };
}

export type ExportRead = Outcome<
  { filename: string; entries: AsyncIterable<AuditEntry> },
  'link-invalid' | 'link-expired' | 'link-owner-not-admin'
>;

/** Checks an export token (signature, expiry, that its admin still is one) and opens the history. */
export function openExport(deps: Deps, token: string): ExportRead {
  const parsed = ExportToken.safeParse(token.length <= 2000 ? deps.signer.verify(token) : null);
  if (!parsed.success) return refused('link-invalid', { flow: 'export' });
  if (parsed.data.exp < deps.clock.now().getTime()) return refused('link-expired', { flow: 'export' });
  if (checkSystemAdmin(deps.store.read(), parsed.data.by, 'export')) return refused('link-owner-not-admin');
  const filter = parsed.data.i ? { integrationId: parsed.data.i } : {};
  return { ok: true, filename: `history-${parsed.data.i ?? 'all'}.csv`, entries: deps.audit.read(filter) };
}
