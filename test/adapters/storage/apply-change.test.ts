import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../src/adapters/storage/apply-change.js';
import { isStoreError } from '../../../src/adapters/storage/store-error.js';

interface Doc {
  count: number;
  items: Record<string, { name: string; tags: string[] }>;
  list: number[];
  nested: { deep: { value: string } };
}

const aDoc = (): Doc => ({
  count: 1,
  items: { a: { name: 'A', tags: ['x'] } },
  list: [3, 1, 2],
  nested: { deep: { value: 'v' } },
});

/** Applies a change that throws at its end, and returns the document afterwards. */
function afterThrowingChange(change: (doc: Doc) => void): Doc {
  const doc = aDoc();
  expect(() =>
    applyChange(doc, (draft) => {
      change(draft);
      throw new Error('boom');
    }),
  ).toThrow('boom');
  return doc;
}

describe('applyChange', () => {
  it('changes the state in place and returns the result', () => {
    const doc = aDoc();
    const applied = applyChange(doc, (draft) => {
      draft.count += 1;
      draft.items.b = { name: 'B', tags: [] };
      return draft.count;
    });
    expect(applied.result).toBe(2);
    expect(applied.changed).toBe(true);
    expect(doc.count).toBe(2);
    expect(doc.items.b).toEqual({ name: 'B', tags: [] });
  });

  it('reports a change that only reads as unchanged', () => {
    const applied = applyChange(aDoc(), (draft) => Object.keys(draft.items).length);
    expect(applied).toMatchObject({ result: 1, changed: false });
  });

  const changes: [string, (d: Doc) => void][] = [
    [
      'a top-level set',
      (d) => {
        d.count = 9;
      },
    ],
    [
      'a nested set',
      (d) => {
        d.nested.deep.value = 'changed';
      },
    ],
    [
      'an added key',
      (d) => {
        d.items.b = { name: 'B', tags: [] };
      },
    ],
    [
      'a deleted key',
      (d) => {
        delete d.items.a;
      },
    ],
    [
      'a replaced subtree',
      (d) => {
        d.nested = { deep: { value: 'new' } };
      },
    ],
    [
      'push and pop',
      (d) => {
        d.list.push(7);
        d.list.pop();
        d.list.pop();
      },
    ],
    ['splice', (d) => d.list.splice(0, 2, 9, 9, 9)],
    ['sort and reverse', (d) => d.list.sort().reverse()],
    [
      'truncation by length',
      (d) => {
        d.list.length = 0;
      },
    ],
    [
      'growth by index',
      (d) => {
        d.list[d.list.length] = 4;
      },
    ],
    ['Object.assign', (d) => Object.assign(d.nested.deep, { value: 'assigned' })],
    ['a nested array', (d) => d.items.a?.tags.push('y')],
  ];

  it.each(changes)('undoes %s when the change throws', (_name, change) => {
    expect(afterThrowingChange(change)).toEqual(aDoc());
  });

  it('undoes several writes to the same property back to the first value', () => {
    const doc = afterThrowingChange((d) => {
      for (let i = 0; i < 10; i++) d.count = i;
    });
    expect(doc.count).toBe(1);
  });

  it('stores copies, never drafts or shared objects, when one part of the state is copied to another', () => {
    const doc = aDoc();
    applyChange(doc, (draft) => {
      draft.items.copy = draft.items.a as Doc['items'][string];
      draft.items.wrapped = { name: 'W', tags: draft.items.a?.tags ?? [] };
      draft.list = draft.list.filter((n) => n > 1);
    });
    // structuredClone refuses proxies, so it proves no draft was left in the state.
    expect(() => structuredClone(doc)).not.toThrow();
    expect(doc.items.copy).toEqual(doc.items.a);
    expect(doc.items.copy).not.toBe(doc.items.a);
    expect(doc.items.wrapped?.tags).not.toBe(doc.items.a?.tags);
    expect(doc.list).toEqual([3, 2]);
  });

  it('keeps the objects a list replaced by a filter kept, and copies one kept twice', () => {
    const doc = { list: [{ n: 1 }, { n: 2 }, { n: 3 }] };
    const [one, , three] = doc.list;
    applyChange(doc, (draft) => {
      draft.list = draft.list.filter((item) => item.n !== 2);
    });
    expect(doc.list[0]).toBe(one);
    expect(doc.list[1]).toBe(three);
    applyChange(doc, (draft) => {
      draft.list = [draft.list[0] as { n: number }, draft.list[0] as { n: number }];
    });
    expect(doc.list[0]).toBe(one);
    expect(doc.list[1]).toEqual(one);
    expect(doc.list[1]).not.toBe(one);
    expect(() => structuredClone(doc)).not.toThrow();
  });

  it('puts back the list and its very objects when a change that filtered it throws', () => {
    const doc = { list: [{ n: 1 }, { n: 2 }] };
    const [one, two] = doc.list;
    expect(() =>
      applyChange(doc, (draft) => {
        draft.list = draft.list.filter((item) => item.n !== 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(doc.list).toHaveLength(2);
    expect(doc.list[0]).toBe(one);
    expect(doc.list[1]).toBe(two);
  });

  it('stores a new object placed twice as two objects, as a save and reload would', () => {
    const doc = aDoc();
    applyChange(doc, (draft) => {
      const item = { name: 'N', tags: [] };
      draft.items.b = item;
      draft.items.c = item;
    });
    expect(doc.items.b).toEqual(doc.items.c);
    expect(doc.items.b).not.toBe(doc.items.c);
  });

  it('reports the collection entries it wrote into', () => {
    const doc = aDoc();
    const applied = applyChange(doc, (draft) => {
      draft.items.a?.tags.push('y');
      draft.nested.deep.value = 'w';
      draft.count = 2;
    });
    expect(applied.touched).toHaveLength(2);
    expect(applied.touched).toContain(doc.items.a);
    expect(applied.touched).toContain(doc.nested.deep);
  });

  it('reports where it wrote, as paths of at most four keys', () => {
    const doc = aDoc();
    const applied = applyChange(doc, (draft) => {
      draft.items.a?.tags.push('y');
      draft.items.b = { name: 'B', tags: [] };
      delete draft.items.b;
      draft.nested.deep.value = 'w';
      draft.count = 2;
      draft.list.sort();
    });
    expect(applied.paths).toEqual(
      expect.arrayContaining([
        ['items', 'a', 'tags', '1'],
        ['items', 'a', 'tags', 'length'],
        ['items', 'b'],
        ['nested', 'deep', 'value'],
        ['count'],
      ]),
    );
    // Array writes name the array's own indexes, so a journal can write one element.
    expect(applied.paths.filter((path) => path[0] === 'list').length).toBeGreaterThan(0);
    expect(applied.paths.every((path) => path.length <= 4)).toBe(true);
  });

  it('reports entries reached through Object.values and entries alike', () => {
    const doc = aDoc();
    const applied = applyChange(doc, (draft) => {
      for (const item of Object.values(draft.items)) item.name = 'renamed';
      for (const [, item] of Object.entries(draft.items)) item.tags.length = 0;
    });
    expect(applied.paths).toEqual([
      ['items', 'a', 'name'],
      ['items', 'a', 'tags', '0'],
      ['items', 'a', 'tags', 'length'],
    ]);
  });

  it('reports no path for a change that only reads', () => {
    expect(applyChange(aDoc(), (draft) => draft.items.a?.name).paths).toEqual([]);
  });

  it('returns plain values, not drafts', () => {
    const doc = aDoc();
    const { result } = applyChange(doc, (draft) => ({ item: draft.items.a }));
    expect(() => structuredClone(result)).not.toThrow();
    expect(result.item).toBe(doc.items.a);
  });

  it('revokes drafts kept past the change, so a late write fails instead of bypassing the store', () => {
    let kept: Doc | undefined;
    applyChange(aDoc(), (draft) => {
      kept = draft;
    });
    expect(() => {
      if (kept) kept.count = 5;
    }).toThrow(TypeError);
  });

  it('refuses an asynchronous change and undoes what it wrote before its first await', async () => {
    const doc = aDoc();
    expect(() =>
      applyChange(doc, async (draft) => {
        draft.count = 50;
        await null;
      }),
    ).toThrow(expect.objectContaining({ code: 'change-not-sync' }));
    expect(doc.count).toBe(1);
    try {
      applyChange(doc, async () => {});
    } catch (error) {
      expect(isStoreError(error, 'change-not-sync')).toBe(true);
    }
  });
});
