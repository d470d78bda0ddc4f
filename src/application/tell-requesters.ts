import type { CatalogEntry } from '../domain/catalog.js';
import type { IntegrationRequest, Requester, State } from '../domain/state.js';
import { queueNotice } from './outbox.js';
import type { RequesterNews } from './outcomes.js';
import { refOf } from './views/format.js';
import { requesterNewsView } from './views/requester-news-views.js';

/**
 * Tells each requester of a request, in a direct message queued in the same change, what
 * happened to it and why. Answers how many were told.
 */
export function tellRequesters(
  state: State,
  input: { request: IntegrationRequest; entry: CatalogEntry; now: Date; news: RequesterNews },
): number {
  return tellPeople(state, { ...input, requesters: input.request.requesters });
}

/** The same for requesters of several requests (each person told once, their first reason kept). */
export function tellPeople(
  state: State,
  input: { requesters: readonly Requester[]; entry: CatalogEntry; now: Date; news: RequesterNews },
): number {
  const integration = refOf(input.entry);
  const told = new Set<string>();
  for (const r of input.requesters) {
    if (told.has(r.personId)) continue;
    told.add(r.personId);
    queueNotice(state, {
      now: input.now,
      target: r.personId,
      view: requesterNewsView({ integration, news: input.news, ownReason: r.reason }),
    });
  }
  return told.size;
}
