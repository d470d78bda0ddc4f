import { ConnectState } from '../connect-link.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { ConnectDone, Outcome } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';
import { refOf } from '../views/format.js';

export type ConnectOutcome = Outcome<
  ConnectDone,
  'link-invalid' | 'link-expired' | 'provider-refused' | 'link-used' | 'integration-gone'
>;

/** Completes the third-party authorisation: marks the integration connected, once. */
export async function completeIntegrationConnect(
  deps: Deps,
  input: { integrationId: string; state: unknown; error: unknown },
): Promise<ConnectOutcome> {
  const now = deps.clock.now();
  // The state is checked before anything is said about `error`: an unsigned request learns nothing.
  const payload = typeof input.state === 'string' ? deps.signer.verify(input.state) : null;
  const parsed = ConnectState.safeParse(payload);
  if (!parsed.success || parsed.data.i !== input.integrationId)
    return refused('link-invalid', { flow: 'connect' });
  if (parsed.data.exp < now.getTime()) return refused('link-expired', { flow: 'connect' });
  if (typeof input.error === 'string' && input.error)
    return refused('provider-refused', { flow: 'connect', answer: input.error });
  return transact<ConnectOutcome>(deps, (state) => {
    const entry = integrationById(deps, state, input.integrationId);
    const install = state.installs[input.integrationId];
    if (state.usedNonces[parsed.data.n]) return { result: refused('link-used', { flow: 'connect' }) };
    if (!entry || !install) return { result: refused('integration-gone') };
    state.usedNonces[parsed.data.n] = now.toISOString();
    install.connected = true;
    return {
      result: { ok: true, flow: 'connect', integration: refOf(entry) },
      audit: [
        auditEntry({
          at: now,
          actor: 'system',
          action: 'integration-connected',
          integrationId: entry.id,
          details: 'authorised',
        }),
      ],
    };
  });
}
