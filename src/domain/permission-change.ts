import type { Install } from './state.js';

/** What a catalog change does to the permissions admins approved: what is new, what is gone. */
export interface PermissionDiff {
  added: string[];
  removed: string[];
}

const unique = (list: readonly string[]) => [...new Set(list.map((p) => p.trim()).filter(Boolean))];

/** The permissions in `current` that `approved` did not have, and those it had that `current` drops. */
export function permissionDiff(approved: readonly string[], current: readonly string[]): PermissionDiff {
  const before = unique(approved);
  const after = unique(current);
  return {
    added: after.filter((p) => !before.includes(p)),
    removed: before.filter((p) => !after.includes(p)),
  };
}

/**
 * A short fingerprint of a permission set, the same whatever the order (FNV-1a over the sorted
 * set): one notice per integration and set, so a new change asks again and a restart does not.
 */
export function permissionSetHash(permissions: readonly string[]): string {
  const text = unique(permissions).sort().join('\n');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Where an install stands against the catalog's permissions now:
 * - `baseline`: nothing was recorded (an install older than this check), so today's set is taken as approved;
 * - `same`: what admins approved is what it asks;
 * - `fewer`: it only drops permissions, which needs nobody's approval (recorded, audited);
 * - `more`: it asks for something new while on, which admins must approve or refuse;
 * - `off`: it differs but is off; turning it on again approves the set of that day.
 */
export type PermissionCheck =
  | { kind: 'baseline' }
  | { kind: 'same' }
  | { kind: 'off'; diff: PermissionDiff }
  | { kind: 'fewer'; diff: PermissionDiff; approved: string[] }
  | { kind: 'more'; diff: PermissionDiff; approved: string[]; hash: string };

export function checkPermissions(install: Readonly<Install>, current: readonly string[]): PermissionCheck {
  const approved = install.approvedPermissions;
  if (approved === null) return { kind: 'baseline' };
  const diff = permissionDiff(approved, current);
  if (!diff.added.length && !diff.removed.length) return { kind: 'same' };
  if (install.status !== 'enabled') return { kind: 'off', diff };
  if (!diff.added.length) return { kind: 'fewer', diff, approved: [...approved] };
  return { kind: 'more', diff, approved: [...approved], hash: permissionSetHash(current) };
}

/** The key that marks a permission-change notice as sent, once per integration and permission set. */
export function permissionChangeKey(integrationId: string, hash: string): string {
  return `permissions:${integrationId}:${hash}`;
}
