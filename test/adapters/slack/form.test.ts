import { describe, expect, it } from 'vitest';
import { FormMetadata, readForm } from '../../../src/adapters/slack/listeners/form.js';
import { MAX_ID_LENGTH } from '../../../src/domain/limits.js';
import { chosenOptions } from './payloads.js';

/** view.state.values as Slack sends them: block id → action id → element state. */
const groups = (state: unknown) => ({ groups: { value: state } }) as Record<string, Record<string, unknown>>;

describe('readForm', () => {
  it.each(['multi_static_select', 'checkboxes'] as const)('reads the chosen groups of a %s', (type) => {
    const options = [
      { value: 'sales', text: 'Sales' },
      { value: 'eng', text: 'Eng' },
    ];
    expect(readForm(groups(chosenOptions(type, options)))).toEqual({
      inputs: { groups: ['sales', 'eng'] },
      errors: {},
    });
  });

  it.each([
    ['no option chosen', chosenOptions('multi_static_select', [])],
    ['selected_options null', { type: 'multi_static_select', selected_options: null }],
    ['a state of the wrong shape', { type: 'multi_static_select', selected_options: 'sales' }],
  ])('answers a field error for %s', (_name, state) => {
    expect(readForm(groups(state))).toEqual({ inputs: {}, errors: { groups: 'Choose at least one group.' } });
  });

  it('reads a trimmed reason, and refuses an empty or overlong one', () => {
    const reason = (value: unknown) => ({ reason: { value: { type: 'plain_text_input', value } } });
    expect(readForm(reason('  no budget  '))).toEqual({ inputs: { reason: 'no budget' }, errors: {} });
    expect(readForm(reason(null)).errors.reason).toMatch(/required/);
    expect(readForm(reason('x'.repeat(501))).errors.reason).toMatch(/500/);
  });

  it('ignores blocks it does not know', () => {
    expect(readForm({ other: { value: { type: 'plain_text_input', value: 'x' } } })).toEqual({
      inputs: {},
      errors: {},
    });
  });
});

describe('FormMetadata (private_metadata, which a signed request can forge)', () => {
  const place = {
    surface: 'message',
    channel: 'C0123',
    ts: '1700000000.000100',
    responseUrl: 'https://hooks.slack.com/x',
  };
  const metadata = (p: Record<string, unknown>) => ({
    verb: 'denyRequest',
    data: { requestId: 'r1' },
    place: p,
  });

  it('reads the place a form was opened from', () => {
    expect(FormMetadata.safeParse(metadata(place)).success).toBe(true);
  });

  it.each([
    ['a lone-surrogate channel', { channel: '\ud800' }],
    ['a channel with a space', { channel: 'C0 123' }],
    ['an over-long channel', { channel: 'C'.repeat(MAX_ID_LENGTH + 1) }],
    ['a ts with a control character', { ts: '1700000000.0001\u0000' }],
    ['a response URL with a lone surrogate', { responseUrl: 'https://hooks.slack.com/\udfff' }],
  ])('refuses a place with %s, which would fail in a Web API call', (_name, fields) => {
    expect(FormMetadata.safeParse(metadata({ ...place, ...fields })).success).toBe(false);
  });
});
