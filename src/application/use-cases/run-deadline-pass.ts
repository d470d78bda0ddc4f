import { applyReviewChange, type ReviewStatus, reviewStatus } from '../../domain/review.js';
import type { State } from '../../domain/state.js';
import { startCountdown, supersedeCountdowns } from '../countdown.js';
import { changeAudit, changeLine } from '../deadline-pass-audit.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import { adminTargets, queueNotice } from '../outbox.js';
import type { AuditEntry } from '../ports/audit-log.js';
import { transact } from '../transact.js';
import {
  type Affected,
  attentionCard,
  disabledForGoodCard,
  reminderCard,
  reviewPassedCard,
} from '../views/deadline-views.js';
import type { DeadlineNoticeView } from '../views/view.js';

type Variant = DeadlineNoticeView['variant'];

/** What one pass changed and queued, one line each (for `tick` and the logs). */
export interface DeadlinePassReport {
  at: string;
  changes: string[];
  notices: string[];
}

interface Pick {
  affected: Affected;
  /** Keys recorded once the notice is queued, so it is never queued again. */
  keys: string[];
}

const CARDS: Record<Variant, (affected: readonly Affected[], timeZone: string) => DeadlineNoticeView> = {
  attention: attentionCard,
  reminder: reminderCard,
  'disabled-for-good': disabledForGoodCard,
  'review-passed': reviewPassedCard,
};

/** Integrations admins were already warned about (an attention or reminder key), with that deadline. */
function warnedDeadlines(sentKeys: Readonly<Record<string, string>>): Map<string, string> {
  const warned = new Map<string, string>();
  for (const key of Object.keys(sentKeys)) {
    const m = /^(?:attention|reminder):([^:]+):(?:\d+:)?(.+)$/.exec(key);
    if (m?.[1] && m[2]) warned.set(m[1], m[2]);
  }
  return warned;
}

/** The one notice an integration is owed now, newest first: after downtime the backlog is skipped. */
function noticeFor(input: {
  id: string;
  status: ReviewStatus;
  passed: boolean;
  warnedAt: string | undefined;
  sent: (key: string) => boolean;
}): { variant: Variant; keys: string[] } | null {
  const { id, status, sent } = input;
  const deadline = status.deadline ?? input.warnedAt ?? 'none';
  const owed = (variant: Variant, keys: string[]) => (keys[0] && !sent(keys[0]) ? { variant, keys } : null);
  if (input.passed) {
    return status.change === 'clear' || input.warnedAt
      ? owed('review-passed', [`passed:${id}:${deadline}`])
      : null;
  }
  if (status.phase === 'disabled-for-good') return owed('disabled-for-good', [`final:${id}:${deadline}`]);
  const reminder = status.reminderDue === null ? [] : [`reminder:${id}:${status.reminderDue}:${deadline}`];
  // The attention card shows days left, so it stands for the reminder due at the same time.
  const attention =
    status.phase === 'auto-disabled' ? owed('attention', [`attention:${id}:${deadline}`, ...reminder]) : null;
  return attention ?? owed('reminder', reminder);
}

/**
 * Reads through `deps.store.read()` (the same state, without the change-recording wrappers) for
 * speed over 10,000 installs, and writes only through `state`. Both are taken inside the one update.
 */
function scan(deps: Deps, state: State, now: Date) {
  const picks: Record<Variant, Pick[]> = {
    attention: [],
    reminder: [],
    'disabled-for-good': [],
    'review-passed': [],
  };
  const changes: string[] = [];
  const audit: AuditEntry[] = [];
  const plain = deps.store.read();
  const warned = warnedDeadlines(plain.sentKeys);
  const { timeZone, reminderDays } = deps.settings;
  const sent = (key: string) => plain.sentKeys[key] !== undefined;
  for (const [id, current] of Object.entries(plain.installs)) {
    const entry = integrationById(deps, plain, id);
    if (!entry) continue;
    const status = reviewStatus({ review: entry.review, install: current, now, timeZone, reminderDays });
    const install = state.installs[id];
    if (status.change && install) {
      const before = { ...current };
      applyReviewChange(install, { change: status.change, now });
      audit.push(
        changeAudit({
          state: plain,
          entry,
          before,
          after: plain.installs[id] ?? install,
          status,
          now,
          timeZone,
        }),
      );
      changes.push(changeLine({ entry, change: status.change }));
    }
    const passed = entry.review.state === 'passed';
    const owed = noticeFor({ id, status, passed, warnedAt: warned.get(id), sent });
    if (owed) picks[owed.variant].push({ affected: { entry, status }, keys: owed.keys });
  }
  return { picks, changes, audit };
}

/**
 * One scheduler pass at `now` (docs/product.md#review-deadlines): applies auto-disable, disable-for-good and review-passed
 * changes, and queues at most one card of each kind per admin channel, in the same durable update.
 */
export async function runDeadlinePass(deps: Deps, input: { now: Date }): Promise<DeadlinePassReport> {
  const { now } = input;
  return transact(deps, (state) => {
    const { picks, changes, audit } = scan(deps, state, now);
    const targets = adminTargets(state);
    const notices: string[] = [];
    for (const variant of Object.keys(CARDS) as Variant[]) {
      const due = picks[variant];
      if (!due.length || !targets.length) continue;
      const integrationIds = due.map((p) => p.affected.entry.id);
      supersedeCountdowns(state, { integrationIds, now });
      const { view, cardKey } = startCountdown(state, {
        view: CARDS[variant](
          due.map((p) => p.affected),
          deps.settings.timeZone,
        ),
        integrationIds,
        now,
        timeZone: deps.settings.timeZone,
      });
      for (const target of targets) queueNotice(state, { now, target, view, cardKey });
      for (const key of due.flatMap((p) => p.keys)) state.sentKeys[key] = now.toISOString();
      notices.push(
        `${variant} (${due.map((p) => p.affected.entry.name).join(', ')}) → ${targets.join(', ')}`,
      );
    }
    return { result: { at: now.toISOString(), changes, notices }, audit };
  });
}
