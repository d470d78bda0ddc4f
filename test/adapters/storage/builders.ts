import type { AuditEntry } from '../../../src/application/ports/audit-log.js';
import type { Notice } from '../../../src/domain/notice.js';
import type { IntegrationRequest } from '../../../src/domain/state.js';

/** An open request for `integrationId` by one member, with overrides. */
export function aRequest(overrides: Partial<IntegrationRequest> = {}): IntegrationRequest {
  return {
    id: 'r1',
    integrationId: 'jira',
    state: 'open',
    requesters: [{ personId: 'slack:U1', reason: 'tickets', at: '2024-05-01T10:00:00.000Z' }],
    createdAt: '2024-05-01T10:00:00.000Z',
    decision: null,
    expiredAt: null,
    ...overrides,
  };
}

/** An audit entry for an integration, with overrides. */
export function anAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: '2024-05-01T10:00:00.000Z',
    actor: 'slack:U1',
    action: 'request',
    integrationId: 'jira',
    details: 'requested',
    ...overrides,
  };
}

/** A queued notice `id` for `target`, with overrides. */
export function aNotice(id: string, overrides: Partial<Notice> = {}): Notice {
  return {
    id,
    target: 'slack:C1',
    cardKey: null,
    mode: 'post',
    view: { kind: 'text', text: id },
    state: 'queued',
    attempts: 0,
    notBefore: '2024-05-01T10:00:00.000Z',
    lastError: null,
    createdAt: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}
