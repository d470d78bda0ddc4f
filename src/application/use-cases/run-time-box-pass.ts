import { disableInstall, scopeLabel } from '../../domain/install.js';
import type { Requester, State } from '../../domain/state.js';
import { lastDayOf, timeBoxDue } from '../../domain/time-box.js';
import type { Deps } from '../deps.js';
import { integrationById } from '../deps.js';
import type { AuditEntry } from '../ports/audit-log.js';
import { tellPeople } from '../tell-requesters.js';
import { publishTimeBoxCard } from '../time-box-card.js';
import { auditEntry, transact } from '../transact.js';
import { timeBoxCardKey } from '../views/time-box-views.js';

/** What one pass changed and queued, one line each (for `tick` and the logs). */
export interface TimeBoxPassReport {
  at: string;
  changes: string[];
  notices: string[];
}

/** Everyone who asked for an integration in a request that was approved, once each. */
function approvedRequesters(state: Readonly<State>, integrationId: string): Requester[] {
  return Object.values(state.requests).flatMap((request) =>
    request.integrationId === integrationId && request.state === 'approved' ? request.requesters : [],
  );
}

/**
 * One pass at `now` over time-boxed integrations (docs/product.md#time-boxed-approvals), beside the
 * review-deadline pass: a heads-up card to the admin channels HEADS_UP_DAYS before an end, and at
 * the end the integration turned off, audited, its approved requesters told and the card updated.
 * Each is keyed in `sentKeys` by integration and end, in the same durable update, so it happens
 * once across restarts; after downtime a missed heads-up is skipped when the end has come.
 */
export async function runTimeBoxPass(deps: Deps, input: { now: Date }): Promise<TimeBoxPassReport> {
  const { now } = input;
  const { timeZone } = deps.settings;
  return transact(deps, (state) => {
    const plain = deps.store.read();
    const changes: string[] = [];
    const notices: string[] = [];
    const audit: AuditEntry[] = [];
    for (const [id, current] of Object.entries(plain.installs)) {
      const due = timeBoxDue(current, now);
      const entry = due && current.endsAt ? integrationById(deps, plain, id) : undefined;
      const install = state.installs[id];
      if (!due || !entry || !install?.endsAt) continue;
      const endsAt = install.endsAt;
      const key = `timebox-${due}:${id}:${endsAt}`;
      if (plain.sentKeys[key] !== undefined) continue;
      state.sentKeys[key] = now.toISOString();
      const lastDay = lastDayOf(endsAt, timeZone);
      if (due === 'end') {
        const groups = scopeLabel(plain, install.scope);
        disableInstall(install, { by: 'scheduler', now, reason: 'time-box' });
        audit.push(
          auditEntry({
            at: now,
            actor: 'scheduler',
            action: 'time-box-ended',
            integrationId: id,
            details: `enabled for ${groups} → disabled (time-box): its time box ran until ${lastDay}`,
          }),
        );
        const requesters = approvedRequesters(plain, id);
        tellPeople(state, { requesters, entry, now, news: { change: 'time-box-ended', groups, lastDay } });
        const told = [...new Set(requesters.map((r) => r.personId))];
        changes.push(`${entry.name}: disabled at the end of its time box (${lastDay})`);
        if (told.length) notices.push(`time-box-ended DM (${entry.name}) → ${told.join(', ')}`);
      }
      publishTimeBoxCard(deps, state, { integrationId: id, endsAt, now, post: true });
      const cardKey = timeBoxCardKey(id, endsAt);
      const shown = state.outbox
        .filter((n) => n.cardKey === cardKey && n.state === 'queued')
        .map((n) => n.target);
      if (shown.length) notices.push(`time-box-${due} (${entry.name}) → ${[...new Set(shown)].join(', ')}`);
    }
    return { result: { at: now.toISOString(), changes, notices }, audit };
  });
}
