import { letInstallEnd } from '../../domain/install.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import type { Outcome, TimeBoxActionDone } from '../outcomes.js';
import { publishTimeBoxCard } from '../time-box-card.js';
import { runningTimeBox } from '../time-box-target.js';
import { auditEntry, transact } from '../transact.js';

export type LetEndOutcome = Outcome<
  Extract<TimeBoxActionDone, { result: 'letting-end' }>,
  'not-admin' | 'unknown-integration' | 'not-time-boxed' | 'time-box-moved'
>;

/** "Let it end": records the admins' choice, so no further heads-up comes; the end comes as planned. */
export async function letTimeBoxEnd(
  deps: Deps,
  input: { actor: Actor; integration: string; expected: string },
): Promise<LetEndOutcome> {
  const now = deps.clock.now();
  return transact<LetEndOutcome>(deps, (state) => {
    const target = runningTimeBox(deps, state, {
      actorId: input.actor.id,
      integration: input.integration,
      expected: input.expected,
    });
    if (!target.ok) return { result: target };
    const { entry, integration, install, lastDay } = target;
    const done = { ok: true as const, result: 'letting-end' as const, integration, lastDay };
    if (install.letEnd) return { result: done };
    letInstallEnd(install, { by: input.actor.id, now });
    publishTimeBoxCard(deps, state, { integrationId: entry.id, endsAt: install.endsAt, now, post: false });
    return {
      result: done,
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'time-box-let-end',
          integrationId: entry.id,
          details: `until ${lastDay}: an admin chose to let it end; no further reminders`,
        }),
      ],
    };
  });
}
