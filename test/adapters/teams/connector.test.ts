import { describe, expect, it } from 'vitest';
import { createConnectorPool } from '../../../src/adapters/teams/connector.js';

const local = { appId: null, appPassword: null, appType: 'MultiTenant', tenantId: null };

describe('Bot Connector pool', () => {
  it('makes one client per serviceUrl and reuses it for every send there', async () => {
    const pool = createConnectorPool(local);
    const first = await pool.connectorFor('http://127.0.0.1:3978/teams/');
    const again = await pool.connectorFor('http://127.0.0.1:3978/teams/');
    const other = await pool.connectorFor('http://127.0.0.1:3979/teams/');
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('makes clients without their own retries (the outbox retries and honours Retry-After)', async () => {
    const pool = createConnectorPool(local);
    const connector = (await pool.connectorFor('http://127.0.0.1:3978/teams/')) as unknown as {
      client: { pipeline: { getOrderedPolicies(): { name: string }[] } };
    };
    const names = connector.client.pipeline.getOrderedPolicies().map((p) => p.name);
    expect(names).not.toContain('defaultRetryPolicy');
  });

  it('keeps each pool to itself: a second pool makes its own clients', async () => {
    const url = 'http://127.0.0.1:3978/teams/';
    const a = await createConnectorPool(local).connectorFor(url);
    const b = await createConnectorPool(local).connectorFor(url);
    expect(a).not.toBe(b);
  });
});
