import { describe, expect, it } from 'vitest';
import { isConversationId, isPersonId } from '../../src/domain/ids.js';
import { MAX_ID_LENGTH, MAX_NAME_LENGTH, shorten, storableName } from '../../src/domain/limits.js';
import { Person } from '../../src/domain/state.js';

describe('shorten', () => {
  it('keeps text within the limit as it is', () => {
    expect(shorten('Ada', 3)).toBe('Ada');
    expect(shorten('', 5)).toBe('');
  });

  it('cuts longer text to exactly the limit, ending with an ellipsis', () => {
    const cut = shorten('x'.repeat(300), 200);
    expect(cut).toHaveLength(200);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = shorten(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });
});

describe('storableName', () => {
  it('trims, shortens to what the state schema keeps, and turns blank into null', () => {
    expect(storableName('  Ada  ')).toBe('Ada');
    expect(storableName('   ')).toBeNull();
    expect(storableName(null)).toBeNull();
    const name = storableName('N'.repeat(300));
    expect(name).toHaveLength(MAX_NAME_LENGTH);
    expect(
      Person.safeParse({ id: 'teams:x', name, role: 'member', since: '2026-01-01T00:00:00Z' }).success,
    ).toBe(true);
  });
});

describe('ids', () => {
  it('accept at most MAX_ID_LENGTH characters after the prefix, with no spaces', () => {
    expect(isPersonId(`teams:${'a'.repeat(MAX_ID_LENGTH)}`)).toBe(true);
    expect(isPersonId(`teams:${'a'.repeat(MAX_ID_LENGTH + 1)}`)).toBe(false);
    expect(isPersonId('slack:U1 U2')).toBe(false);
    expect(isConversationId('teams:19:abc@thread.tacv2')).toBe(true);
    expect(isConversationId(`teams:${'c'.repeat(MAX_ID_LENGTH + 1)}`)).toBe(false);
  });
});
