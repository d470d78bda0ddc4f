import { extendInstall } from '../../domain/install.js';
import { MAX_TIME_BOX_DAYS, type TimeBox, timeBoxEnd } from '../../domain/time-box.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import type { Outcome, TimeBoxActionDone } from '../outcomes.js';
import { refused } from '../outcomes.js';
import { publishTimeBoxCard } from '../time-box-card.js';
import { runningTimeBox } from '../time-box-target.js';
import { auditEntry, transact } from '../transact.js';

export type ExtendOutcome = Outcome<
  Extract<TimeBoxActionDone, { result: 'extended' }>,
  'not-admin' | 'unknown-integration' | 'not-time-boxed' | 'time-box-moved' | 'bad-time-box'
>;

/**
 * Moves a time-boxed integration's end: by days from its current last day, or to a later date.
 * `expected` is the end a card showed: a card older than the current end changes nothing.
 */
export async function extendTimeBox(
  deps: Deps,
  input: { actor: Actor; integration: string; by: TimeBox; expected?: string },
): Promise<ExtendOutcome> {
  const now = deps.clock.now();
  const { timeZone } = deps.settings;
  return transact<ExtendOutcome>(deps, (state) => {
    const target = runningTimeBox(deps, state, {
      actorId: input.actor.id,
      integration: input.integration,
      expected: input.expected,
    });
    if (!target.ok) return { result: target };
    const { entry, integration, install, lastDay: previousLastDay } = target;
    const from = install.endsAt;
    const end = timeBoxEnd({ box: input.by, now, timeZone, from });
    if (!end.ok)
      return {
        result: refused('bad-time-box', {
          problem: end.problem,
          max: MAX_TIME_BOX_DAYS,
          lastDay: previousLastDay,
        }),
      };
    extendInstall(install, { by: input.actor.id, now, endsAt: end.endsAt });
    publishTimeBoxCard(deps, state, { integrationId: entry.id, endsAt: from, now, post: false });
    return {
      result: { ok: true, result: 'extended', integration, lastDay: end.lastDay, previousLastDay },
      audit: [
        auditEntry({
          at: now,
          actor: input.actor.id,
          action: 'time-box-extended',
          integrationId: entry.id,
          details: `until ${previousLastDay} → until ${end.lastDay} (ends ${end.endsAt})`,
        }),
      ],
    };
  });
}
