import { notePerson } from '../domain/people.js';
import type { Deps } from './deps.js';
import type { Actor } from './engine.js';

/** Remembers who is acting, and their display name, so cards say "Approved by Ada"; writes only on news. */
export async function noteActor(deps: Pick<Deps, 'store' | 'clock'>, actor: Actor): Promise<void> {
  const known = deps.store.read().people[actor.id];
  if (known && (!actor.name || known.name === actor.name)) return;
  await deps.store.update((state) =>
    notePerson(state, { id: actor.id, name: actor.name, now: deps.clock.now().toISOString() }),
  );
}
