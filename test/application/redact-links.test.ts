import { describe, expect, it } from 'vitest';
import { redactLinks } from '../../src/application/ports/logger.js';
import { createCaptureLogger } from '../fakes/capture-logger.js';

describe('redactLinks', () => {
  it('removes export tokens, state values and OAuth codes from the message and every field, keeping the rest', () => {
    const inner = createCaptureLogger();
    const logger = redactLinks(inner);
    logger.error('GET /exports/eyJrIjoiZXhwb3J0In0.c2ln failed', {
      path: '/exports/eyJrIjoiZXhwb3J0In0.c2ln?x=1',
      url: 'https://bot.example.com/auth/office365/callback?admin_consent=True&state=abc.def&tenant=t1',
      nested: { links: ['/oauth/callback?code=c0de&state=xyz'], count: 3 },
      plain: 'nothing to hide',
    });
    expect(inner.lines).toEqual([
      {
        level: 'error',
        message: 'GET /exports/[redacted] failed',
        fields: {
          path: '/exports/[redacted]?x=1',
          url: 'https://bot.example.com/auth/office365/callback?admin_consent=True&state=[redacted]&tenant=t1',
          nested: { links: ['/oauth/callback?code=[redacted]&state=[redacted]'], count: 3 },
          plain: 'nothing to hide',
        },
      },
    ]);
  });

  it('leaves lines without links alone', () => {
    const inner = createCaptureLogger();
    redactLinks(inner).info('restated the exports list', { what: 'exports/ and statement' });
    expect(inner.lines).toEqual([
      { level: 'info', message: 'restated the exports list', fields: { what: 'exports/ and statement' } },
    ]);
  });
});
