import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../src/adapters/storage/apply-change.js';
import {
  encodeJournalEntry,
  type JournalEntry,
  journalOps,
  parseJournal,
  replayJournal,
  WrittenLists,
} from '../../../src/adapters/storage/journal.js';
import { loadState } from '../../../src/adapters/storage/load-state.js';
import { emptyState, type State } from '../../../src/domain/state.js';
import { aRequest } from './builders.js';

const FILE = '/data/state.journal';
const lines = (...entries: JournalEntry[]) => Buffer.from(entries.map(encodeJournalEntry).join(''));
const setR = (seq: number, id: string, overrides = {}): JournalEntry => ({
  seq,
  ops: [{ op: 'set', path: ['requests', id], value: aRequest({ id, ...overrides }) }],
});

/** Loads a snapshot plus journal bytes as a restart would. */
function replay(snapshot: object, data: Buffer) {
  const { entries } = parseJournal(FILE, data);
  return loadState({
    file: '/data/state.json',
    text: JSON.stringify(snapshot),
    now: new Date(),
    journal: { file: FILE, entries },
  });
}

function failureOf(run: () => unknown): Error & { code?: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a failure');
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let value = seed;
  return () => {
    value = (value * 1103515245 + 12345) % 2 ** 31;
    return value / 2 ** 31;
  };
}

const pickId = (pick: () => number) => `r${Math.floor(pick() * 10)}`;
const changes: ((s: State, pick: () => number) => void)[] = [
  (s, pick) => {
    const id = pickId(pick);
    s.requests[id] = aRequest({ id });
  },
  (s, pick) => {
    const request = s.requests[pickId(pick)];
    if (request) request.state = 'approved';
  },
  (s, pick) => {
    s.requests[pickId(pick)]?.requesters.push({ personId: 'slack:U9', reason: null, at: 'now' });
  },
  (s, pick) => {
    delete s.requests[pickId(pick)];
  },
  (s) => {
    s.counters.notice += 1;
    s.sentKeys[`k${s.counters.notice}`] = 'now';
  },
  (s) => {
    s.customIntegrations.push({ ...s.customIntegrations[0], id: `c${s.customIntegrations.length}` } as never);
  },
  (s) => {
    s.customIntegrations.splice(0, 1);
  },
  (s) => {
    s.provider.current = s.provider.current === 'none' ? 'skype' : 'none';
  },
  (s) => {
    s.seenEvents = {};
  },
  (s, pick) => {
    s.seenEvents[`e${Math.floor(pick() * 5)}`] = 'now';
  },
];

describe('journalOps', () => {
  it('sets a touched collection entry whole, and deletes a removed one', () => {
    const state: State = { ...emptyState(), requests: { r1: aRequest(), r2: aRequest({ id: 'r2' }) } };
    const applied = applyChange(state, (s) => {
      if (s.requests.r1) s.requests.r1.state = 'denied';
      delete s.requests.r2;
    });
    expect(journalOps(state, applied.paths)).toEqual([
      { op: 'set', path: ['requests', 'r1'], value: aRequest({ state: 'denied' }) },
      { op: 'delete', path: ['requests', 'r2'] },
    ]);
  });

  it('writes what was appended to a list, not the list, and its length last', () => {
    const state: State = { ...emptyState(), requests: { r1: aRequest() } };
    const before = state.requests.r1?.requesters.length ?? 0;
    const added = { personId: 'slack:U9', reason: null, at: 'now' };
    const applied = applyChange(state, (s) => {
      s.requests.r1?.requesters.push(added);
      s.outbox.length = 0;
    });
    expect(journalOps(state, applied.paths)).toEqual([
      { op: 'set', path: ['requests', 'r1', 'requesters', String(before)], value: added },
      { op: 'set', path: ['requests', 'r1', 'requesters', 'length'], value: before + 1 },
      { op: 'set', path: ['outbox', 'length'], value: 0 },
    ]);
  });

  it('writes an entry whole when a field other than a list element changed', () => {
    const state: State = { ...emptyState(), requests: { r1: aRequest() } };
    const applied = applyChange(state, (s) => {
      s.requests.r1?.requesters.push({ personId: 'slack:U9', reason: null, at: 'now' });
      if (s.requests.r1) s.requests.r1.state = 'denied';
    });
    expect(journalOps(state, applied.paths)).toEqual([
      { op: 'set', path: ['requests', 'r1'], value: state.requests.r1 },
    ]);
  });

  it('writes a replaced list whole, not element by element', () => {
    const state = { ...emptyState(), customIntegrations: [] as State['customIntegrations'] };
    const applied = applyChange(state, (s) => {
      s.customIntegrations = [];
    });
    expect(journalOps(state, [...applied.paths, ['customIntegrations', '3']])).toEqual([
      { op: 'set', path: ['customIntegrations'], value: [] },
    ]);
  });

  it('writes a replaced collection once, not entry by entry', () => {
    const state = emptyState();
    const applied = applyChange(state, (s) => {
      s.seenEvents.a = 'x';
      s.seenEvents = { b: 'y' };
      s.seenEvents.c = 'z';
    });
    expect(journalOps(state, applied.paths)).toEqual([
      { op: 'set', path: ['seenEvents'], value: { b: 'y', c: 'z' } },
    ]);
  });

  it('brings the state before a batch to the state after it, through many random batches', () => {
    const pick = random(11);
    const state = structuredClone(emptyState());
    for (let seq = 1; seq <= 500; seq++) {
      const raw = JSON.parse(JSON.stringify(state));
      const batch = Array.from({ length: 1 + Math.floor(pick() * 3) }, () =>
        applyChange(state, (draft) => changes[Math.floor(pick() * changes.length)]?.(draft, pick)),
      );
      const ops = journalOps(
        state,
        batch.flatMap((applied) => applied.paths),
      );
      const { entries } = parseJournal(FILE, lines({ seq, ops }));
      replayJournal({ file: FILE, raw, entries, afterSeq: seq - 1 });
      expect(raw).toEqual(JSON.parse(JSON.stringify(state)));
    }
  });
});

describe('WrittenLists', () => {
  type Item = State['customIntegrations'][number];
  const item = (s: State, id: string) => ({ ...(s.customIntegrations[0] ?? {}), id }) as Item;
  const listChanges: ((s: State, pick: () => number) => void)[] = [
    (s, pick) => {
      s.customIntegrations.push(item(s, `c${Math.floor(pick() * 1000)}`));
    },
    (s, pick) => {
      s.customIntegrations.splice(Math.floor(pick() * s.customIntegrations.length), 1);
    },
    (s, pick) => {
      s.customIntegrations.splice(Math.floor(pick() * s.customIntegrations.length), 0, item(s, 'mid'));
    },
    (s, pick) => {
      const at = s.customIntegrations[Math.floor(pick() * s.customIntegrations.length)];
      if (at) at.name = `renamed ${pick()}`;
    },
    (s, pick) => {
      s.customIntegrations = s.customIntegrations.filter(() => pick() < 0.8);
    },
    (s, pick) => {
      s.customIntegrations = [item(s, 'first'), ...s.customIntegrations.slice(Math.floor(pick() * 3))];
    },
    (s) => {
      s.customIntegrations.length = Math.max(0, s.customIntegrations.length - 2);
    },
    (s) => {
      s.customIntegrations.reverse();
    },
  ];

  it('follows the lists line by line, so kept runs replay to the state, through many random batches', () => {
    const pick = random(23);
    const state = structuredClone(emptyState());
    for (let i = 0; i < 20; i++) state.customIntegrations.push(item(state, `seed${i}`));
    const lists = new WrittenLists(state);
    let runs = 0;
    for (let seq = 1; seq <= 400; seq++) {
      const raw = JSON.parse(JSON.stringify(state));
      const batch = Array.from({ length: 1 + Math.floor(pick() * 3) }, () =>
        applyChange(state, (draft) => listChanges[Math.floor(pick() * listChanges.length)]?.(draft, pick)),
      );
      const changed = new Set(batch.flatMap((applied) => applied.touched));
      const ops = journalOps(
        state,
        batch.flatMap((applied) => applied.paths),
        { indexOf: (top) => lists.indexOf(top), changed },
      );
      runs += ops.filter((op) => op.op === 'list').length;
      lists.after(state, ops)();
      const { entries } = parseJournal(FILE, lines({ seq, ops }));
      replayJournal({ file: FILE, raw, entries, afterSeq: seq - 1 });
      expect(raw).toEqual(JSON.parse(JSON.stringify(state)));
      // Every element it knows is where the list holds it now.
      const index = lists.indexOf('customIntegrations');
      for (const [element, at] of index ?? []) expect(state.customIntegrations[at]).toBe(element);
      expect(index?.size).toBe(new Set(state.customIntegrations).size);
    }
    // The list was written as kept runs, not only whole.
    expect(runs).toBeGreaterThan(50);
  });

  it('applies a line only when told: a line that failed leaves the lists as the files hold them', () => {
    const state = structuredClone(emptyState());
    state.customIntegrations.push(item(state, 'a'), item(state, 'b'));
    const lists = new WrittenLists(state);
    const [a, b] = state.customIntegrations as [Item, Item];
    const applied = applyChange(state, (s) => {
      s.customIntegrations.splice(0, 1);
    });
    lists.after(state, journalOps(state, applied.paths));
    expect(lists.indexOf('customIntegrations')).toEqual(
      new Map<object, number>([
        [a, 0],
        [b, 1],
      ]),
    );
  });
});

describe('parseJournal', () => {
  it('reads whole lines, numbering them', () => {
    const content = parseJournal(FILE, lines(setR(1, 'r1'), setR(2, 'r2')));
    expect(content.entries.map((e) => [e.line, e.seq])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(content.torn).toBe(false);
  });

  it.each([
    ['an unfinished line', '{"seq":3,"ops":[{"op":"se'],
    ['a finished line of bytes that are not JSON', '\u0000\u0000\u0000\n'],
    ['a complete entry whose newline never made it', '{"seq":3,"ops":[]}'],
  ])('leaves out a torn last line: %s', (_name, tail) => {
    const whole = lines(setR(1, 'r1'), setR(2, 'r2'));
    const content = parseJournal(FILE, Buffer.concat([whole, Buffer.from(tail)]));
    expect(content.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(content).toMatchObject({ torn: true, validLength: whole.length });
  });

  it('refuses a damaged line followed by others, naming the journal and the line', () => {
    const data = Buffer.concat([lines(setR(1, 'r1')), Buffer.from('{"seq":2,\n'), lines(setR(3, 'r3'))]);
    const error = failureOf(() => parseJournal(FILE, data));
    expect(error).toMatchObject({ code: 'store-invalid' });
    expect(error.message).toContain(`Cannot load ${FILE}: line 2 is not valid JSON`);
  });

  it('refuses a whole line that is not a journal entry', () => {
    const data = Buffer.from('{"seq":0,"ops":[]}\n');
    expect(failureOf(() => parseJournal(FILE, data)).message).toContain('line 1 is not a journal entry (seq');
  });
});

describe('loadState with a journal', () => {
  it('replays only the lines that follow the snapshot', () => {
    const snapshot = { ...emptyState(), requests: { r1: aRequest() }, journalSeq: 2 };
    const data = lines({ seq: 2, ops: [{ op: 'delete', path: ['requests', 'r1'] }] }, setR(3, 'r3'));
    const loaded = replay(snapshot, data);
    expect(Object.keys(loaded.state.requests)).toEqual(['r1', 'r3']);
    expect(loaded.journalSeq).toBe(3);
  });

  it('refuses a journal that does not follow on from the snapshot', () => {
    const error = failureOf(() => replay({ ...emptyState(), journalSeq: 2 }, lines(setR(4, 'r4'))));
    expect(error).toMatchObject({ code: 'store-invalid' });
    expect(error.message).toContain('line 1 has sequence number 4 where 3 was expected');
  });

  it('names the journal line that breaks the schema, keeping the zod error as cause', () => {
    const data = lines(setR(1, 'r1'), setR(2, 'r2', { state: 'maybe' }));
    const error = failureOf(() => replay(emptyState(), data));
    expect(error).toMatchObject({ code: 'store-invalid' });
    expect(error.message).toContain(
      `Cannot load ${FILE}: line 2 (sequence number 2) makes the state invalid`,
    );
    expect(error.message).toContain('requests.r2.state');
    expect(error.cause).toBeDefined();
  });

  it('refuses a line that writes below something that is not an object', () => {
    const data = lines({ seq: 1, ops: [{ op: 'set', path: ['counters', 'notice', 'x'], value: 1 }] });
    expect(failureOf(() => replay(emptyState(), data)).message).toContain('line 1 cannot be applied');
  });

  it('refuses a line that sets a list element by a key that is not an index, or a bad length', () => {
    for (const path of [
      ['outbox', 'x'],
      ['outbox', 'length'],
    ]) {
      const data = lines({ seq: 1, ops: [{ op: 'set', path, value: 'ten' }] });
      expect(failureOf(() => replay(emptyState(), data)).message).toContain('line 1 cannot be applied');
    }
  });

  it('stores a key named __proto__ as data, never changing a prototype', () => {
    const raw = JSON.parse(JSON.stringify(emptyState()));
    const value = { polluted: true };
    const entries = parseJournal(
      FILE,
      lines({ seq: 1, ops: [{ op: 'set', path: ['requests', '__proto__'], value }] }),
    );
    replayJournal({ file: FILE, raw, entries: entries.entries, afterSeq: 0 });
    expect(Object.hasOwn(raw.requests, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(raw.requests)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
