import { describe, expect, it } from 'vitest';
import { aCore } from '../fakes/core.js';

describe('engine.seenBefore', () => {
  it('says whether an inbound event id was handled before, across many events', async () => {
    const core = await aCore();
    expect(await core.engine.seenBefore('slack:Ev1')).toBe(false);
    expect(await core.engine.seenBefore('slack:Ev1')).toBe(true);
    expect(await core.engine.seenBefore('slack:Ev2')).toBe(false);
  });

  it('forgets the oldest ids in batches so the record stays bounded', async () => {
    const core = await aCore();
    for (let i = 0; i < 6000; i++) await core.engine.seenBefore(`slack:Ev${i}`);
    const kept = Object.keys(core.store.read().seenEvents);
    expect(kept.length).toBeLessThanOrEqual(5500);
    expect(kept.length).toBeGreaterThanOrEqual(5000);
    expect(kept).toContain('slack:Ev5999');
    expect(kept).not.toContain('slack:Ev0');
    // A recent id is still recognised after pruning.
    expect(await core.engine.seenBefore('slack:Ev5990')).toBe(true);
  });
});
