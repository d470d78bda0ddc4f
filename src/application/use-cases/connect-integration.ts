import { ConnectState } from '../connect-link.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { CallbackOutcome } from '../outcomes.js';
import { auditEntry, transact } from '../transact.js';

/** Completes the third-party authorisation: marks the integration connected, once. */
export async function completeIntegrationConnect(
  deps: Deps,
  input: { integrationId: string; state: unknown; error: unknown },
): Promise<CallbackOutcome> {
  const now = deps.clock.now();
  const failed = (text: string): CallbackOutcome => ({ ok: false, title: 'Connection failed', text });
  // The state is checked before anything is said about `error`: an unsigned request learns nothing.
  const payload = typeof input.state === 'string' ? deps.signer.verify(input.state) : null;
  const parsed = ConnectState.safeParse(payload);
  if (!parsed.success || parsed.data.i !== input.integrationId) return failed('This link is not valid.');
  if (parsed.data.exp < now.getTime())
    return failed('This link has expired. Approve again from chat for a new one.');
  if (typeof input.error === 'string' && input.error) {
    return failed(
      `The provider answered "${input.error.slice(0, 100)}". Nothing was changed; ask an admin to try again.`,
    );
  }
  return transact<CallbackOutcome>(deps, (state) => {
    const entry = integrationById(deps, state, input.integrationId);
    const install = state.installs[input.integrationId];
    if (state.usedNonces[parsed.data.n]) return { result: failed('This link was already used.') };
    if (!entry || !install) return { result: failed('This integration is not enabled any more.') };
    state.usedNonces[parsed.data.n] = now.toISOString();
    install.connected = true;
    return {
      result: { ok: true, title: `${entry.name} is connected`, text: 'You can return to chat.' },
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
