import type { Sender } from '../../../src/application/ports/sender.js';
import type { View } from '../../../src/application/views/view.js';
import type { SendOutcome } from '../../../src/domain/notice.js';

export interface SentMessage {
  kind: 'post' | 'update';
  target: string;
  messageId: string;
  view: View;
  at: number;
}

/** A sender that records what it sent; `answers` scripts outcomes per call, then it succeeds. */
export interface FakeSender extends Sender {
  sent: SentMessage[];
  calls: number;
  answers: (SendOutcome | Error)[];
}

export const SLACK_LIMITS = [{ count: 1, perMs: 1_000 }] as const;
export const TEAMS_LIMITS = [
  { count: 7, perMs: 1_000 },
  { count: 60, perMs: 30_000 },
] as const;

export function createFakeSender(
  options: {
    limits?: readonly { count: number; perMs: number }[];
    now?: () => number;
    answers?: (SendOutcome | Error)[];
  } = {},
): FakeSender {
  const now = options.now ?? (() => 0);
  let ids = 0;
  const answer = (entry: Omit<SentMessage, 'at'>): SendOutcome => {
    fake.calls += 1;
    const next = fake.answers.shift();
    if (next instanceof Error) throw next;
    if (next) return next;
    fake.sent.push({ ...entry, at: now() });
    return { ok: true, messageId: entry.messageId };
  };
  const fake: FakeSender = {
    sent: [],
    calls: 0,
    answers: [...(options.answers ?? [])],
    limits: options.limits ?? SLACK_LIMITS,
    post: async ({ target, view }) => {
      ids += 1;
      return answer({ kind: 'post', target, view, messageId: `m${ids}` });
    },
    update: async ({ target, messageId, view }) => answer({ kind: 'update', target, view, messageId }),
  };
  return fake;
}
