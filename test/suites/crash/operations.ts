import type { ADA } from '../../adapters/teams/activities.js';
import { ADMIN, ADMIN_CHANNEL, approveButton, nameOf, type Platforms } from '../support/fake-platforms.js';
import type { Random } from '../support/seeded-random.js';
import type { AckedDecision, AckedRequest } from './durability-checks.js';

type Running = { url: string; exited: Promise<unknown> };
type Person = typeof ADA;

/** What the crash run asked for and what the bot confirmed, across all cycles. */
export interface Ledger {
  requests: AckedRequest[];
  decisions: AckedDecision[];
  /**
   * Integrations asked for at least once: whether a decision on them was sent (acknowledged or not),
   * and how many requests for them are in flight. The notice keys name a request's card by its
   * integration, so each integration gets one request: none is asked for again once a decision may
   * have closed it (a new request would post a second card under the same key), and none is decided
   * while a request for it is in flight (it might land after the decision and file a new one).
   */
  asked: Map<string, { decided: boolean; requesting: number }>;
  nextIntegration: number;
  nextPerson: number;
  attempts: number;
}

export const newLedger = (): Ledger => ({
  requests: [],
  decisions: [],
  asked: new Map(),
  nextIntegration: 0,
  nextPerson: 0,
  attempts: 0,
});

const ACK_REQUEST = /was sent to the admins|You joined the request/;
const open = (ledger: Ledger) => [...ledger.asked].filter(([, v]) => !v.decided).map(([id]) => id);
const decidable = (ledger: Ledger) =>
  [...ledger.asked].filter(([, v]) => !v.decided && v.requesting === 0).map(([id]) => id);

function teamsPerson(n: number): Person {
  const hex = n.toString(16).padStart(12, '0');
  return { id: `29:1suite-${n}`, aadObjectId: `5a17e000-0000-4000-8000-${hex}`, name: `Person ${n}` };
}

/** A fresh requester files or joins a request for `integrationId`, over Slack or Teams. */
async function request(input: Ctx, integrationId: string): Promise<void> {
  const { platforms, bot, ledger, rng, cycle } = input;
  const n = ledger.nextPerson++;
  const token = `c${cycle}-p${n}`;
  const text = `request ${integrationId} because ${token}`;
  const asked = ledger.asked.get(integrationId) ?? { decided: false, requesting: 0 };
  ledger.asked.set(integrationId, asked);
  const viaTeams = rng.chance(0.25);
  const person = viaTeams ? `teams:${teamsPerson(n).aadObjectId}` : `slack:UQ${n}`;
  asked.requesting += 1;
  const answer = await (viaTeams
    ? platforms.teams(bot, { from: teamsPerson(n), text })
    : platforms.slash(bot, { user: `UQ${n}`, text })
  ).finally(() => {
    asked.requesting -= 1;
  });
  if (answer && ACK_REQUEST.test(answer)) ledger.requests.push({ integrationId, person, token, cycle });
}

async function decide(input: Ctx, integrationId: string, outcome: 'approved' | 'denied'): Promise<void> {
  const { platforms, bot, ledger, cycle } = input;
  let answer: string | null = null;
  const closing = () => ledger.asked.set(integrationId, { decided: true, requesting: 0 });
  if (outcome === 'denied') {
    const text = `deny ${integrationId} because c${cycle}-no`;
    closing();
    answer = await platforms.slash(bot, { user: ADMIN, text, channel: ADMIN_CHANNEL });
  } else {
    const card = approveButton(platforms, nameOf(integrationId));
    if (!card) return;
    closing();
    answer = await platforms.click(bot, { user: ADMIN, ...card, channel: ADMIN_CHANNEL });
  }
  if (!answer) return;
  const confirmed = outcome === 'approved' ? /Approved by/.test(answer) : /Denied by/.test(answer);
  if (confirmed) ledger.decisions.push({ integrationId, outcome, cycle });
}

interface Ctx {
  platforms: Platforms;
  bot: Running;
  ledger: Ledger;
  rng: Random;
  cycle: number;
  ids: readonly string[];
}

/** One random step of people and admins: file, join, approve or deny. */
export async function randomOperation(ctx: Ctx): Promise<void> {
  const { ledger, rng, ids } = ctx;
  ledger.attempts += 1;
  const roll = rng.next();
  const pending = open(ledger);
  if (roll < 0.45 || !pending.length) {
    const id = ids[ledger.nextIntegration++ % ids.length] as string;
    return request(ctx, id);
  }
  if (roll < 0.6) return request(ctx, rng.pick(pending));
  const settled = decidable(ledger);
  if (!settled.length) return request(ctx, rng.pick(pending));
  return decide(ctx, rng.pick(settled), roll < 0.85 ? 'approved' : 'denied');
}
