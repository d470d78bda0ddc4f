import type { Deps } from './deps.js';
import type { Actor } from './engine.js';
import type { View } from './views/view.js';

/** The review-deadline commands and card actions (docs/product.md#review-deadlines), supplied by the deadlines module. */
export interface DeadlineCommands {
  listDeadlines(deps: Deps, input: { actor: Actor }): View | Promise<View>;
  keepIntegration(deps: Deps, input: { actor: Actor; integration: string }): Promise<View>;
  disableNow(deps: Deps, input: { actor: Actor; integration: string }): Promise<View>;
  listNotices(deps: Deps, input: { actor: Actor }): View | Promise<View>;
}
