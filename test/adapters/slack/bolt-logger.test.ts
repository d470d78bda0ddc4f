import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/bolt-support.js';
import type { Logger } from '../../../src/application/ports/logger.js';

describe('boltLogger', () => {
  it("keeps the Web API client's per-request failure at info (the delivery worker warns once with a reason)", () => {
    const lines: [string, string][] = [];
    const logger: Logger = {
      info: (m) => lines.push(['info', m]),
      warn: (m) => lines.push(['warn', m]),
      error: (m) => lines.push(['error', m]),
    };
    const bolt = boltLogger(logger);
    bolt.warn('http request failed', 'fetch failed');
    bolt.warn('signature mismatch');
    bolt.error('http request failed', 'fetch failed');
    expect(lines).toEqual([
      ['info', 'slack: http request failed fetch failed'],
      ['warn', 'slack: signature mismatch'],
      ['error', 'slack: http request failed fetch failed'],
    ]);
  });
});
