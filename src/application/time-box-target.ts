import type { Install } from '../domain/state.js';
import { lastDayOf } from '../domain/time-box.js';
import type { Deps } from './deps.js';
import { adminTarget } from './guards.js';
import { type Refused, refused } from './outcomes.js';

type Target = Extract<ReturnType<typeof adminTarget>, { ok: true }>;

/**
 * The running time box an admin acts on (Extend, Let it end): the admin re-checked, the integration
 * on with an end, and, when a card showed an end (`expected`), that end still the current one.
 */
export function runningTimeBox(
  deps: Pick<Deps, 'catalog' | 'settings'>,
  state: Parameters<typeof adminTarget>[1],
  input: { actorId: string; integration: string; expected?: string | undefined },
):
  | (Target & { install: Install & { endsAt: string }; lastDay: string })
  | Refused<'not-admin' | 'unknown-integration' | 'not-time-boxed' | 'time-box-moved'> {
  const { timeZone } = deps.settings;
  const target = adminTarget(deps, state, {
    actorId: input.actorId,
    task: 'extend-time-boxes',
    name: input.integration,
  });
  if (!target.ok) return target;
  const { integration, install } = target;
  if (!install?.endsAt || install.status !== 'enabled') {
    const ended =
      install?.disabledBy === 'time-box' && install.endsAt ? lastDayOf(install.endsAt, timeZone) : null;
    return refused('not-time-boxed', { integration, endedOn: ended });
  }
  const lastDay = lastDayOf(install.endsAt, timeZone);
  if (input.expected !== undefined && input.expected !== install.endsAt)
    return refused('time-box-moved', { integration, lastDay });
  return { ...target, install: install as Install & { endsAt: string }, lastDay };
}
