import type { App } from '@slack/bolt';
import { INBOUND_EVENT, type SlackDeps } from '../replies.js';
import { registerActions } from './actions.js';
import { registerBulk } from './bulk.js';
import { registerCommand } from './command.js';
import { registerForm } from './form.js';
import { registerHome } from './home.js';
import { registerLinks } from './links.js';
import { registerMessages } from './messages.js';

/**
 * Drops Events API retries and redeliveries: an event_id acts once, whatever the retry header says.
 * The running event rides in Bolt's context to the listener, which hands it to the engine.
 */
function registerDeduplication(app: App, deps: SlackDeps): void {
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return next();
    await deps.engine.once(`slack:${eventId}`, async (event) => {
      context[INBOUND_EVENT] = event;
      await next();
    });
  });
}

/** Registers every Slack listener; the listeners themselves live one per file. */
export function registerListeners(app: App, deps: SlackDeps): void {
  registerDeduplication(app, deps);
  registerCommand(app, deps);
  registerMessages(app, deps);
  registerActions(app, deps);
  registerForm(app, deps);
  registerBulk(app, deps);
  registerHome(app, deps);
  registerLinks(app, deps);
}
