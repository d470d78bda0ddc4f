import { describe, expect, it } from 'vitest';
import {
  alternativeFor,
  keepOfferedReason,
  offerKey,
  sameCategory,
  takeOfferedReason,
} from '../../src/domain/alternatives.js';
import { CatalogEntry, type CatalogEntryInput } from '../../src/domain/catalog.js';
import { emptyState, type Install, type Scope } from '../../src/domain/state.js';

const entry = (input: Partial<CatalogEntryInput> & { id: string }) =>
  CatalogEntry.parse({ name: input.id, vendor: input.id, ...input });

const box = entry({ id: 'box', category: 'file storage' });
const dropbox = entry({ id: 'dropbox', category: 'File Storage' });
const drive = entry({ id: 'google-drive', category: 'file  storage' });
const zoom = entry({ id: 'zoom', category: 'video meetings' });
const custom = entry({ id: 'files-r-us', custom: true });
const catalog = [box, dropbox, drive, zoom, custom];

const on = (integrationId: string, scope: Scope, status: Install['status'] = 'enabled'): Install => ({
  integrationId,
  scope,
  status,
  connected: false,
  changedAt: '2026-11-22T10:42:00Z',
  changedBy: 'console:admin',
  keptUntil: null,
  disabledBy: null,
  disabledAt: null,
  endsAt: null,
  approvedPermissions: null,
});

describe('alternativeFor', () => {
  it('offers an integration of the same category on for one of the asker’s groups, naming those groups', () => {
    const installs = { dropbox: on('dropbox', { kind: 'groups', groups: ['sales', 'eng'] }) };
    expect(alternativeFor({ catalog, installs, wanted: box, groupIds: ['sales', 'ops'] })).toEqual({
      entry: dropbox,
      scope: { kind: 'groups', groups: ['sales'] },
    });
  });

  it('offers one on for all groups, to anyone, even someone in no group', () => {
    const installs = { 'google-drive': on('google-drive', { kind: 'all' }) };
    expect(alternativeFor({ catalog, installs, wanted: box, groupIds: [] })).toEqual({
      entry: drive,
      scope: { kind: 'all' },
    });
  });

  it('offers nothing when the same-category one is on only for other groups, or off', () => {
    const elsewhere = { dropbox: on('dropbox', { kind: 'groups', groups: ['eng'] }) };
    expect(alternativeFor({ catalog, installs: elsewhere, wanted: box, groupIds: ['sales'] })).toBeNull();
    const off = { dropbox: on('dropbox', { kind: 'all' }, 'disabled') };
    expect(alternativeFor({ catalog, installs: off, wanted: box, groupIds: ['sales'] })).toBeNull();
  });

  it('offers nothing of another category, nor for an entry without one (custom integrations)', () => {
    const installs = { zoom: on('zoom', { kind: 'all' }), dropbox: on('dropbox', { kind: 'all' }) };
    expect(
      alternativeFor({ catalog, installs: { zoom: installs.zoom }, wanted: box, groupIds: [] }),
    ).toBeNull();
    expect(alternativeFor({ catalog, installs, wanted: custom, groupIds: [] })).toBeNull();
  });

  it('never offers the integration asked for itself, and takes the first in catalog order', () => {
    const installs = {
      box: on('box', { kind: 'groups', groups: ['eng'] }),
      'google-drive': on('google-drive', { kind: 'all' }),
      dropbox: on('dropbox', { kind: 'all' }),
    };
    expect(alternativeFor({ catalog, installs, wanted: box, groupIds: ['sales'] })?.entry.id).toBe('dropbox');
  });
});

describe('sameCategory', () => {
  it('compares categories loosely, and never matches a missing one', () => {
    expect(sameCategory(box, dropbox)).toBe(true);
    expect(sameCategory(box, drive)).toBe(true);
    expect(sameCategory(box, zoom)).toBe(false);
    expect(sameCategory(custom, entry({ id: 'other' }))).toBe(false);
  });
});

describe('offered reasons', () => {
  const now = new Date('2026-11-22T10:42:00Z');
  const who = { integrationId: 'box', personId: 'console:ada' };

  it('keeps a reason per person and integration, to be taken once', () => {
    const state = emptyState();
    keepOfferedReason(state, { ...who, reason: 'clients use Box', now });
    keepOfferedReason(state, { integrationId: 'box', personId: 'console:bob', reason: 'other', now });
    expect(state.offeredReasons[offerKey('box', 'console:ada')]).toEqual({
      reason: 'clients use Box',
      at: now.toISOString(),
    });
    expect(takeOfferedReason(state, who)).toBe('clients use Box');
    expect(takeOfferedReason(state, who)).toBeNull();
    expect(takeOfferedReason(state, { integrationId: 'box', personId: 'console:bob' })).toBe('other');
  });

  it('replaces a kept reason with a later one, and drops it for an offer without one', () => {
    const state = emptyState();
    keepOfferedReason(state, { ...who, reason: 'first', now });
    keepOfferedReason(state, { ...who, reason: 'second', now });
    expect(Object.keys(state.offeredReasons)).toEqual(['box console:ada']);
    keepOfferedReason(state, { ...who, reason: null, now });
    expect(state.offeredReasons).toEqual({});
    expect(takeOfferedReason(state, { integrationId: '__proto__', personId: 'x' })).toBeNull();
  });
});
