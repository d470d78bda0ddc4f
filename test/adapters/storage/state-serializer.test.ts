import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../src/adapters/storage/apply-change.js';
import { createStateSerializer } from '../../../src/adapters/storage/state-serializer.js';
import { emptyState, type State } from '../../../src/domain/state.js';
import { aRequest } from './builders.js';

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let value = seed;
  return () => {
    value = (value * 1103515245 + 12345) % 2 ** 31;
    return value / 2 ** 31;
  };
}

type Change = (state: State, pick: () => number) => void;

const changes: Change[] = [
  (s, pick) => {
    const id = `r${Math.floor(pick() * 20)}`;
    s.requests[id] = aRequest({ id });
  },
  (s, pick) => {
    const request = s.requests[`r${Math.floor(pick() * 20)}`];
    if (request) request.state = request.state === 'open' ? 'approved' : 'open';
  },
  (s, pick) => {
    const request = s.requests[`r${Math.floor(pick() * 20)}`];
    request?.requesters.push({ personId: 'slack:U9', reason: null, at: 'now' });
  },
  (s, pick) => {
    delete s.requests[`r${Math.floor(pick() * 20)}`];
  },
  (s, pick) => {
    // Copies one request over another: must not leave them sharing objects.
    const from = s.requests[`r${Math.floor(pick() * 20)}`];
    if (from) s.requests[`r${Math.floor(pick() * 20)}`] = from;
  },
  (s, pick) => {
    const from = s.requests[`r${Math.floor(pick() * 20)}`];
    const to = s.requests[`r${Math.floor(pick() * 20)}`];
    if (from && to) to.requesters = from.requesters;
  },
  (s) => {
    s.sentKeys[`k${s.counters.notice++}`] = 'now';
  },
  (s) => {
    s.customIntegrations.reverse();
    s.outbox = s.outbox.filter((_, i) => i % 2 === 0);
  },
  (s) => {
    s.provider.current = s.provider.current === 'none' ? 'skype' : 'none';
  },
];

describe('createStateSerializer', () => {
  it('writes exactly what JSON.stringify writes', () => {
    const state = { ...emptyState(), requests: { r1: aRequest() }, extra: undefined, list: [1, undefined] };
    expect(createStateSerializer().serialize(state).toString()).toBe(JSON.stringify(state));
  });

  it('stays equal to JSON.stringify through many changes applied with applyChange', () => {
    const pick = random(7);
    const state = structuredClone(emptyState());
    const serializer = createStateSerializer();
    for (let step = 0; step < 2000; step++) {
      const change = changes[Math.floor(pick() * changes.length)] as Change;
      const applied = applyChange(state, (draft) => change(draft, pick));
      serializer.invalidate(applied.touched);
      if (step % 3 === 0) expect(serializer.serialize(state).toString()).toBe(JSON.stringify(state));
    }
    expect(serializer.serialize(state).toString()).toBe(JSON.stringify(state));
  });

  it('writes an entry changed in place once it is invalidated, and the stale text before', () => {
    const state = { ...emptyState(), requests: { r1: aRequest() } };
    const serializer = createStateSerializer();
    serializer.serialize(state);
    (state.requests.r1 as { state: string }).state = 'denied';
    expect(serializer.serialize(state).toString()).not.toBe(JSON.stringify(state));
    serializer.invalidate([state.requests.r1]);
    expect(serializer.serialize(state).toString()).toBe(JSON.stringify(state));
  });
});
