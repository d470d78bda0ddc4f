import type { PermissionDiff } from '../domain/permission-change.js';

const listed = (permissions: readonly string[]) =>
  permissions.length ? permissions.map((p) => `"${p}"`).join(', ') : 'none';

/**
 * The audit details of a permission change, with both versions in full, so the history says what
 * was approved before and what is approved (or refused) now.
 */
export function permissionChangeDetails(input: {
  approved: readonly string[];
  current: readonly string[];
  diff: PermissionDiff;
}): string {
  return `approved [${listed(input.approved)}] → asked [${listed(input.current)}] (added: ${listed(input.diff.added)}; removed: ${listed(input.diff.removed)})`;
}
