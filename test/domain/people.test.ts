import { describe, expect, it } from 'vitest';
import { groupIdsOf, groupsOf } from '../../src/domain/people.js';
import { emptyState, type State } from '../../src/domain/state.js';

function world(): State {
  const state = emptyState();
  const group = (id: string, members: string[], admins: string[] = []) => {
    state.groups[id] = {
      id,
      name: id,
      members,
      admins,
      createdAt: '2026-11-22T10:42:00.000Z',
      createdBy: 'console:admin',
    };
  };
  group('sales', ['slack:U1', 'slack:U2']);
  group('eng', ['slack:U2'], ['slack:U3']);
  group('ops', []);
  return state;
}

describe('groupIdsOf', () => {
  it('gives every group any of the people is a member or an admin of, each once', () => {
    expect([...groupIdsOf(world(), ['slack:U1', 'slack:U2'])].sort()).toEqual(['eng', 'sales']);
    expect([...groupIdsOf(world(), ['slack:U3'])]).toEqual(['eng']);
  });

  it('gives no group for people in none, or for nobody', () => {
    expect(groupIdsOf(world(), ['slack:U9']).size).toBe(0);
    expect(groupIdsOf(world(), []).size).toBe(0);
  });

  it('agrees with groupsOf asked person by person', () => {
    const state = world();
    const people = ['slack:U1', 'slack:U2', 'slack:U3', 'slack:U9'];
    const oneByOne = new Set(people.flatMap((id) => groupsOf(state, id).map((g) => g.id)));
    expect(groupIdsOf(state, people)).toEqual(oneByOne);
  });
});
