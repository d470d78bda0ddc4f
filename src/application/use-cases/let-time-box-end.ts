import { letInstallEnd } from '../../domain/install.js';
import { lastDayOf } from '../../domain/time-box.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { adminTarget } from '../guards.js';
import type { Outcome, TimeBoxActionDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { publishTimeBoxCard } from '../time-box-card.js';
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
  const { timeZone } = deps.settings;
  return transact<LetEndOutcome>(deps, (state) => {
    const target = adminTarget(deps, state, {
      actorId: input.actor.id,
      task: 'extend-time-boxes',
      name: input.integration,
    });
    if (!target.ok) return { result: target };
    const { entry, integration, install } = target;
    if (!install?.endsAt || install.status !== 'enabled') {
      const ended =
        install?.disabledBy === 'time-box' && install.endsAt ? lastDayOf(install.endsAt, timeZone) : null;
      return { result: refused('not-time-boxed', { integration, endedOn: ended }) };
    }
    const lastDay = lastDayOf(install.endsAt, timeZone);
    if (input.expected !== install.endsAt)
      return { result: refused('time-box-moved', { integration, lastDay }) };
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
