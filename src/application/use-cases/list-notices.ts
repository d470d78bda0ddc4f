import type { Notice } from '../../domain/notice.js';
import type { Deps } from '../deps.js';
import type { Actor } from '../engine.js';
import { checkSystemAdmin } from '../guards.js';
import { formatDateTime } from '../views/format.js';
import { refusalView } from '../views/refusal-words.js';
import type { ListView, View } from '../views/view.js';

const MAX_SHOWN = 50;

function headline(view: Record<string, unknown>): string {
  const text = [view.title, view.text, view.kind].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  const line = text ?? 'a card';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function detail(n: Notice, timeZone: string): string {
  if (n.state === 'given-up')
    return `Given up: ${n.lastError ?? 'no reason recorded'} (queued ${formatDateTime(n.createdAt, timeZone)})`;
  const tries = n.attempts ? `, ${n.attempts} failed ${n.attempts === 1 ? 'attempt' : 'attempts'}` : '';
  const error = n.lastError ? `; last error: ${n.lastError}` : '';
  return `Queued ${formatDateTime(n.createdAt, timeZone)}${tries}; next try ${formatDateTime(n.notBefore, timeZone)}${error}`;
}

/** `notices`: what the outbox still holds (queued, failing, given up), for admins. */
export function listNotices(deps: Deps, input: { actor: Actor }): View {
  const state = deps.store.read();
  const denied = checkSystemAdmin(state, input.actor.id, 'see-notices');
  if (denied) return refusalView(denied, deps.settings.timeZone);
  const queued = state.outbox.filter((n) => n.state === 'queued');
  const givenUp = state.outbox.filter((n) => n.state === 'given-up');
  const failing = queued.filter((n) => n.attempts > 0 || n.lastError).length;
  const ordered = [...queued, ...[...givenUp].reverse()];
  const items = ordered.slice(0, MAX_SHOWN).map((n) => ({
    title: `${headline(n.view)} → ${n.target}`,
    detail: detail(n, deps.settings.timeZone),
  }));
  const more = ordered.length - items.length;
  const view: ListView = {
    kind: 'list',
    title: `Notices: ${queued.length} queued (${failing} failing), ${givenUp.length} given up${more > 0 ? `; first ${items.length} shown` : ''}`,
    empty: 'No notices are waiting: everything was delivered.',
    items,
  };
  return view;
}
