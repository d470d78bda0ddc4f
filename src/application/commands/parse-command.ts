import { distance } from 'fastest-levenshtein';
import { isPersonId } from '../../domain/ids.js';
import { MAX_ID_LENGTH } from '../../domain/limits.js';
import { nearest } from '../../domain/matching.js';
import { daysProblem, isCalendarDate, MAX_TIME_BOX_DAYS, type TimeBox } from '../../domain/time-box.js';
import type { Command, ParseReason, ParseRefusal, ParseResult, PersonRef, ScopeWords } from './command.js';
import { USAGE } from './command.js';

/** Longest text a command may have; longer input is refused before parsing. */
export const MAX_COMMAND_LENGTH = 2000;

/** First words of the chat commands (card action verbs are `VERBS` of the views). */
const COMMAND_WORDS = [
  'help',
  'provider',
  'set',
  'integrations',
  'integration',
  'permissions',
  'request',
  'my',
  'requests',
  'approve',
  'deny',
  'enable',
  'extend',
  'disable',
  'remove',
  'report',
  'export',
  'deadlines',
  'digest',
  'keep',
  'block',
  'unblock',
  'blocked',
  'connect',
  'disconnect',
  'notices',
  'changes',
  'notify',
  'admins',
  'admin',
  'groups',
  'group',
] as const;

type CommandWord = (typeof COMMAND_WORDS)[number];

// A Map, not an object: a typed word such as `__proto__` or `constructor` must find nothing.
const ALIASES = new Map<string, CommandWord>(
  Object.entries({
    '?': 'help',
    commands: 'help',
    directory: 'integrations',
    apps: 'integrations',
    catalog: 'integrations',
    list: 'integrations',
    perms: 'permissions',
    ask: 'request',
    add: 'request',
    pending: 'requests',
    reject: 'deny',
    refuse: 'deny',
    accept: 'approve',
    history: 'export',
    outbox: 'notices',
    mine: 'my',
  } satisfies Record<string, CommandWord>),
);

/** The usage lines of one command word: `admin` gives `admin add|remove <person>`, not `admins`. */
const usageOf = (word: string) =>
  USAGE.filter((u) => u.usage === word || u.usage.startsWith(`${word} `)).map((u) => u.usage);

/** Builds a parse refusal: `refuse('empty')`, `refuse('missing-provider', { usage })`. */
function refuse<R extends ParseReason>(
  reason: R,
  ...facts: keyof Omit<Extract<ParseRefusal, { reason: R }>, 'ok' | 'reason'> extends never
    ? []
    : [Omit<Extract<ParseRefusal, { reason: R }>, 'ok' | 'reason'>]
): Extract<ParseRefusal, { reason: R }> {
  return { ok: false, reason, ...facts[0] } as Extract<ParseRefusal, { reason: R }>;
}

/** Splits `rest` at the first ` <word> ` (case-insensitive), e.g. "jira because we track bugs". */
function splitAt(rest: string, word: string): [string, string | null] {
  const match = new RegExp(`(^|\\s)${word}(\\s|$)`, 'i').exec(rest);
  if (!match) return [rest.trim(), null];
  return [rest.slice(0, match.index).trim(), rest.slice(match.index + match[0].length).trim()];
}

function parseScope(text: string | null): ScopeWords | null {
  if (text === null) return { kind: 'requesters' };
  const groups = text
    .split(/\s*(?:,|\band\b)\s*/i)
    .map((g) => g.trim())
    .filter(Boolean);
  if (groups.length === 0) return null;
  if (groups.length === 1 && /^(all|all groups|everyone)$/i.test(groups[0] ?? '')) return { kind: 'all' };
  return { kind: 'groups', groups };
}

const UNIT_DAYS = new Map([
  ['day', 1],
  ['week', 7],
  ['year', 365],
]);

/**
 * Takes a time box off the end of `rest`: "… for 90 days" (`lead` "for", or "by" too when
 * extending) or "… until 2027-03-31". "for" also introduces groups, so only "for <N> <unit>" at
 * the very end is a duration: "jira for Sales for 90 days" is Sales, for 90 days.
 */
function takeTimeBox(
  rest: string,
  lead: string,
  usage: string[],
): { rest: string; box: TimeBox | null } | ParseRefusal {
  const until = /(?:^|\s)until(?:\s+(.*))?$/i.exec(rest);
  const before = until ? rest.slice(0, until.index) : rest;
  const duration = new RegExp(`(?:^|\\s)(?:${lead})\\s+(\\S+)\\s+(day|week|year)s?$`, 'i').exec(before);
  if (until && duration) return refuse('two-ends', { usage });
  if (until) {
    const text = (until[1] ?? '').trim();
    if (!isCalendarDate(text)) return refuse('bad-end-date', { text: text.slice(0, 40) });
    return { rest: before.trim(), box: { kind: 'until', date: text } };
  }
  if (!duration?.[1] || !duration[2]) return { rest, box: null };
  const per = UNIT_DAYS.get(duration[2].toLowerCase()) ?? 1;
  const days = /^[+-]?\d{1,12}$/.test(duration[1]) ? Number(duration[1]) * per : Number.NaN;
  const problem = Number.isNaN(days) ? 'not-a-number' : daysProblem(days);
  const text = duration[0]
    .trim()
    .replace(/^\S+\s+/, '')
    .slice(0, 40);
  if (problem) return refuse('bad-duration', { text, problem, max: MAX_TIME_BOX_DAYS });
  return { rest: before.slice(0, duration.index).trim(), box: { kind: 'days', days } };
}

/** A typed person: an id (refused here when the store could not keep it), else a mention's `@name`. */
function parsePerson(text: string): PersonRef | ParseRefusal | null {
  const t = text.trim();
  if (!t) return null;
  if (/^(slack|teams|console):\S+$/.test(t)) {
    const prefix = t.slice(0, t.indexOf(':') + 1);
    if (isPersonId(t)) return { kind: 'id', id: t };
    return refuse('id-too-long', { prefix, max: MAX_ID_LENGTH });
  }
  return { kind: 'unresolved', text: t.replace(/^@/, '') };
}

/** Finds the verb, forgiving case, aliases and one small typo in a long enough word. */
function resolveVerb(word: string): { verb: CommandWord; corrected: boolean } | null {
  const w = word.toLowerCase();
  const exact = COMMAND_WORDS.find((v) => v === w);
  if (exact) return { verb: exact, corrected: false };
  const alias = ALIASES.get(w);
  if (alias) return { verb: alias, corrected: false };
  if (w.length < 5) return null;
  const close = COMMAND_WORDS.filter((v) => v.length >= 4 && distance(v, w) === 1);
  return close.length === 1 && close[0] ? { verb: close[0], corrected: true } : null;
}

function parseGroupCommand(rest: string): ParseResult {
  const create = /^create\s+(.+)$/i.exec(rest);
  if (create?.[1]) return { ok: true, command: { name: 'groupCreate', group: create[1].trim() } };
  const m = /^(.+?)\s+(add|remove|admin)\s+(.+)$/i.exec(rest);
  const person = m?.[3] ? parsePerson(m[3]) : null;
  if (!m?.[1] || !m[2] || !person) return refuse('missing-group-change', { usage: usageOf('group') });
  if ('ok' in person) return person;
  const change = m[2].toLowerCase();
  if (change === 'admin') return { ok: true, command: { name: 'groupAdmin', group: m[1].trim(), person } };
  return {
    ok: true,
    command: { name: 'groupMember', group: m[1].trim(), person, change: change as 'add' | 'remove' },
  };
}

/** "jira, zoom ,box" → the names, or the one name alone ("jira," is just Jira). */
function namesOf(text: string): { many: string[] } | { one: string } {
  if (!text.includes(',')) return { one: text };
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 1 ? { many: names } : { one: names[0] ?? '' };
}

function needName(verb: string, rest: string, build: (name: string) => Command): ParseResult {
  if (!rest) return refuse('missing-integration', { command: verb, usage: usageOf(verb) });
  return { ok: true, command: build(rest) };
}

function parseRest(verb: CommandWord, rest: string): ParseResult {
  const lower = rest.toLowerCase();
  switch (verb) {
    case 'help':
      return { ok: true, command: { name: 'help' } };
    case 'provider':
      return { ok: true, command: { name: 'provider' } };
    case 'set': {
      const m = /^provider\s+(\S+)(?:\s+(.+))?$/i.exec(rest);
      if (!m?.[1]) return refuse('missing-provider', { usage: usageOf('set') });
      const onPremises = /on[- ]?prem/i.test(m[2] ?? '');
      return { ok: true, command: { name: 'setProvider', provider: m[1].toLowerCase(), onPremises } };
    }
    case 'integrations':
      return { ok: true, command: { name: 'directory' } };
    case 'integration': {
      const m = /^add\s+(.+)$/i.exec(rest);
      if (!m?.[1]) return refuse('integration-add-expected', { usage: usageOf('integration') });
      const [name, host] = splitAt(m[1], 'link');
      return needName('integration add', name, (integration) => ({
        name: 'addCustom',
        integration,
        host: host || null,
      }));
    }
    case 'permissions':
      return needName(verb, rest, (integration) => ({ name: 'permissions', integration }));
    case 'request': {
      const [named, reason] = splitAt(rest, 'because');
      // "request box anyway because …": the word after the name, never inside the reason.
      const anyway = /(^|\s)anyway$/i.exec(named);
      const name = anyway ? named.slice(0, anyway.index).trim() : named;
      return needName(verb, name, (integration) => ({
        name: 'request',
        integration,
        reason: reason || null,
        anyway: anyway !== null,
      }));
    }
    case 'my':
      if (/^requests?$/.test(lower)) return { ok: true, command: { name: 'myRequests' } };
      return refuse('did-you-mean', { meant: 'my requests' });
    case 'requests':
      return { ok: true, command: { name: 'requests' } };
    case 'approve':
    case 'enable': {
      const timed = takeTimeBox(rest, 'for', usageOf(verb));
      if ('ok' in timed) return timed;
      const [name, scopeText] = splitAt(timed.rest, 'for');
      const scope = parseScope(scopeText);
      if (!scope) return refuse('missing-groups', { usage: usageOf(verb) });
      if (verb === 'enable' && scope.kind === 'requesters')
        return refuse('missing-scope', { usage: usageOf('enable') });
      const names = verb === 'approve' ? namesOf(name) : { one: name };
      if ('many' in names)
        return {
          ok: true,
          command: { name: 'approveMany', integrations: names.many, scope, ends: timed.box },
        };
      return needName(verb, names.one, (integration) => ({
        name: verb,
        integration,
        scope,
        ends: timed.box,
      }));
    }
    case 'extend': {
      const timed = takeTimeBox(rest, 'by|for', usageOf(verb));
      if ('ok' in timed) return timed;
      if (!timed.box) {
        if (!rest) return refuse('missing-integration', { command: verb, usage: usageOf(verb) });
        return refuse('missing-extension', { usage: usageOf(verb) });
      }
      const by = timed.box;
      return needName(verb, timed.rest, (integration) => ({ name: 'extend', integration, by }));
    }
    case 'deny':
    case 'block': {
      const [name, reason] = splitAt(rest, 'because');
      if (!reason)
        return refuse('reason-required', { command: verb, integration: name || null, usage: usageOf(verb) });
      const names = verb === 'deny' ? namesOf(name) : { one: name };
      if ('many' in names)
        return { ok: true, command: { name: 'denyMany', integrations: names.many, reason } };
      return needName(verb, names.one, (integration) => ({ name: verb, integration, reason }));
    }
    case 'unblock':
      return needName(verb, rest, (integration) => ({ name: 'unblock', integration }));
    case 'disable':
      return needName(verb, rest, (integration) => ({ name: 'disable', integration }));
    case 'keep':
      return needName(verb, rest, (integration) => ({ name: 'keep', integration }));
    case 'connect':
      return needName(verb, rest, (integration) => ({ name: 'connect', integration }));
    case 'disconnect':
      return needName(verb, rest, (integration) => ({ name: 'disconnect', integration }));
    case 'remove': {
      const [name, group] = splitAt(rest, 'from');
      return needName(verb, name, (integration) => ({ name: 'remove', integration, group: group || null }));
    }
    case 'changes':
      return { ok: true, command: { name: 'permissionChanges' } };
    case 'report':
    case 'deadlines':
    case 'digest':
    case 'notices':
    case 'admins':
    case 'groups':
    case 'blocked':
      return { ok: true, command: { name: verb } };
    case 'export':
      return { ok: true, command: { name: 'export', integration: rest || null } };
    case 'notify':
      if (lower === 'here') return { ok: true, command: { name: 'notifyHere' } };
      return refuse('did-you-mean', { meant: 'notify here' });
    case 'admin': {
      const m = /^(add|remove)\s+(.+)$/i.exec(rest);
      const person = m?.[2] ? parsePerson(m[2]) : null;
      if (!m?.[1] || !person) return refuse('missing-admin-change', { usage: usageOf('admin') });
      if ('ok' in person) return person;
      const name = m[1].toLowerCase() === 'add' ? 'adminAdd' : 'adminRemove';
      return { ok: true, command: { name, person } };
    }
    case 'group':
      return parseGroupCommand(rest);
  }
}

/** Parses one message into a command of docs/commands.md, or refuses with why and what is near. */
export function parseCommand(text: string): ParseResult {
  if (text.length > MAX_COMMAND_LENGTH) {
    return refuse('command-too-long', { length: text.length, max: MAX_COMMAND_LENGTH });
  }
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return refuse('empty');
  const space = clean.indexOf(' ');
  const word = space === -1 ? clean : clean.slice(0, space);
  const rest = space === -1 ? '' : clean.slice(space + 1).trim();
  const resolved = resolveVerb(word);
  if (!resolved) {
    const near = nearest(
      word,
      USAGE.map((u) => u.usage.split(' ')[0] ?? ''),
      3,
    );
    return refuse('unknown-command', {
      word,
      nearest: [...new Set(near)].flatMap((v) => usageOf(v)).slice(0, 4),
    });
  }
  const result = parseRest(resolved.verb, rest);
  return result.ok && resolved.corrected
    ? { ...result, corrected: { from: word, to: resolved.verb } }
    : result;
}
