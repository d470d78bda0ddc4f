import type { Actor, Origin } from '../../application/engine.js';
import { renderHome } from './blocks/surfaces.js';
import type { SlackDeps } from './replies.js';

/** Publishes the App Home for a user. */
export async function publishHome(deps: SlackDeps, input: { userId: string; actor: Actor; origin: Origin }) {
  const views = await deps.engine.home({ actor: input.actor, origin: input.origin });
  await deps.client.views.publish({ user_id: input.userId, view: renderHome(views) });
}
