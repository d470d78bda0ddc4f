import { describe, expect, it } from 'vitest';
import { judgeFrame } from '../../../src/adapters/slack/socket-receiver.js';

const frame = (value: unknown) => JSON.stringify(value);
const envelope = (fields: Record<string, unknown>) =>
  frame({ envelope_id: 'e-1', type: 'slash_commands', payload: { command: '/x' }, ...fields });

describe('judgeFrame', () => {
  it("forwards Slack's documented messages", () => {
    expect(judgeFrame(frame({ type: 'hello', num_connections: 1, debug_info: { host: 'h' } }))).toBe(
      'forward',
    );
    expect(judgeFrame(frame({ type: 'disconnect', reason: 'refresh_requested' }))).toBe('forward');
    expect(judgeFrame(envelope({ accepts_response_payload: true }))).toBe('forward');
    expect(judgeFrame(envelope({ type: 'interactive', payload: { type: 'block_actions' } }))).toBe('forward');
    const event = { type: 'events_api', payload: { event: { type: 'message' } }, retry_attempt: 1 };
    expect(judgeFrame(envelope({ ...event, retry_reason: 'timeout' }))).toBe('forward');
  });

  it('refuses, with the envelope id to acknowledge, envelopes the client would choke on', () => {
    const refused = (text: string) => {
      const verdict = judgeFrame(text);
      return verdict === 'forward' ? null : verdict.envelopeId;
    };
    expect(refused(envelope({ type: 'events_api', payload: {} }))).toBe('e-1');
    expect(refused(envelope({ type: 'events_api', payload: { event: 'message' } }))).toBe('e-1');
    expect(refused(envelope({ payload: null }))).toBe('e-1');
    expect(refused(envelope({ payload: ['x'] }))).toBe('e-1');
    expect(refused(envelope({ type: 'connected' }))).toBe('e-1');
    expect(refused(envelope({ retry_attempt: -1 }))).toBe('e-1');
    expect(refused(envelope({ envelope_id: 'x'.repeat(201) }))).toBeNull();
    expect(refused(envelope({ envelope_id: 7 }))).toBeNull();
    expect(refused('null')).toBeNull();
    expect(refused('[]')).toBeNull();
    expect(refused('{')).toBeNull();
  });
});
