import type { CatalogEntry } from '../domain/catalog.js';
import { scopeLabel } from '../domain/install.js';
import type { ReviewChange, ReviewStatus } from '../domain/review.js';
import type { Install, State } from '../domain/state.js';
import type { AuditEntry } from './ports/audit-log.js';
import { auditEntry } from './transact.js';
import { formatDate } from './views/format.js';

const ACTIONS: Record<Exclude<ReviewChange, null>, string> = {
  'auto-disable': 'review-auto-disabled',
  'disable-for-good': 'review-deadline-disabled',
  clear: 'review-passed',
};

function describe(state: Readonly<State>, install: Install): string {
  if (install.status === 'enabled') {
    const kept = install.keptUntil ? ', kept' : '';
    return `enabled for ${scopeLabel(state, install.scope)}${kept}`;
  }
  return install.disabledBy ? `disabled (${install.disabledBy})` : 'disabled';
}

function why(input: { entry: CatalogEntry; status: ReviewStatus; timeZone: string }): string {
  const { entry, status, timeZone } = input;
  const on = (iso: string | null) => (iso ? formatDate(iso, timeZone) : '?');
  if (status.change === 'clear') return 'review passed';
  if (status.change === 'auto-disable')
    return `review ${entry.review.state}; auto-disable date ${on(status.disableAt)} reached`;
  return `review ${entry.review.state}; final deadline ${on(status.deadline)} reached`;
}

/** The audit entry of a scheduler change: before → after, and why. */
export function changeAudit(input: {
  state: Readonly<State>;
  entry: CatalogEntry;
  before: Install;
  after: Install;
  status: ReviewStatus;
  now: Date;
  timeZone: string;
}): AuditEntry {
  const change = input.status.change ?? 'clear';
  return auditEntry({
    at: input.now,
    actor: 'scheduler',
    action: ACTIONS[change],
    integrationId: input.entry.id,
    details: `${describe(input.state, input.before)} → ${describe(input.state, input.after)}: ${why(input)}`,
  });
}

const LINES: Record<Exclude<ReviewChange, null>, string> = {
  'auto-disable': 'disabled at its auto-disable date',
  'disable-for-good': 'disabled for good at its deadline',
  clear: 'review passed; keep and auto-disable cleared',
};

/** One line per change, for `tick`. */
export function changeLine(input: { entry: CatalogEntry; change: Exclude<ReviewChange, null> }): string {
  return `${input.entry.name}: ${LINES[input.change]}`;
}
