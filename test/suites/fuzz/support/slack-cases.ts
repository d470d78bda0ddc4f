import fc from 'fast-check';
import type { State } from '../../../../src/domain/state.js';
import {
  appHomeOpened,
  appMention,
  blockActions,
  chosenOptions,
  directMessage,
  eventCallback,
  linkShared,
  slashCommand,
  viewSubmission,
} from '../../../adapters/slack/payloads.js';
import { forgedAction } from './baseline.js';
import { commandText, groupNames } from './commands.js';
import { mutated, nastyString } from './mutate.js';

export const SLACK_ADMIN = 'UADMIN';
export const SLACK_MEMBER = 'UMEMBER';
export const SLACK_ADMIN_CHANNEL = 'C0ADMINS';

const channels = fc.oneof(
  fc.constantFrom('C0GENERAL', SLACK_ADMIN_CHANNEL, 'DMEMBER', 'G0PRIVATE'),
  nastyString,
);
const people = fc.oneof(
  fc.constantFrom('<@UGRACE>', '<@UMEMBER>', '<@W123|bob>', '<@UNOBODY>', 'slack:UGRACE', '@Grace', '<@U1|'),
  nastyString,
);
const text = commandText(people);
const links = fc.oneof(
  fc.constantFrom(
    'https://acme.atlassian.net/browse/OPS-1',
    'https://www.dropbox.com/s/abc',
    'https://wiki.acme.test/page',
    'https://zoom.us/j/1',
    'https://example.org/',
  ),
  fc.webUrl(),
);

/** Slash command form fields: every command, from the member, with fuzzed fields. */
export const slashCases = (responseUrl: string) =>
  mutated(
    fc.record({ text, channel: channels, channelName: fc.option(nastyString) }).map((c) =>
      slashCommand({
        user: SLACK_MEMBER,
        channel: c.channel,
        channelName: c.channelName ?? undefined,
        text: c.text,
        responseUrl,
      }),
    ),
  );

const unknownEvent = fc
  .record({
    type: fc.oneof(
      fc.constantFrom('reaction_added', 'member_joined_channel', 'tokens_revoked', 'message'),
      nastyString,
    ),
    extra: fc.jsonValue({ maxDepth: 2 }),
  })
  .map((e) => ({ type: e.type, user: SLACK_MEMBER, extra: e.extra, event_ts: '1700000000.000100' }));

/** Events API envelopes: mentions, DMs, shared links, App Home and types the bot does not handle. */
export const eventCases = mutated(
  fc
    .oneof(
      fc
        .record({ text, channel: channels })
        .map((c) => appMention({ user: SLACK_MEMBER, channel: c.channel, text: `<@UBOT> ${c.text}` })),
      text.map((t) => directMessage({ user: SLACK_MEMBER, channel: 'DMEMBER', text: t })),
      fc
        .record({
          urls: fc.array(links, { minLength: 1, maxLength: 3 }),
          channel: channels,
          composer: fc.boolean(),
        })
        .map((c) =>
          linkShared({
            user: SLACK_MEMBER,
            channel: c.channel,
            urls: c.urls,
            source: c.composer ? 'composer' : undefined,
          }),
        ),
      fc.constant(null).map(() => appHomeOpened({ user: SLACK_MEMBER, channel: 'DMEMBER' })),
      unknownEvent,
    )
    .map((event) => eventCallback(event)),
);

/** block_actions clicks by the member on forged buttons: real and wrong ids, any verb, any surface. */
export const clickCases = (state: State, responseUrl: string) =>
  mutated(
    fc
      .record({
        action: forgedAction(state),
        n: fc.nat(9),
        container: fc.constantFrom('message' as const, 'view' as const, 'unfurl' as const),
        channel: channels,
        junkValue: fc.option(nastyString, { freq: 5 }),
      })
      .map((c) =>
        blockActions({
          user: SLACK_MEMBER,
          button: { action_id: `${c.action.verb}:${c.n}`, value: c.junkValue ?? JSON.stringify(c.action) },
          channel: c.channel,
          messageTs: '1700000000.000100',
          responseUrl,
          container: c.container,
        }),
      ),
  );

/** view_submission of the action form by the member, its private_metadata forged and fuzzed. */
export const submissionCases = (state: State, responseUrl: string, safe: (v: unknown) => unknown) =>
  mutated(
    fc
      .record({
        metadata: mutated(
          fc.record({
            verb: forgedAction(state).map((a) => a.verb),
            data: forgedAction(state).map((a) => a.data),
            place: fc.record({
              surface: fc.constantFrom('message', 'ephemeral', 'home', 'unfurl'),
              channel: channels,
              ts: fc.constant('1700000000.000100'),
              responseUrl: fc.constant(responseUrl),
            }),
          }),
        ),
        callbackId: fc.constantFrom('action-form', 'action-form', 'other-form'),
        reason: fc.option(nastyString),
        groups: fc.option(fc.array(groupNames, { maxLength: 3 })),
      })
      .map((c) => {
        const values: Record<string, Record<string, unknown>> = {};
        if (c.reason !== null) values.reason = { value: { type: 'plain_text_input', value: c.reason } };
        if (c.groups !== null)
          values.groups = {
            value: chosenOptions(
              'multi_static_select',
              c.groups.map((g) => ({ value: g, text: g })),
            ),
          };
        return { values, c };
      })
      .map(({ values, c }) =>
        viewSubmission({
          user: SLACK_MEMBER,
          view: { callback_id: c.callbackId, private_metadata: JSON.stringify(safe(c.metadata)) ?? '' },
          values,
        }),
      ),
  );
