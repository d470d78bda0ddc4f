import type { Actor, Origin } from '../../application/engine.js';
import type { View } from '../../application/views/view.js';
import { renderHome } from './blocks/surfaces.js';
import type { SlackDeps } from './replies.js';

const ADMIN_SECTIONS = ['requests', 'deadlines', 'integrations', 'provider', 'notices'] as const;
const MEMBER_SECTIONS = ['my requests', 'integrations'] as const;

async function viewsOf(
  deps: SlackDeps,
  input: { actor: Actor; origin: Origin; commands: readonly string[] },
) {
  const views: View[] = [];
  for (const text of input.commands) {
    const reply = await deps.engine.handleText({ actor: input.actor, origin: input.origin, text });
    views.push(...reply.views);
  }
  return views;
}

/**
 * The App Home of one person: for admins (as the engine's help says) the dashboard of
 * pending requests with their actions, deadlines, provider and queued notices; for members
 * their own requests and the directory with Request buttons.
 */
export async function homeViews(deps: SlackDeps, input: { actor: Actor; origin: Origin }): Promise<View[]> {
  const [help] = await viewsOf(deps, { ...input, commands: ['help'] });
  const isAdmin = help?.kind === 'help' && help.forAdmin;
  return viewsOf(deps, { ...input, commands: isAdmin ? ADMIN_SECTIONS : MEMBER_SECTIONS });
}

/** Publishes the App Home for a user. */
export async function publishHome(deps: SlackDeps, input: { userId: string; actor: Actor; origin: Origin }) {
  const views = await homeViews(deps, input);
  await deps.client.views.publish({ user_id: input.userId, view: renderHome(views) });
}
