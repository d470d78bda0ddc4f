import type { RequesterNewsFacts } from '../outcomes.js';
import { formatDay, message } from './format.js';
import { scopeWords, untilWords } from './refusal-words.js';
import { VERBS, type View } from './view.js';

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

const HOUR_MS = 3_600_000;

/** "Waiting 3 days" (under a day, in hours: "Waiting 12 hours"), on a request card raised again. */
export function waitingLine(waitedMs: number): string {
  const hours = Math.floor(waitedMs / HOUR_MS);
  if (hours < 24) return `Waiting ${hours === 1 ? '1 hour' : `${hours} hours`}`;
  return `Waiting ${days(Math.floor(hours / 24))}`;
}

/** What one requester reads in a direct message when their request changes state. */
export function requesterNewsView(facts: RequesterNewsFacts): View {
  const { integration, news } = facts;
  const name = integration.name;
  switch (news.change) {
    case 'approved':
      return {
        kind: 'decisionResult',
        integration,
        outcome: 'approved',
        text: `${news.by} approved ${name} for ${scopeWords(news.scope)}${untilWords(news.lastDay)}. You can use it now.`,
        reason: news.reason,
        authorizeUrl: null,
      };
    case 'denied':
      return {
        kind: 'decisionResult',
        integration,
        outcome: 'denied',
        text: `${news.by} denied your request for ${name}.`,
        reason: news.reason,
        authorizeUrl: null,
      };
    case 'expired': {
      const again = `request ${integration.id}${facts.ownReason ? ` because ${facts.ownReason}` : ''}`;
      return {
        ...message(
          'warning',
          `Your request for ${name} expired: no admin decided it in ${days(news.waitedDays)}.`,
          [
            'Reason: no decision before the request expired.',
            `Click Request again to ask once more${facts.ownReason ? ' with your reason' : ''}, or say: ${again}`,
          ],
        ),
        actions: [
          {
            verb: VERBS.requestAgain,
            label: 'Request again',
            data: { requestId: news.requestId },
            style: 'positive',
          },
        ],
      };
    }
    case 'blocked':
      return message(
        'warning',
        `${name} was blocked${news.by ? ` by ${news.by}` : ''}; your request is closed.`,
        [`Reason: ${news.reason ?? 'none given'}`],
      );
    case 'time-box-ended':
      return {
        ...message(
          'info',
          `${name} is off now: its approval for ${news.groups} ran until ${formatDay(news.lastDay)}. Ask again if you still need it.`,
        ),
        actions: [
          {
            verb: VERBS.requestIntegration,
            label: 'Request again',
            data: { integrationId: integration.id },
            style: 'positive',
          },
        ],
      };
  }
}
